/* The live-call console (/live/): one situation's move at a time, one pause point at a time,
 * a "next unticked step" control, and single-key shortcuts (listed in the `?` help dialog).
 * No shortcut fires while the reader types in a field. Ticks are kb.js's shared checklist:
 * the console's checkboxes carry the same technique/step keys as the playbook pages.
 *
 * The console keeps its place: opening a move adds one history entry (#situation-<id>), so
 * Back and Forward go between the situations and the move without a reload; the pause point and
 * its current step are kept for the tab in sessionStorage, so a link to a move or a language
 * switch (the hash is carried by kb-lang.js) finds both again. Keys act only on what is shown. */
(function () {
  "use strict";

  var PLACE_KEY = "deescalation-kb:console-place";
  var SETTLE_MS = 600; /* after a click changes the view, the rest of a double click or tap lands on nothing */

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

  function readPlace() {
    try {
      return JSON.parse(window.sessionStorage.getItem(PLACE_KEY) || "null") || {};
    } catch (e) {
      return {};
    }
  }

  function writePlace(place) {
    try {
      window.sessionStorage.setItem(PLACE_KEY, JSON.stringify(place));
    } catch (e) {
      /* storage unavailable: the place lasts for this page view */
    }
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
    var header = document.querySelector(".md-header");
    var current = 0, step = null, open = null, changedAt = 0;
    var popping = false, queued = []; /* while Back's history step is under way, what to do after it */
    if ("scrollRestoration" in history) history.scrollRestoration = "manual"; /* the console places its moves itself */

    /* The sticky header and bar: what scrolling to a move or a step must stay clear of. */
    function measureSticky() {
      var top = (header ? header.offsetHeight : 0) + bar.offsetHeight;
      document.documentElement.style.setProperty("--kb-sticky", top + "px");
    }

    function setHash(id, push) {
      var url = id ? "#" + id : window.location.pathname + window.location.search;
      if (push) history.pushState({ kbConsole: true }, "", url);
      else history.replaceState(history.state, "", url);
    }

    function remember() {
      writePlace({ phase: phases[current].id, step: step ? step.closest(".kb-step").id : "" });
    }

    function moveFor(id) {
      return moves.filter(function (m) { return m.getAttribute("data-kb-move") === id; })[0] || null;
    }

    /* Show a situation's move; `how` is "push" (a new history entry), "replace" or "none". */
    function showSituation(id, how, focus) {
      var move = moveFor(id);
      if (!move) return;
      moves.forEach(function (m) { m.hidden = m !== move; });
      list.hidden = true;
      open = move;
      root.classList.add("kb-console--move");
      measureSticky();
      if (how !== "none") setHash(move.id, how === "push");
      move.scrollIntoView({ block: "start" });
      /* Again after this frame: a Back just before (b, then a number) may restore an older scroll position. */
      requestAnimationFrame(function () { if (open === move) move.scrollIntoView({ block: "start" }); });
      if (focus !== false) move.focus({ preventScroll: true });
    }

    function showList(focusId) {
      moves.forEach(function (m) { m.hidden = true; });
      open = null;
      list.hidden = false;
      root.classList.remove("kb-console--move");
      measureSticky();
      var link = links.filter(function (a) { return a.getAttribute("data-kb-situation") === focusId; })[0];
      if (link) link.focus();
    }

    /* Run `action` now, or once the history step of "Back to the situations" is done (it is
     * asynchronous: a key pressed meanwhile would otherwise add its entry before the step). */
    function afterBack(action) {
      if (popping) queued.push(action);
      else action();
    }

    function popped() {
      popping = false;
      var actions = queued;
      queued = [];
      actions.forEach(function (action) { action(); });
    }

    /* "Back to the situations": the history entry of the move is undone when this page made it. */
    function back() {
      if (!open) return;
      var id = open.getAttribute("data-kb-move");
      if (history.state && history.state.kbConsole) {
        popping = true;
        setTimeout(function () { if (popping) popped(); }, 1000); /* no popstate came: go on */
        history.back();
      } else {
        setHash("", false);
      }
      showList(id);
    }

    window.addEventListener("popstate", function () {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target && target.hasAttribute("data-kb-move")) showSituation(target.getAttribute("data-kb-move"), "none");
      else if (open) showList(open.getAttribute("data-kb-move"));
      if (popping) popped();
    });

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
      if (step && step.closest(".kb-phase") !== phases[current]) { /* keys act on the shown pause point only */
        step.closest(".kb-step").classList.remove("kb-step--current");
        step = null;
      }
      update();
      remember();
    }

    function mark(box) {
      if (step) step.closest(".kb-step").classList.remove("kb-step--current");
      step = box;
      box.closest(".kb-step").classList.add("kb-step--current");
    }

    function goTo(box) {
      showPhase(phases.indexOf(box.closest(".kb-phase")));
      mark(box);
      remember();
      var row = box.closest(".kb-step");
      row.scrollIntoView({ block: "center" });
      box.focus({ preventScroll: true });
      if (!open) setHash(row.id, false); /* with a move open, the address keeps the move */
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
      if (!(box && box.matches && box.matches(".kb-phase input.kb-check") && box.closest(".kb-phase") === phases[current])) {
        box = step;
      }
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

    /* The second click of a double click (or tap) lands on whatever the first one put under the
     * pointer: within SETTLE_MS of a view changed by a click, a second click does nothing. */
    root.addEventListener("click", function (event) {
      if (event.isTrusted && event.detail > 1 && Date.now() - changedAt < SETTLE_MS) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }, true);

    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
        event.preventDefault();
        changedAt = Date.now();
        afterBack(function () { showSituation(link.getAttribute("data-kb-situation"), "push"); });
      });
    });
    all(root, ".kb-back").forEach(function (b) {
      b.addEventListener("click", function () { changedAt = Date.now(); back(); });
    });
    prev.addEventListener("click", function () { showPhase(current - 1); });
    next.addEventListener("click", function () { showPhase(current + 1); });
    bar.querySelector(".kb-next-step").addEventListener("click", nextUnticked);
    bar.querySelector(".kb-help-open").addEventListener("click", toggleHelp);
    help.querySelector(".kb-help-close").addEventListener("click", function () { help.close(); });
    document.addEventListener("kb:ticks", update);

    /* Capture phase on window: Material binds n/p (next/previous page) and s, f, / (search) further down. */
    window.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (help.open && event.key !== "?") return; /* the dialog handles Escape itself */
      if (popping) { /* keep the key for when Back's history step is done */
        var early = event.key;
        queued.push(function () { window.dispatchEvent(new KeyboardEvent("keydown", { key: early })); });
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      var key = event.key;
      var number = /^[0-9]$/.test(key) ? (key === "0" ? 9 : Number(key) - 1) : -1;
      if (number >= 0 && links[number]) {
        var id = links[number].getAttribute("data-kb-situation");
        if (!open || open.getAttribute("data-kb-move") !== id) showSituation(id, open ? "replace" : "push");
      }
      else if (key === "n") nextUnticked();
      else if (key === "x") tick();
      else if (key === "t") press(".kb-timer-toggle");
      else if (key === "c") press(".kb-copy");
      else if (key === "b" || (key === "Escape" && open)) back();
      else if (key === "[") showPhase(current - 1);
      else if (key === "]") showPhase(current + 1);
      else if (key === "?") toggleHelp();
      else if (key !== "s" && key !== "f") return; /* stray s or f would move focus into search; "/" still opens it */
      event.preventDefault();
      event.stopPropagation();
    }, true);

    bar.hidden = false;
    nav.hidden = false;
    nav.closest(".kb-phases").classList.add("kb-phases--live"); /* the script now shows one pause point */
    root.classList.add("kb-console--live");
    if ("ResizeObserver" in window) new ResizeObserver(measureSticky).observe(bar);
    measureSticky();

    /* Where to start: the address names a move, a step or a pause point; the tab's saved place
     * gives the pause point (and its step) when the address does not. */
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var place = readPlace();
    var saved = place.step ? document.getElementById(place.step) : null;
    var savedPhase = place.phase ? document.getElementById(place.phase) : null;
    if (target && target.matches(".kb-phase .kb-step")) goTo(target.querySelector("input.kb-check"));
    else if (target && target.matches(".kb-phase")) showPhase(phases.indexOf(target));
    else if (saved && saved.matches(".kb-phase .kb-step")) { showPhase(phases.indexOf(saved.closest(".kb-phase"))); mark(saved.querySelector("input.kb-check")); }
    else showPhase(savedPhase && phases.indexOf(savedPhase) >= 0 ? phases.indexOf(savedPhase) : 0);
    if (target && target.hasAttribute("data-kb-move")) {
      showSituation(target.getAttribute("data-kb-move"), "none", false);
      /* Once the page has its final layout, put the move's heading just below the sticky bar. */
      var again = function () { if (open === target) { measureSticky(); target.scrollIntoView({ block: "start" }); } };
      requestAnimationFrame(again);
      if (document.readyState !== "complete") window.addEventListener("load", again, { once: true });
    }
  }

  function init() {
    var root = document.querySelector("[data-kb-console]");
    if (root) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
