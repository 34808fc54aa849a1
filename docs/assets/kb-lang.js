/* Switching language lands on the same step: the language links carry the page's anchor, or
 * else the step holding the focus, or else the first step whose middle is below the header
 * (step ids are the same in every language). */
(function () {
  "use strict";

  function stepInView() {
    var focused = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".kb-step[id]") : null;
    if (focused) return "#" + focused.id;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var steps = document.querySelectorAll(".kb-step[id]");
    for (var i = 0; i < steps.length; i++) {
      var box = steps[i].getBoundingClientRect();
      if (box.height && (box.top + box.bottom) / 2 > top) return "#" + steps[i].id;
    }
    return "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".md-select a[hreflang]") : null;
    if (!link) return;
    var anchor = window.location.hash || stepInView();
    if (anchor) link.setAttribute("href", link.getAttribute("href").split("#")[0] + anchor);
  }, true);
})();
