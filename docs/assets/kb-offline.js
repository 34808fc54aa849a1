/* Offline reading: registers the site's service worker (sw.js at the site root, whatever
 * subpath the site is served under) and shows the translated offline notice naming the build
 * the reader is looking at. Without service workers (old browsers, plain http) the site works
 * as before; only the offline copy is missing. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? new URL("../", script.src).href : null;  /* this file is <root>/assets/ */
  var notice = document.querySelector(".kb-offline");
  var build = null;

  function show() {
    if (!notice) return;
    var offline = navigator.onLine === false;
    var buildText = notice.querySelector(".kb-offline__build");
    if (buildText) {
      buildText.textContent = build ? buildText.getAttribute("data-kb-template").replace("{build}", build) : "";
      buildText.hidden = !build;
    }
    notice.hidden = !offline;
  }

  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();

  if (!root || !("serviceWorker" in navigator) || !window.isSecureContext) return;

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "kb-offline") return;
    build = data.build;
    if (data.ready) document.documentElement.setAttribute("data-kb-offline-build", data.build);
    show();
  });

  function ask(worker) {
    if (worker) worker.postMessage({ type: "kb-offline", url: location.href });
  }

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      ask(navigator.serviceWorker.controller || registration.active);
    }).catch(function () { /* no offline copy (private mode, storage full): the site still works online */ });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      ask(navigator.serviceWorker.controller);
    });
  });
})();
