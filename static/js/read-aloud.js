/* Read aloud with the device's own voice (Web Speech API), on kiosks and on every question page
   of the residents' flow. Never automatic, never needed: a button appears only when the browser
   has a voice for the page's language, and the page works the same without it.
   - [data-read-aloud]: a button already on the page (the kiosk's header) reading all of <main>.
   - [data-read-aloud-questions]: a part of the page whose questions each get a "Read aloud"
     button, reading the question, its hint and its answers. */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  var lang = document.documentElement.lang.toLowerCase();
  var current = null; // the button whose text is being read

  /* A voice speaking the page's language: "fr" matches fr, fr-FR, fr_CA. */
  function voiceForPage() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i += 1) {
      var code = String(voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === lang || code.indexOf(lang + "-") === 0) {
        return voices[i];
      }
    }
    return null;
  }

  function showAsReading(button, on) {
    button.querySelector("[data-read-aloud-label]").textContent =
      button.getAttribute(on ? "data-stop-label" : "data-read-label");
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function stop() {
    if (current) {
      showAsReading(current, false);
      current = null;
    }
  }

  function read(button, text) {
    var voice = voiceForPage();
    if (!voice || !text) {
      return;
    }
    synth.cancel();
    stop();
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    /* The end, or any error (no audio device, voice gone): the button offers reading again. */
    utterance.onend = utterance.onerror = function () {
      if (current === button) {
        stop();
      }
    };
    current = button;
    showAsReading(button, true);
    try {
      synth.speak(utterance);
    } catch (error) {
      stop();
    }
  }

  /* The button says "Read aloud" and, for screen readers, which question it reads. */
  function prepare(button, readLabel, stopLabel, subject) {
    var label = document.createElement("span");
    label.setAttribute("data-read-aloud-label", "");
    label.textContent = readLabel;
    button.textContent = "";
    button.appendChild(label);
    if (subject) {
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + subject;
      button.appendChild(hidden);
    }
    button.setAttribute("data-read-label", readLabel);
    button.setAttribute("data-stop-label", stopLabel);
    button.setAttribute("aria-pressed", "false");
  }

  function onClick(button, textOf) {
    button.addEventListener("click", function () {
      if (current === button) {
        synth.cancel();
        stop();
      } else {
        read(button, textOf());
      }
    });
  }

  /* The kiosk's "Read aloud" in the header reads the whole page. */
  function pageButtons() {
    var main = document.getElementById("main");
    document.querySelectorAll("button[data-read-aloud]").forEach(function (button) {
      prepare(button, button.textContent, button.getAttribute("data-stop-label"), "");
      onClick(button, function () {
        return main ? main.innerText : "";
      });
    });
  }

  /* One button before each question (a fieldset, or a labelled text box) of the flow. */
  function questionButtons() {
    document.querySelectorAll("[data-read-aloud-questions]").forEach(function (part) {
      var readLabel = part.getAttribute("data-read-label");
      var stopLabel = part.getAttribute("data-stop-label");
      part.querySelectorAll(".form-group").forEach(function (group) {
        var question = group.querySelector("fieldset") || group;
        var title = question.querySelector("legend, label");
        if (!title) {
          return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary read-aloud";
        button.hidden = true;
        prepare(button, readLabel, stopLabel, title.innerText);
        onClick(button, function () {
          if (question !== group) {
            return question.innerText;
          }
          /* A text box: its label and hint, not the box, the count or this button. */
          return Array.prototype.filter.call(group.children, function (child) {
            return child !== button && !child.matches("input, textarea, [aria-hidden=true]");
          }).map(function (child) {
            return child.innerText;
          }).join("\n");
        });
        group.insertBefore(button, group.firstChild);
      });
    });
  }

  function showButtonsIfVoiced() {
    var voiced = Boolean(voiceForPage());
    document.querySelectorAll("button[data-read-label]").forEach(function (button) {
      button.hidden = !voiced;
    });
  }

  if (!synth || !window.SpeechSynthesisUtterance) {
    return;
  }
  document.addEventListener("DOMContentLoaded", function () {
    pageButtons();
    questionButtons();
    showButtonsIfVoiced();
    /* Browsers load their voices after the page: look again when they arrive. */
    synth.addEventListener("voiceschanged", showButtonsIfVoiced);
  });
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });
})();
