/* Step timers (e.g. the venting window). At each mark the content gives (data-kb-marks: seconds,
 * kind and the locale's words) the cue changes its words and its shape, is announced through
 * an aria-live region, and stays in view in a floating badge while the timer is out of sight.
 * While a timer runs, the tab's title starts with the elapsed time, for an agent in another tab. */
(function () {
  "use strict";

  var SHAPES = { listen: "●", warn: "▲", "step-in": "■" };

  function clock(seconds) {
    var s = Math.floor(seconds);
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  function readMarks(timer) {
    try {
      var marks = JSON.parse(timer.getAttribute("data-kb-marks") || "[]");
      return Array.isArray(marks) ? marks : [];
    } catch (e) {
      return [];
    }
  }

  function setupTimer(timer) {
    var start = Number(timer.getAttribute("data-kb-from"));
    var end = Number(timer.getAttribute("data-kb-to"));
    var marks = readMarks(timer);
    var button = timer.querySelector(".kb-timer-toggle");
    var elapsed = timer.querySelector(".kb-timer-elapsed");
    var state = timer.querySelector(".kb-timer-state");
    var float = document.createElement("div");
    var began = null, tick = null, phase = null, mark = null, title = null, inView = true;

    float.className = "kb-timer-float";
    float.setAttribute("aria-hidden", "true");
    float.hidden = true;
    document.body.appendChild(float);
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        inView = entries[entries.length - 1].isIntersecting;
        float.hidden = inView || !tick;
      }).observe(timer);
    }

    function show() {
      var secs = (Date.now() - began) / 1000;
      var now = secs >= end ? "over" : secs >= start ? "open" : "waiting";
      var current = null;
      marks.forEach(function (m) { if (secs >= m.at) current = m; });
      elapsed.textContent = clock(secs);
      if (now !== phase || current !== mark) {
        phase = now;
        mark = current;
        timer.setAttribute("data-kb-phase", now);
        if (current) timer.setAttribute("data-kb-mark", current.kind);
        else timer.removeAttribute("data-kb-mark");
        state.textContent = current && marks.length ? current.text : timer.getAttribute("data-kb-" + now);
      }
      var shape = mark ? (SHAPES[mark.kind] || "") + " " : "";
      float.textContent = shape + clock(secs) + " " + state.textContent;
      float.setAttribute("data-kb-mark", mark ? mark.kind : "");
      document.title = shape + clock(secs) + " · " + title;
    }

    function stop() {
      clearInterval(tick);
      tick = null;
      button.textContent = timer.getAttribute("data-kb-start");
      timer.classList.remove("kb-timer--running");
      float.hidden = true;
      if (title !== null) document.title = title;
    }

    button.addEventListener("click", function () {
      if (tick) {
        stop();
        return;
      }
      began = Date.now();
      phase = null;
      mark = null;
      title = document.title;
      tick = setInterval(show, 250);
      timer.classList.add("kb-timer--running");
      show();
      float.hidden = inView;
      button.textContent = timer.getAttribute("data-kb-stop");
    });
    timer.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-timer"), setupTimer);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
