/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }
  }

  function characterCounts() {
    document.querySelectorAll("textarea[maxlength]").forEach(function (area) {
      var counter = document.getElementById(area.id + "-count");
      if (!counter) {
        return;
      }
      var template = counter.getAttribute("data-template");
      var update = function () {
        var left = area.maxLength - area.value.length;
        counter.textContent = template.replace("%(count)s", String(left));
      };
      area.addEventListener("input", update);
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    characterCounts();
  });
})();
