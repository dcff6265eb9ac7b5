/* Kiosk shell, loaded only on kiosk devices: idle reset and keeping a step through a network
   loss (read-aloud is read-aloud.js, shared with the residents' flow).
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

    var startOver = function () {
      try {
        window.sessionStorage.clear(); /* answers carried across a language switch, say */
      } catch (error) {
        /* storage refused: nothing was kept in it */
      }
      window.location.replace(home);
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
    keepThroughNetworkLoss(document.body);
  });
})();
