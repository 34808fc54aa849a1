/* De-escalation knowledge base: durable checklists, step timers, print buttons.
 * Ticks live in localStorage under the key in the toolbar's data-kb-store (site, version,
 * language and page), as a list of step ids, so inserting a step never shifts ticks.
 * Every visible string comes from data attributes rendered from the locale files. */
(function () {
  "use strict";

  function readStore(key) {
    try {
      var raw = window.localStorage.getItem(key);
      var list = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function writeStore(key, ids) {
    try {
      if (ids.length) window.localStorage.setItem(key, JSON.stringify(ids));
      else window.localStorage.removeItem(key);
    } catch (e) {
      /* storage unavailable (private mode, quota): ticks last for this page view only */
    }
  }

  function setupChecklist(toolbar) {
    var key = toolbar.getAttribute("data-kb-store");
    var template = toolbar.getAttribute("data-kb-progress") || "{done}/{total}";
    var progress = toolbar.querySelector(".kb-progress");
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input.kb-check[data-kb-step]"));
    var ticked = readStore(key);

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      progress.textContent = template.replace("{done}", done).replace("{total}", boxes.length);
      boxes.forEach(function (b) { b.closest(".kb-step").classList.toggle("kb-step--done", b.checked); });
    }

    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.getAttribute("data-kb-step")) !== -1;
      box.addEventListener("change", function () {
        writeStore(key, boxes.filter(function (b) { return b.checked; })
          .map(function (b) { return b.getAttribute("data-kb-step"); }));
        update();
      });
    });
    toolbar.querySelector(".kb-reset").addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      writeStore(key, []);
      update();
    });
    toolbar.hidden = false;
    update();
  }

  function clock(seconds) {
    var s = Math.floor(seconds);
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  function setupTimer(timer) {
    var start = Number(timer.getAttribute("data-kb-from"));
    var end = Number(timer.getAttribute("data-kb-to"));
    var button = timer.querySelector(".kb-timer-toggle");
    var elapsed = timer.querySelector(".kb-timer-elapsed");
    var state = timer.querySelector(".kb-timer-state");
    var began = null, tick = null, phase = null;

    function show() {
      var secs = (Date.now() - began) / 1000;
      var now = secs >= end ? "over" : secs >= start ? "open" : "waiting";
      elapsed.textContent = clock(secs);
      if (now !== phase) {
        phase = now;
        timer.setAttribute("data-kb-phase", now);
        state.textContent = timer.getAttribute("data-kb-" + now);
      }
    }

    button.addEventListener("click", function () {
      if (tick) {
        clearInterval(tick);
        tick = null;
        button.textContent = timer.getAttribute("data-kb-start");
        return;
      }
      began = Date.now();
      phase = null;
      tick = setInterval(show, 250);
      show();
      button.textContent = timer.getAttribute("data-kb-stop");
    });
    timer.hidden = false;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setupCopy(button) {
    var label = button.textContent;
    var timer = null;
    var status = document.createElement("span");
    status.className = "kb-copy-status";
    status.setAttribute("role", "status");
    button.insertAdjacentElement("afterend", status);
    button.addEventListener("click", function () {
      function show(message) {
        button.textContent = message;
        status.textContent = message;
        clearTimeout(timer);
        timer = setTimeout(function () { button.textContent = label; status.textContent = ""; }, 2000);
      }
      copyText(button.getAttribute("data-kb-copy")).then(
        function () { show(button.getAttribute("data-kb-done")); },
        function () { show(button.getAttribute("data-kb-failed")); });
    });
    button.hidden = false;
  }

  function init() {
    var toolbar = document.querySelector(".kb-toolbar[data-kb-store]");
    if (toolbar) setupChecklist(toolbar);
    Array.prototype.forEach.call(document.querySelectorAll(".kb-timer"), setupTimer);
    Array.prototype.forEach.call(document.querySelectorAll("button.kb-copy[data-kb-copy]"), setupCopy);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
