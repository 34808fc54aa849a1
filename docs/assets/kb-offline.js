/* Offline reading: registers the site's service worker (sw.js at the site root, whatever
 * subpath the site is served under) and shows the translated offline notice naming the build
 * the reader is looking at. The home page's "save every language" control asks the worker to
 * save everything and shows its progress; the offline page lists, from Cache Storage, the pages
 * of its language that are saved and links back to the page the reader asked for. Without
 * service workers (old browsers, plain http) the site works as before; only the offline copy
 * is missing. In a preview (`mkdocs serve`) no worker is registered. */
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

  var save = document.querySelector("[data-kb-save-all]");
  var settled = false;  /* the current "save every language" run has its outcome */
  if (!root || !("serviceWorker" in navigator) || !window.isSecureContext) {
    if (save) save.hidden = true;  /* nothing can be saved here */
    return;
  }
  if (document.documentElement.hasAttribute("data-kb-preview")) {
    /* A preview under `mkdocs serve` shows every save at once: no offline copy, and a worker
     * left on this address by a real build is removed (sw.js here is one that removes itself). */
    if (save) save.hidden = true;
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }).catch(function () { /* nothing registered, or no access: nothing to remove */ });
    return;
  }
  if (save) {
    save.querySelector("button").addEventListener("click", function () {
      save.querySelector("button").disabled = true;
      settled = false;
      navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({ type: "kb-offline-save" });
      });
    });
  }

  /* The control's state: progress (done of total files), then done (true) or failed (false). A file's
   * progress that arrives after the outcome (the worker's fetches finish in any order) is not shown. */
  function saving(data) {
    if (data.ready === null && settled) return;
    if (data.ready !== null) settled = true;
    var status = save.querySelector(".kb-save-all__status");
    var bar = save.querySelector(".kb-save-all__bar");
    var button = save.querySelector("button");
    var text = data.ready === true ? status.getAttribute("data-done")
      : data.ready === false ? status.getAttribute("data-failed")
        : status.getAttribute("data-progress").replace("{done}", data.done).replace("{total}", data.total);
    button.disabled = data.ready === null;
    save.querySelector(".kb-save-all__hint").hidden = data.ready === true;
    bar.hidden = data.ready !== null;
    bar.max = data.total || 1;
    bar.value = data.done || 0;
    save.setAttribute("data-kb-state", data.ready === true ? "done" : data.ready === false ? "failed" : "saving");
    status.textContent = text;
    /* A busy live region is read out once, when it is no longer busy: the outcome, not every file. */
    status.setAttribute("aria-busy", data.ready === null ? "true" : "false");
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "kb-offline-save" && save) {
      saving(data);
      return;
    }
    if (data.type === "kb-offline-status" && save && data.saved) {
      save.setAttribute("data-kb-state", "done");  /* said quietly (not in the live region) */
      save.querySelector(".kb-save-all__hint").textContent = save.querySelector(".kb-save-all__status").getAttribute("data-done");
      return;
    }
    if (data.type !== "kb-offline") return;
    build = data.build;
    if (data.ready) document.documentElement.setAttribute("data-kb-offline-build", data.build);
    show();
  });

  /* The offline page: the address asked for (to try again), and which pages are saved. */
  var offlinePage = document.querySelector("[data-kb-offline-page]");
  if (offlinePage) {
    var asked = new URLSearchParams(location.search).get("page");
    var target = asked ? new URL(asked, root) : null;
    if (target && target.origin === location.origin && target.href.indexOf(root) === 0) {
      var retry = offlinePage.querySelector("[data-kb-retry]");
      retry.href = target.href;
      retry.parentNode.hidden = false;
    }
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf("kb-offline-") === 0; }).map(function (name) {
        return caches.open(name).then(function (cache) { return cache.keys(); });
      }));
    }).then(function (lists) {
      var saved = {};
      lists.forEach(function (requests) { requests.forEach(function (r) { saved[r.url] = true; }); });
      var shown = 0;
      offlinePage.querySelectorAll("[data-kb-saved-path]").forEach(function (item) {
        item.hidden = !saved[root + item.getAttribute("data-kb-saved-path")];
        if (!item.hidden) shown += 1;
      });
      offlinePage.querySelector(".kb-offline-page__saved").hidden = shown === 0;
    }).catch(function () { /* no Cache Storage: the links above still work */ });
  }

  function ask(worker) {
    if (worker) worker.postMessage({ type: "kb-offline", url: location.href });
  }

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var worker = navigator.serviceWorker.controller || registration.active;
      ask(worker);
      if (save && worker) worker.postMessage({ type: "kb-offline-status" });
    }).catch(function () {  /* no offline copy (private mode, storage full): the site still works online */
      if (save) save.hidden = true;
    });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      ask(navigator.serviceWorker.controller);
    });
  });
})();
