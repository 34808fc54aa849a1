/* The light/dark toggle as a keyboard button. Material's control is an invisible radio button:
 * Material switches on Enter and then focuses that invisible radio, and a click on the visible
 * toggle (a label) focuses it too. Here Space switches as well, and focus always returns to the
 * toggle now shown, so no focused element is ever invisible. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-md-component=palette]");
  if (!form) return;
  var toggles = Array.prototype.slice.call(form.querySelectorAll("label.kb-theme-toggle"));

  function focusShownToggle() {
    if (!document.activeElement || !document.activeElement.classList.contains("md-option")) return;
    var shown = toggles.filter(function (t) { return !t.hidden; })[0];
    if (shown) shown.focus();
  }

  form.addEventListener("change", function () { setTimeout(focusShownToggle, 0); });
  form.addEventListener("focusin", function () { setTimeout(focusShownToggle, 0); });
  toggles.forEach(function (toggle) {
    toggle.addEventListener("keydown", function (event) {
      if (event.key !== " ") return;
      event.preventDefault();
      toggle.click();
    });
  });
})();
