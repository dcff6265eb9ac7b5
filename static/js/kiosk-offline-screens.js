/* The offline flow's screens (kiosk offline page only): the home screen, each step, the check
   page and "Thank you", drawn in <main> from the definition and the flow's memory
   (kiosk-offline-state.js). "Send" hands the response to the device's queue and forgets it. */
(function () {
  "use strict";

  var flow = window.ensembleKioskOffline;
  var element = flow.element;
  var localized = flow.localized;
  var texts = flow.texts;

  function show(nodes, title) {
    var main = document.getElementById("main");
    main.textContent = "";
    nodes.forEach(function (node) { main.appendChild(node); });
    document.title = title + " – Ensemble";
    main.focus();
    window.scrollTo(0, 0);
  }

  function homeScreen() {
    var state = flow.state;
    var nodes = [
      element("h1", { "class": "heading-xl" }, texts().welcome),
      element("p", { "class": "lead" }, texts().welcome_lead),
      element("h2", { "class": "heading-m", id: "languages-title" }, texts().choose_language)
    ];
    var languages = element("ul", { "class": "language-choice language-choice--row", "aria-labelledby": "languages-title" });
    document.querySelectorAll("[data-language]").forEach(function (source) {
      var code = source.getAttribute("data-language");
      var button = element("button", { type: "button", "class": "button button--secondary", lang: code, "aria-pressed": String(code === state.lang) }, source.textContent);
      button.addEventListener("click", function () { flow.chooseLanguage(code); });
      languages.appendChild(element("li")).appendChild(button);
    });
    nodes.push(languages);
    nodes.push(element("h2", { "class": "heading-m", id: "services-title" }, texts().choose_service));
    var services = element("ul", { "class": "kiosk-services", "aria-labelledby": "services-title" });
    flow.locale().services.forEach(function (service) {
      var button = localized("button", { type: "button", "class": "button button--start button--wide" }, service.name);
      button.addEventListener("click", function () {
        state.service = service;
        goTo(0);
      });
      services.appendChild(element("li")).appendChild(button);
    });
    nodes.push(services);
    show(nodes, texts().welcome);
  }

  function goTo(index) {
    var list = flow.steps();
    flow.state.screen = index >= list.length ? "check" : "step";
    flow.state.step = Math.max(index, 0);
    render();
  }

  function caption(number, total) {
    var counter = texts().step_counter.replace("1111", String(number)).replace("2222", String(total));
    var node = localized("p", { "class": "caption" }, flow.state.service.name);
    node.appendChild(element("span", { "class": "caption__step" }, counter));
    return node;
  }

  function backButton(onBack) {
    var button = element("button", { type: "button", "class": "back-link link-button" }, texts().back);
    button.addEventListener("click", onBack);
    return button;
  }

  function stepScreen() {
    var state = flow.state;
    var list = flow.steps();
    var step = list[state.step];
    var nodes = [
      backButton(function () {
        state.answers[step.key] = flow.formAnswers(form, step);
        if (state.step === 0) { state.screen = "home"; render(); } else { goTo(state.step - 1); }
      }),
      caption(state.step + 1, list.length + 1),
      localized("h1", { "class": "heading-l" }, step.title)
    ];
    step.intro.forEach(function (paragraph, index) {
      nodes.push(localized("p", {}, paragraph));
      if (step.consent && index === 1) {
        nodes.push(element("h2", { "class": "heading-s" }, texts().who_sees));
        nodes.push(element("p", {}, texts().only_staff));
        var partners = element("ul", { "class": "bullets" });
        state.service.organisations.forEach(function (name) {
          partners.appendChild(element("li", {}, name));
        });
        nodes.push(partners);
      }
    });
    var form = element("form", { novalidate: true });
    step.fields.forEach(function (field) {
      form.appendChild(flow.fieldNode(field, (state.answers[step.key] || {})[field.name]));
    });
    form.appendChild(element("button", { type: "submit", "class": "button" }, texts()["continue"]));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = flow.formAnswers(form, step);
      var found = flow.problems(step, answers);
      if (found.length) {
        render();
        var again = document.querySelector("#main form");
        flow.restore(again, step, answers);
        flow.showProblems(again, found, step.title.text);
        return;
      }
      flow.keep(step, answers);
      goTo(flow.steps().indexOf(step) + 1);
    });
    nodes.push(form);
    show(nodes, step.title.text);
  }

  function checkScreen() {
    var state = flow.state;
    var list = flow.visibleSteps();
    var nodes = [
      backButton(function () { goTo(flow.steps().length - 1); }),
      caption(list.length + 1, list.length + 1),
      element("h1", { "class": "heading-l" }, texts().check_title)
    ];
    list.forEach(function (step) {
      nodes.push(localized("h2", { "class": "heading-m" }, step.title));
      var rows = element("dl", { "class": "summary-list" });
      step.fields.forEach(function (field) {
        var row = element("div", { "class": "summary-list__row" });
        row.appendChild(localized("dt", { "class": "summary-list__key" }, field.label));
        row.appendChild(element("dd", { "class": "summary-list__value", dir: "auto" }, flow.answerText(field, (state.answers[step.key] || {})[field.name])));
        rows.appendChild(row);
      });
      nodes.push(rows);
    });
    nodes.push(element("p", {}, texts().send_lead));
    var form = element("form", { novalidate: true });
    form.appendChild(element("button", { type: "submit", "class": "button" }, texts().send));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!flow.hasAnswers()) {
        flow.showProblems(form, [{ field: null, message: texts().nothing_to_send }], texts().check_title);
        return;
      }
      send();
    });
    nodes.push(form);
    show(nodes, texts().check_title);
  }

  function send() {
    var response = flow.response();
    /* Forgotten here at once: from now on only the queue holds it, and shows it to nobody. */
    flow.state = flow.fresh(flow.state.lang);
    flow.state.screen = "saved";
    window.ensembleKioskQueue.add(response).then(render, render);
  }

  function savedScreen() {
    var finish = element("button", { type: "button", "class": "button" }, texts().finish);
    finish.addEventListener("click", flow.startOver);
    var panel = element("div", { "class": "confirmation" });
    panel.appendChild(element("h1", { "class": "confirmation__title" }, texts().saved_title));
    panel.appendChild(element("p", { "class": "confirmation__body" }, texts().saved_body));
    show([panel, element("p", {}, texts().saved_no_receipt), finish], texts().saved_title);
  }

  function render() {
    var state = flow.state;
    if (!state.service && state.screen !== "saved") {
      state.screen = "home";
    }
    ({ home: homeScreen, step: stepScreen, check: checkScreen, saved: savedScreen })[state.screen]();
  }

  flow.render = render;
})();
