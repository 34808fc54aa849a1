/* De-escalation knowledge base: paper for the print pages (cards, print-all sheet, cheat sheet).
 * The reader picks A4 or US Letter (and, on a card page, office paper or card stock); the choice
 * is kept in localStorage and set as data-kb-paper / data-kb-stock on <html>, which the print
 * stylesheets turn into @page sizes. With no stored choice, the browser's region picks the paper
 * (Letter in the Americas' Letter countries, A4 elsewhere). Wide print previews are scaled down
 * to the screen's width so that the page never scrolls sideways. */
(function () {
  "use strict";

  var KEY = "deescalation-kb:print:";
  var CHOICES = { paper: ["a4", "letter"], stock: ["office", "card"] };
  var LETTER_REGIONS = ["US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "SV", "HN", "NI", "PA", "DO", "PR"];

  function stored(name) {
    try { return window.localStorage.getItem(KEY + name); } catch (e) { return null; }
  }

  function store(name, value) {
    try { window.localStorage.setItem(KEY + name, value); } catch (e) { /* storage unavailable: this page view only */ }
  }

  function regionPaper() {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < langs.length; i++) {
      var region = /-([A-Za-z]{2})$/.exec(langs[i] || "");
      if (region) return LETTER_REGIONS.indexOf(region[1].toUpperCase()) !== -1 ? "letter" : "a4";
    }
    return "a4";
  }

  function current(name) {
    var value = stored(name);
    if (CHOICES[name].indexOf(value) !== -1) return value;
    return name === "paper" ? regionPaper() : "office";
  }

  function rescale() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-preview"), function (preview) {
      var inner = preview.firstElementChild;
      if (!inner) return;
      preview.style.setProperty("--kb-scale", "1");
      var natural = inner.scrollWidth;
      var room = preview.clientWidth;
      var scale = natural > room && room > 0 ? Math.floor((room / natural) * 1000) / 1000 : 1;
      preview.style.setProperty("--kb-scale", String(scale));
    });
  }

  function apply(name, value) {
    document.documentElement.setAttribute("data-kb-" + name, value);
    Array.prototype.forEach.call(document.querySelectorAll('input[data-kb-choice="' + name + '"]'), function (input) {
      input.checked = input.value === value;
    });
  }

  Object.keys(CHOICES).forEach(function (name) { apply(name, current(name)); });

  function init() {
    Object.keys(CHOICES).forEach(function (name) { apply(name, current(name)); });
    Array.prototype.forEach.call(document.querySelectorAll("input[data-kb-choice]"), function (input) {
      input.addEventListener("change", function () {
        if (!input.checked) return;
        var name = input.getAttribute("data-kb-choice");
        store(name, input.value);
        apply(name, input.value);
        rescale();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kb-paper-choice[hidden]"), function (set) {
      set.hidden = false;
    });
    rescale();
    window.addEventListener("resize", rescale);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
