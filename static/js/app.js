/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }
  }

  /* Live character counts (GOV.UK pattern). The page carries the message for each plural
     category of its language as data-remaining-<category> and data-too-many-<category>;
     Intl.PluralRules picks the category with the same CLDR rules the server uses. The visible
     count changes as you type; screen readers hear it once typing pauses. */
  function characterCounts() {
    if (!window.Intl || !Intl.PluralRules) {
      return;
    }
    var rules = new Intl.PluralRules(document.documentElement.lang);
    document.querySelectorAll("[data-character-count]").forEach(function (counter) {
      var area = document.getElementById(counter.getAttribute("data-character-count"));
      var status = document.getElementById(counter.id + "-status");
      var limit = parseInt(counter.getAttribute("data-limit"), 10);
      var timer = null;
      if (!area || !status || !limit) {
        return;
      }
      var message = function () {
        var left = limit - Array.from(area.value).length;
        var kind = left < 0 ? "too-many" : "remaining";
        var count = Math.abs(left);
        var template = counter.getAttribute("data-" + kind + "-" + rules.select(count)) ||
          counter.getAttribute("data-" + kind + "-other");
        return { text: template.replace("%(num)d", String(count)), over: left < 0 };
      };
      var update = function () {
        var current = message();
        counter.textContent = current.text;
        counter.classList.toggle("count-message--over", current.over);
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          status.textContent = current.text;
        }, 1000);
      };
      area.addEventListener("input", update);
    });
  }

  /* A link in the error summary moves focus to its field and shows the field's question. */
  function errorSummaryLinks() {
    var summary = document.querySelector(".error-summary");
    if (!summary) {
      return;
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      var fieldset = field.closest("fieldset");
      var question = (fieldset && fieldset.querySelector("legend")) ||
        document.querySelector("label[for='" + field.id + "']") || field;
      question.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  /* Follow-up questions that do not apply after some answers (a stage not gone through) are
     hidden once such an answer is chosen, and shown again when it changes. Without this file
     they stay on the page, say who they are for, and the server keeps no answer to them. */
  function followUps() {
    document.querySelectorAll("[data-hide-when-chosen]").forEach(function (block) {
      var name = block.getAttribute("data-hide-when-chosen");
      var values = block.getAttribute("data-hide-values").split(" ");
      var radios = document.querySelectorAll("input[name='" + name + "']");
      var update = function () {
        var chosen = document.querySelector("input[name='" + name + "']:checked");
        block.hidden = Boolean(chosen) && values.indexOf(chosen.value) !== -1;
      };
      radios.forEach(function (radio) {
        radio.setAttribute("aria-controls", block.id);
        radio.addEventListener("change", update);
      });
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    errorSummaryLinks();
    characterCounts();
    followUps();
  });
})();
