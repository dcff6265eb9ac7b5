/* The kiosk's flow without a connection (kiosk offline page only), built from
   /kiosk/definition.json (the same forms, options and translated texts as the server's pages).
   This file wires it up: it loads the definition, sets the language of the page's frame, and
   starts over ("Start again", "Finish", "Back" into this page). The flow's memory is in
   kiosk-offline-state.js, its form parts in kiosk-offline-fields.js, its screens in
   kiosk-offline-screens.js; answers live only in memory until "Send" puts the response in the
   device's queue (kiosk-queue.js); the idle reset is kiosk.js's, which reloads this page. */
(function () {
  "use strict";

  var flow = window.ensembleKioskOffline;

  function setLanguage(lang) {
    var choice = document.querySelector("[data-language='" + lang + "']");
    flow.state.lang = lang;
    document.documentElement.lang = lang;
    document.documentElement.dir = choice ? choice.getAttribute("data-direction") : "ltr";
    document.querySelectorAll("[data-language]").forEach(function (button) {
      button.closest("li").hidden = button === choice;
    });
    /* The frame around the flow speaks the resident's language too. */
    var texts = flow.texts();
    document.querySelectorAll("[data-text]").forEach(function (node) {
      var pressed = node.getAttribute("aria-pressed") === "true";
      node.setAttribute("data-label", texts[node.getAttribute("data-text")]);
      if (!pressed) {
        node.textContent = node.getAttribute("data-label");
      }
    });
    document.querySelectorAll("[data-label-text]").forEach(function (node) {
      node.setAttribute("aria-label", texts[node.getAttribute("data-label-text")]);
    });
    document.querySelector("[data-read-aloud]").setAttribute("data-stop-label", texts.stop_reading);
    document.dispatchEvent(new CustomEvent("kiosk:language"));
  }

  /* The same service in the new language, or the home screen if it is not offered in it. */
  flow.chooseLanguage = function (code) {
    var state = flow.state;
    setLanguage(code);
    if (state.service) {
      var slug = state.service.slug;
      state.service = flow.locale().services.filter(function (s) { return s.slug === slug; })[0] || null;
    }
    if (!state.service) {
      state.screen = "home";
    }
    flow.render();
  };

  flow.startOver = function () {
    flow.state = flow.fresh(flow.definition.home_locale);
    setLanguage(flow.state.lang);
    flow.render();
  };

  function load() {
    var missing = document.querySelector("#main [data-definition-missing]");
    window.fetch(document.body.getAttribute("data-definition-url"), { credentials: "same-origin" })
      .then(function (answer) {
        if (!answer.ok) { throw new Error("no definition"); }
        return answer.json();
      })
      .then(function (loaded) {
        flow.definition = loaded;
        flow.startOver();
      })
      .catch(function () { missing.hidden = false; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-start-over]").forEach(function (button) {
      button.addEventListener("click", function () { if (flow.definition) { flow.startOver(); } });
    });
    document.querySelectorAll("[data-language]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (flow.definition) { flow.chooseLanguage(button.getAttribute("data-language")); }
      });
    });
    load();
  });
  /* Restored by "Back" from the browser's memory: start over rather than show what was there. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && flow.definition) { flow.startOver(); }
  });
})();
