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
      var show = function () {
        var current = message();
        counter.textContent = current.text;
        counter.classList.toggle("count-message--over", current.over);
        return current;
      };
      var update = function () {
        var current = show();
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          status.textContent = current.text;
        }, 1000);
      };
      area.addEventListener("input", update);
      /* Going back, the browser puts earlier text back after this script has run. */
      window.addEventListener("pageshow", show);
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
      /* Going back, the browser puts earlier answers back after this script has run. */
      window.addEventListener("pageshow", update);
    });
  }

  /* The language switch is a link, so what was typed on a page and not yet sent would be
     lost with it. When the link is followed in this tab, the page's answers wait in the tab's
     storage; the same page in the other language (the switch's data-page names it, query
     string included) puts them back within a minute, and every page forgets them as it loads,
     so nothing stays for the next person at a kiosk. Without this file the switch shows the
     page with what was last sent. */
  var CARRIED = "ensemble-answers-across-languages";
  var CARRIED_FOR_MS = 60000; /* a switch that never arrived leaves nothing for later */

  function answerFields() {
    return Array.from(document.querySelectorAll("main form[method='post'] [name]"))
      .filter(function (field) {
        return ["INPUT", "TEXTAREA", "SELECT"].indexOf(field.tagName) !== -1 &&
          ["hidden", "password", "file", "submit"].indexOf(field.type) === -1;
      });
  }

  function pageOfSwitch() {
    var languageSwitch = document.querySelector(".language-switch[data-page]");
    return languageSwitch && languageSwitch.getAttribute("data-page");
  }

  function carryAnswersAcrossLanguages() {
    var kept = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(CARRIED));
      window.sessionStorage.removeItem(CARRIED);
    } catch (error) {
      return; /* storage refused (private mode): the switch works as without this file */
    }
    var fields = answerFields();
    var samePage = kept && kept.page === pageOfSwitch() && Date.now() - kept.at < CARRIED_FOR_MS &&
      kept.fields.length === fields.length &&
      kept.fields.every(function (answer, index) { return answer.name === fields[index].name; });
    if (samePage) {
      fields.forEach(function (field, index) {
        var answer = kept.fields[index];
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = answer.checked;
        } else {
          field.value = answer.value;
        }
        ["input", "change"].forEach(function (kind) {
          field.dispatchEvent(new Event(kind, { bubbles: true }));
        });
      });
    }
    document.querySelectorAll(".language-switch a").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var elsewhere = event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
        if (event.button !== 0 || elsewhere) {
          return; /* a new tab or window: this tab stays, and so do its answers */
        }
        var answers = answerFields().map(function (field) {
          return { name: field.name, value: field.value, checked: field.checked };
        });
        try {
          window.sessionStorage.setItem(
            CARRIED, JSON.stringify({ page: pageOfSwitch(), at: Date.now(), fields: answers }));
        } catch (error) {
          /* storage refused: the page in the other language shows what was last sent */
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    errorSummaryLinks();
    characterCounts();
    followUps();
    carryAnswersAcrossLanguages();
  });
})();
