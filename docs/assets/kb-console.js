/* The live-call console (/live/): one situation's move at a time, one pause point at a time,
 * a "next unticked step" control, and single-key shortcuts (listed in the `?` help dialog).
 * No shortcut fires while the reader types in a field. Ticks are kb.js's shared checklist:
 * the console's checkboxes carry the same technique/step keys as the playbook pages. */
(function () {
  "use strict";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && ["checkbox", "radio", "button", "submit", "reset"].indexOf(target.type) === -1;
  }

  function setup(root) {
    var list = root.querySelector(".kb-situations-panel");
    var links = all(root, "a[data-kb-situation]");
    var moves = all(root, "[data-kb-move]");
    var phases = all(document, ".kb-phase");
    var bar = root.querySelector(".kb-console-bar");
    var progress = bar.querySelector(".kb-phase-progress");
    var nav = document.querySelector(".kb-phase-nav");
    var prev = nav.querySelector(".kb-phase-prev");
    var next = nav.querySelector(".kb-phase-next");
    var help = root.querySelector(".kb-help");
    var current = 0, step = null, open = null;

    function setHash(id) {
      history.replaceState(null, "", id ? "#" + id : window.location.pathname + window.location.search);
    }

    function showSituation(id, focus) {
      var move = moves.filter(function (m) { return m.getAttribute("data-kb-move") === id; })[0];
      if (!move) return;
      moves.forEach(function (m) { m.hidden = m !== move; });
      list.hidden = true;
      open = move;
      setHash(move.id);
      move.scrollIntoView({ block: "start" });
      if (focus !== false) move.focus({ preventScroll: true });
    }

    function back() {
      if (!open) return;
      var id = open.getAttribute("data-kb-move");
      open.hidden = true;
      open = null;
      list.hidden = false;
      setHash("");
      var link = links.filter(function (a) { return a.getAttribute("data-kb-situation") === id; })[0];
      if (link) link.focus();
    }

    function boxes(phase) {
      return all(phase, "input.kb-check[data-kb-step]");
    }

    function update() {
      var own = boxes(phases[current]);
      var done = own.filter(function (b) { return b.checked; }).length;
      var template = progress.getAttribute("data-kb-template");
      var heading = phases[current].querySelector("h3").textContent;
      progress.textContent = heading + " · " + template.replace("{done}", done).replace("{total}", own.length);
    }

    function showPhase(index) {
      current = Math.max(0, Math.min(phases.length - 1, index));
      phases.forEach(function (p, i) { p.hidden = i !== current; });
      prev.disabled = current === 0;
      next.disabled = current === phases.length - 1;
      update();
    }

    function goTo(box) {
      showPhase(phases.indexOf(box.closest(".kb-phase")));
      if (step) step.closest(".kb-step").classList.remove("kb-step--current");
      step = box;
      var row = box.closest(".kb-step");
      row.classList.add("kb-step--current");
      row.scrollIntoView({ block: "center" });
      box.focus({ preventScroll: true });
      setHash(row.id);
    }

    function nextUnticked() {
      var order = [];
      phases.forEach(function (p) { order = order.concat(boxes(p)); });
      var from = step ? order.indexOf(step) + 1 : order.indexOf(boxes(phases[current])[0]);
      for (var k = 0; k < order.length; k++) {
        var box = order[(from + k) % order.length];
        if (!box.checked) {
          goTo(box);
          return;
        }
      }
      progress.textContent = progress.getAttribute("data-kb-all-done");
    }

    function tick() {
      var box = document.activeElement;
      if (!(box && box.matches && box.matches(".kb-phase input.kb-check"))) box = step;
      if (!box) {
        nextUnticked();
        box = step;
      }
      if (box) box.click();
    }

    function press(selector) {
      var scope = open || (step && step.closest(".kb-step")) || phases[current];
      var button = scope.querySelector(selector);
      if (button && !button.hidden) button.click();
    }

    function toggleHelp() {
      if (help.open) help.close();
      else if (help.showModal) help.showModal();
    }

    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
        event.preventDefault();
        showSituation(link.getAttribute("data-kb-situation"));
      });
    });
    all(root, ".kb-back").forEach(function (b) { b.addEventListener("click", back); });
    prev.addEventListener("click", function () { showPhase(current - 1); });
    next.addEventListener("click", function () { showPhase(current + 1); });
    bar.querySelector(".kb-next-step").addEventListener("click", nextUnticked);
    bar.querySelector(".kb-help-open").addEventListener("click", toggleHelp);
    document.addEventListener("kb:ticks", update);

    /* Capture phase on window: Material binds n/p (next/previous page) further down. */
    window.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (help.open && event.key !== "?") return; /* the dialog handles Escape itself */
      var key = event.key;
      var number = /^[0-9]$/.test(key) ? (key === "0" ? 9 : Number(key) - 1) : -1;
      if (number >= 0 && links[number]) showSituation(links[number].getAttribute("data-kb-situation"));
      else if (key === "n") nextUnticked();
      else if (key === "x") tick();
      else if (key === "t") press(".kb-timer-toggle");
      else if (key === "c") press(".kb-copy");
      else if (key === "b" || (key === "Escape" && open)) back();
      else if (key === "[") showPhase(current - 1);
      else if (key === "]") showPhase(current + 1);
      else if (key === "?") toggleHelp();
      else return;
      event.preventDefault();
      event.stopPropagation();
    }, true);

    bar.hidden = false;
    nav.hidden = false;
    root.classList.add("kb-console--live");
    var hash = decodeURIComponent(window.location.hash.slice(1));
    var target = hash ? document.getElementById(hash) : null;
    showPhase(0);
    if (target && target.hasAttribute("data-kb-move")) showSituation(target.getAttribute("data-kb-move"), false);
    else if (target && target.matches(".kb-phase .kb-step")) goTo(target.querySelector("input.kb-check"));
    else if (target && target.matches(".kb-phase")) showPhase(phases.indexOf(target));
  }

  function init() {
    var root = document.querySelector("[data-kb-console]");
    if (root) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
