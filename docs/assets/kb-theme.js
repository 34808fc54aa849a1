/* The light/dark toggle: one <button> (overrides/partials/palette.html) for Material's hidden
 * radio inputs. A click (or Enter, or Space) clicks the radio it stands for, so Material switches
 * the scheme and shows the other button; focus moves to that button, so it never rests on a
 * hidden element. Enter is kept from Material's own form handler, which would switch twice. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-md-component=palette]");
  if (!form) return;
  var toggles = Array.prototype.slice.call(form.querySelectorAll("button.kb-theme-toggle"));

  function focusShownToggle() {
    var shown = toggles.filter(function (t) { return !t.hidden; })[0];
    if (shown) shown.focus();
  }

  toggles.forEach(function (toggle) {
    toggle.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.stopPropagation();
    });
    toggle.addEventListener("click", function () {
      var radio = document.getElementById(toggle.getAttribute("data-kb-palette"));
      if (!radio) return;
      radio.click();
      setTimeout(focusShownToggle, 0);
    });
  });
})();
