/* Read aloud with the device's voice, never automatic, offered only when the browser has a
   voice for the page's language: the kiosk's button[data-read-aloud] reads <main>; each question
   in [data-read-aloud-questions] gets a button reading it, its hint and its answers. The kiosk's
   offline page changes the page's language in place and says so with a "kiosk:language" event. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var current = null;

  function voice() {
    var lang = document.documentElement.lang.toLowerCase();
    return synth.getVoices().filter(function (v) {
      var code = String(v.lang || "").toLowerCase().replace("_", "-");
      return code === lang || code.indexOf(lang + "-") === 0;
    })[0];
  }

  function pressed(button, on) {
    /* data-label: the offline page's relabelling in the resident's language. */
    var idle = button.getAttribute("data-label") || button.getAttribute("data-read-label");
    button.firstChild.textContent = on ? button.getAttribute("data-stop-label") : idle;
    button.setAttribute("aria-pressed", String(on));
    current = on ? button : null;
  }

  function read(button, text) {
    var found = voice();
    synth.cancel();
    if (current) {
      pressed(current, false);
    }
    if (!found || !text) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = found;
    utterance.lang = found.lang;
    /* Its end or an error (no audio, the voice gone) offers reading again. */
    utterance.onend = utterance.onerror = function () {
      if (current === button) {
        pressed(button, false);
      }
    };
    pressed(button, true);
    try {
      synth.speak(utterance);
    } catch (error) {
      pressed(button, false);
    }
  }

  function prepare(button, readLabel, stopLabel, subject, textOf) {
    button.textContent = "";
    button.appendChild(document.createElement("span")).textContent = readLabel;
    if (subject) {
      var hidden = button.appendChild(document.createElement("span"));
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + subject;
    }
    button.setAttribute("data-read-label", readLabel);
    button.setAttribute("data-stop-label", stopLabel);
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      if (current === button) {
        synth.cancel();
        pressed(button, false);
      } else {
        read(button, textOf());
      }
    });
  }

  /* A fieldset's words, or a text box's label and hint. */
  function words(group, question, button) {
    if (question !== group) {
      return question.innerText;
    }
    return Array.prototype.filter.call(group.children, function (child) {
      return child !== button && !child.matches("input, textarea, [aria-hidden=true]");
    }).map(function (child) {
      return child.innerText;
    }).join("\n");
  }

  /* The page's words without the per-question buttons: their labels ("Read aloud: ...") would
     be read before every question, and the question twice. */
  function pageWords(main) {
    var buttons = Array.prototype.slice.call(main.querySelectorAll("button.read-aloud"));
    var wasHidden = buttons.map(function (button) { return button.hidden; });
    buttons.forEach(function (button) { button.hidden = true; });
    var text = main.innerText;
    buttons.forEach(function (button, index) { button.hidden = wasHidden[index]; });
    return text;
  }

  function setUp() {
    var main = document.getElementById("main");
    document.querySelectorAll("button[data-read-aloud]").forEach(function (button) {
      prepare(button, button.textContent, button.getAttribute("data-stop-label"), "", function () {
        return pageWords(main);
      });
    });
    document.querySelectorAll("[data-read-aloud-questions] .form-group").forEach(function (group) {
      var part = group.closest("[data-read-aloud-questions]");
      var question = group.querySelector("fieldset") || group;
      var title = question.querySelector("legend, label");
      if (title) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary read-aloud";
        prepare(button, part.getAttribute("data-read-label"), part.getAttribute("data-stop-label"),
          title.innerText, function () {
            return words(group, question, button);
          });
        group.insertBefore(button, group.firstChild);
      }
    });
    showIfVoiced();
    /* Voices load after the page. */
    synth.addEventListener("voiceschanged", showIfVoiced);
    document.addEventListener("kiosk:language", showIfVoiced);
  }

  function showIfVoiced() {
    var voiced = Boolean(voice());
    if (!voiced && current) {
      synth.cancel();
      pressed(current, false);
    }
    document.querySelectorAll("button[data-read-label]").forEach(function (button) {
      button.hidden = !voiced;
    });
  }

  if (synth && window.SpeechSynthesisUtterance) {
    document.addEventListener("DOMContentLoaded", setUp);
    window.addEventListener("pagehide", function () {
      synth.cancel();
    });
  }
})();
