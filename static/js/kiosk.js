/* Kiosk shell, loaded only on kiosk devices: idle reset and read-aloud.
   Without this file a kiosk page still starts over, later and without warning (meta refresh). */
(function () {
  "use strict";

  /* After data-idle-seconds without a touch or a key, ask "Are you still there?"; after
     data-warning-seconds more, go to the kiosk's home screen, which forgets the answers. */
  function idleReset(body) {
    var home = body.getAttribute("data-kiosk-home");
    var idle = parseInt(body.getAttribute("data-idle-seconds"), 10) * 1000;
    var warning = parseInt(body.getAttribute("data-warning-seconds"), 10);
    var dialog = document.getElementById("idle-dialog");
    if (!home || !idle || !dialog || !dialog.showModal || body.hasAttribute("data-idle-at-home")) {
      return;
    }
    var countdown = dialog.querySelector("[data-idle-countdown]");
    var idleTimer = null;
    var tickTimer = null;

    /* With the service worker in charge, the home screen (or, with no connection, the offline
       start page) always opens. Without it, the page is cleared where it stands unless the
       server answers: never the browser's error page. */
    var startOver = function () {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        window.location.replace(home);
        return;
      }
      window.fetch(home, { method: "HEAD", cache: "no-store", credentials: "same-origin" })
        .then(function () {
          window.location.replace(home);
        })
        .catch(function () {
          dialog.close();
          document.querySelectorAll("form").forEach(function (form) {
            form.reset();
          });
          window.scrollTo(0, 0);
        });
    };
    var warn = function () {
      var left = warning;
      countdown.textContent = String(left);
      dialog.showModal();
      tickTimer = window.setInterval(function () {
        left -= 1;
        countdown.textContent = String(Math.max(left, 0));
        if (left <= 0) {
          window.clearInterval(tickTimer);
          startOver();
        }
      }, 1000);
    };
    var restart = function () {
      window.clearTimeout(idleTimer);
      window.clearInterval(tickTimer);
      idleTimer = window.setTimeout(warn, idle);
    };
    dialog.querySelector("[data-idle-continue]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", restart);
    ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, function () {
        if (!dialog.open) {
          restart();
        }
      }, { passive: true, capture: true });
    });
    restart();
  }

  /* The device's voice for a language ("ar" matches "ar-SA"), or undefined. */
  function voiceFor(lang) {
    var primary = lang.toLowerCase().split("-")[0];
    return window.speechSynthesis.getVoices().filter(function (voice) {
      return voice.lang.toLowerCase().replace("_", "-").split("-")[0] === primary;
    })[0];
  }

  /* Reads the main content aloud in the page's language with the device's own voice: offered
     only when the device has a voice for that language; an error puts the button back. */
  function readAloud() {
    var button = document.querySelector("[data-read-aloud]");
    var main = document.getElementById("main");
    if (!button || !main || !("speechSynthesis" in window)) {
      return;
    }
    var label = button.textContent;
    /* Read at each change: the offline page relabels the button when the language changes. */
    var speaking = function (on) {
      var idle = button.getAttribute("data-label") || label;
      button.textContent = on ? button.getAttribute("data-stop-label") : idle;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    };
    var offer = function () {
      var available = Boolean(voiceFor(document.documentElement.lang));
      if (!available && button.getAttribute("aria-pressed") === "true") {
        window.speechSynthesis.cancel();
        speaking(false);
      }
      button.hidden = !available;
    };
    button.setAttribute("aria-pressed", "false");
    offer();
    window.speechSynthesis.addEventListener("voiceschanged", offer);
    document.addEventListener("kiosk:language", offer);
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        window.speechSynthesis.cancel();
        speaking(false);
        return;
      }
      var lang = document.documentElement.lang;
      var utterance = new window.SpeechSynthesisUtterance(main.innerText);
      utterance.lang = lang;
      utterance.onend = function () {
        speaking(false);
      };
      utterance.onerror = function () {
        speaking(false);
      };
      window.speechSynthesis.cancel();
      try {
        window.speechSynthesis.speak(utterance);
        speaking(true);
      } catch (error) {
        speaking(false);
      }
    });
    window.addEventListener("pagehide", function () {
      window.speechSynthesis.cancel();
    });
  }

  /* A step sent while the network is down is not lost: before the form goes, the kiosk asks
     the server whether it can store answers (data-health-url). If not, the page stays as it
     is, says so, and sends the form as soon as the server answers again. */
  function keepThroughNetworkLoss(body) {
    var notice = document.querySelector("[data-offline-notice]");
    var health = body.getAttribute("data-health-url");
    if (!notice || !health || !window.fetch) {
      return;
    }
    document.querySelectorAll("main form[method=post]").forEach(function (form) {
      var reachable = false;
      var waiting = false;
      var submitter = null;
      var retry = null;
      var tryToSend = function () {
        window.clearTimeout(retry);
        window.fetch(health, { method: "HEAD", cache: "no-store" })
          .then(function (response) {
            if (!response.ok) {
              throw new Error("the server cannot store answers now");
            }
            reachable = true;
            form.requestSubmit(submitter);
          })
          .catch(function () {
            notice.hidden = false;
            retry = window.setTimeout(tryToSend, 3000);
          });
      };
      window.addEventListener("online", function () {
        if (waiting) {
          tryToSend();
        }
      });
      form.addEventListener("submit", function (event) {
        if (reachable) {
          return;
        }
        event.preventDefault();
        submitter = event.submitter;
        if (!waiting) {
          waiting = true;
          tryToSend();
        }
      });
    });
  }

  /* "Back" reloads the page from the server (no-store), but the browser then puts back what
     was typed or ticked in it, perhaps by the previous resident: show the server's answers. */
  function forgetRestoredAnswers() {
    var navigation = window.performance && performance.getEntriesByType("navigation")[0];
    if (navigation && navigation.type === "back_forward") {
      document.querySelectorAll("form").forEach(function (form) {
        form.reset();
      });
    }
  }

  /* The browser puts answers back after the document is parsed, before "pageshow". */
  window.addEventListener("pageshow", forgetRestoredAnswers);

  document.addEventListener("DOMContentLoaded", function () {
    idleReset(document.body);
    readAloud();
    keepThroughNetworkLoss(document.body);
  });
})();
