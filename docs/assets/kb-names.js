/* Names for this call, on the agent's device only: "Your name" (localStorage) and "Customer's name"
 * (sessionStorage: gone when the tab closes, or at once with "End call"). Both fill the blanks of
 * the phrases on screen and what every copy button copies. Nothing is sent anywhere, put in the
 * URL or in any cache: the pages stay as built, and only this tab's DOM carries the names.
 * Keys: y jumps to "Your name", k to "Customer's name" (not while typing in a field), and a tap
 * on a name's blank jumps to its field; Enter or Escape in a field goes back to where you were. Printed cards, the cheat sheet and the console's
 * printed table keep their write-on lines. */
(function () {
  "use strict";

  var ON_DEVICE = ["agent", "customer"];
  var PAPER = ".kb-card, .kb-cheatsheet, .kb-console-print";
  var KEYS = { y: "agent", k: "customer" };

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function storeFor(input) {
    try {
      return input.getAttribute("data-kb-name") === "agent" ? window.localStorage : window.sessionStorage;
    } catch (e) {
      return null; /* storage blocked: the names live in the fields only */
    }
  }

  function read(input) {
    var store = storeFor(input);
    try { return (store && store.getItem(input.getAttribute("data-kb-store"))) || ""; } catch (e) { return ""; }
  }

  function write(input, value) {
    var store = storeFor(input);
    if (!store) return;
    try {
      if (value) store.setItem(input.getAttribute("data-kb-store"), value);
      else store.removeItem(input.getAttribute("data-kb-store"));
    } catch (e) { /* full or blocked: the name still fills this page */ }
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function setup(panel) {
    var inputs = all("[data-kb-names] input[data-kb-name]");
    var status = panel.querySelector(".kb-names-status");
    var blanks = { agent: panel.getAttribute("data-kb-blank-agent"), customer: panel.getAttribute("data-kb-blank-customer") };
    var names = { agent: "", customer: "" };
    var before = null;

    function fillTemplate(template) {
      return template.replace(/\{(agent|customer)\}/g, function (match, slot, at) {
        var value = names[slot];
        if (!value) return blanks[slot];
        return at === 0 ? capital(value) : value;
      });
    }

    function apply() {
      all(".kb-slot[data-kb-slot]").forEach(function (span) {
        var slot = span.getAttribute("data-kb-slot");
        if (ON_DEVICE.indexOf(slot) === -1 || span.closest(PAPER)) return;
        if (!span.hasAttribute("data-kb-blank")) span.setAttribute("data-kb-blank", span.textContent);
        var value = names[slot];
        span.textContent = value ? (span.hasAttribute("data-kb-first") ? capital(value) : value)
                                 : span.getAttribute("data-kb-blank");
        span.classList.toggle("kb-slot--filled", !!value);
      });
      all("button.kb-copy[data-kb-template]").forEach(function (button) {
        button.setAttribute("data-kb-copy", fillTemplate(button.getAttribute("data-kb-template")));
        button.setAttribute("aria-label", fillTemplate(button.getAttribute("data-kb-label-template")));
      });
      inputs.forEach(function (input) {
        var slot = input.getAttribute("data-kb-name");
        if (input.value.trim() !== names[slot]) input.value = names[slot];
      });
    }

    function load() {
      inputs.forEach(function (input) { names[input.getAttribute("data-kb-name")] = read(input).trim(); });
      apply();
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        var slot = input.getAttribute("data-kb-name");
        names[slot] = input.value.trim();
        write(input, names[slot]);
        if (status) status.textContent = "";
        apply();
      });
      input.addEventListener("focus", function (event) {
        if (event.relatedTarget && !event.relatedTarget.closest("[data-kb-names]")) before = event.relatedTarget;
      });
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        input.blur();
        if (before && document.contains(before)) before.focus();
        before = null;
      });
    });

    panel.querySelector(".kb-end-call").addEventListener("click", function () {
      names.customer = "";
      inputs.forEach(function (input) {
        if (input.getAttribute("data-kb-name") === "customer") { input.value = ""; write(input, ""); }
      });
      apply();
      if (status) status.textContent = status.getAttribute("data-kb-ended");
    });

    /* Capture phase, like the console's keys, so Material's own shortcuts don't see them. */
    window.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || !KEYS[event.key]) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) &&
          ["checkbox", "radio", "button", "submit", "reset"].indexOf(target.type) === -1)) return;
      if (document.querySelector("dialog[open]")) return;
      var input = panel.querySelector('input[data-kb-name="' + KEYS[event.key] + '"]');
      if (!input) return;
      event.preventDefault();
      event.stopPropagation();
      before = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
      input.focus();
      input.select();
    }, true);

    /* A blank for a name is one tap from its field: on a phone the panel may be scrolled away. */
    document.addEventListener("click", function (event) {
      var span = event.target && event.target.closest ? event.target.closest(".kb-slot[data-kb-slot]") : null;
      if (!span || span.closest(PAPER) || ON_DEVICE.indexOf(span.getAttribute("data-kb-slot")) === -1) return;
      var input = panel.querySelector('input[data-kb-name="' + span.getAttribute("data-kb-slot") + '"]');
      before = span.closest("section, li, p");
      input.scrollIntoView({ block: "center" });
      input.focus({ preventScroll: true });
    });

    window.addEventListener("storage", function (event) {
      if (event.key === null || inputs.some(function (i) { return i.getAttribute("data-kb-store") === event.key; })) load();
    });
    window.addEventListener("pageshow", load); /* back/forward cache: another page may have ended the call */

    panel.hidden = false;
    load();
  }

  function init() {
    var panel = document.querySelector("[data-kb-names]");
    if (panel) setup(panel);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
