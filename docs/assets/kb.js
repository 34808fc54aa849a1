/* De-escalation knowledge base: durable checklists, copy buttons, print buttons.
 * Ticks belong to the step, not to a language or page: one list of "technique/step" keys in
 * localStorage under the toolbar's data-kb-store, so a tick made on any page, in any language,
 * shows wherever that step is listed. "Clear ticks" clears this page's steps and can be undone.
 * Every visible string comes from data attributes rendered from the locale files.
 * Timers are in kb-timer.js, the language switch in kb-lang.js, the live console in kb-console.js. */
(function () {
  "use strict";

  var V1_PREFIX = "deescalation-kb:v1:";
  var UNDO_MS = 15000;

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

  /* Before v2, ticks were kept per language and page, and technique pages stored bare step ids.
   * Merge them into the one shared set once, then drop the old keys. */
  function migrate(key) {
    try {
      var storage = window.localStorage, old = [], merged = readStore(key);
      for (var i = 0; i < storage.length; i++) {
        var name = storage.key(i);
        if (name && name.indexOf(V1_PREFIX) === 0) old.push(name);
      }
      old.forEach(function (name) {
        var technique = /\/techniques\/([a-z0-9-]+)\/$/.exec(name);
        readStore(name).forEach(function (id) {
          var full = technique && id.indexOf("/") === -1 ? technique[1] + "/" + id : id;
          if (merged.indexOf(full) === -1) merged.push(full);
        });
        storage.removeItem(name);
      });
      if (old.length) writeStore(key, merged);
    } catch (e) {
      /* storage unavailable: nothing to migrate */
    }
  }

  function setupChecklist(toolbar) {
    var key = toolbar.getAttribute("data-kb-store");
    var template = toolbar.getAttribute("data-kb-progress") || "{done}/{total}";
    var progress = toolbar.querySelector(".kb-progress");
    var reset = toolbar.querySelector(".kb-reset");
    var undoText = toolbar.querySelector(".kb-undo-text");
    var undoButton = toolbar.querySelector(".kb-undo-button");
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input.kb-check[data-kb-step]"));
    var memory = null; /* ticks of this page when storage is unavailable */
    var cleared = [], undoTimer = null;
    migrate(key);

    function ticked() {
      if (memory) return memory.slice();
      return readStore(key);
    }

    function save(ids) {
      writeStore(key, ids);
      if (memory || readStore(key).join() !== ids.join()) memory = ids.slice();
    }

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      progress.textContent = template.replace("{done}", done).replace("{total}", boxes.length);
      boxes.forEach(function (b) { b.closest(".kb-step").classList.toggle("kb-step--done", b.checked); });
      document.dispatchEvent(new CustomEvent("kb:ticks"));
    }

    function apply() {
      var ids = ticked();
      boxes.forEach(function (b) { b.checked = ids.indexOf(b.getAttribute("data-kb-step")) !== -1; });
      update();
    }

    function hideUndo() {
      clearTimeout(undoTimer);
      undoText.hidden = true;
      undoButton.hidden = true;
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var id = box.getAttribute("data-kb-step");
        var ids = ticked().filter(function (t) { return t !== id; });
        if (box.checked) ids.push(id);
        save(ids);
        apply();
      });
    });
    reset.addEventListener("click", function () {
      var onPage = boxes.map(function (b) { return b.getAttribute("data-kb-step"); });
      cleared = ticked().filter(function (t) { return onPage.indexOf(t) !== -1; });
      save(ticked().filter(function (t) { return onPage.indexOf(t) === -1; }));
      apply();
      if (!cleared.length) return;
      undoText.hidden = false;
      undoButton.hidden = false;
      clearTimeout(undoTimer);
      undoTimer = setTimeout(hideUndo, UNDO_MS);
    });
    undoButton.addEventListener("click", function () {
      var ids = ticked();
      cleared.forEach(function (t) { if (ids.indexOf(t) === -1) ids.push(t); });
      save(ids);
      cleared = [];
      apply();
      hideUndo();
      reset.focus();
    });
    window.addEventListener("storage", function (event) { if (event.key === key) apply(); });
    toolbar.hidden = false;
    apply();
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
    Array.prototype.forEach.call(document.querySelectorAll("button.kb-copy[data-kb-copy]"), setupCopy);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
