/* The kiosk's flow without a connection, built from /kiosk/definition.json (the same forms,
   options and translated texts as the server's pages). Answers live only in this page's
   memory until "Send", which puts the response in the device's queue (kiosk-queue.js) and
   forgets it here; "Start again", a reload or "Back" leave nothing for the next person. */
(function () {
  "use strict";

  var body = document.body;
  var main = document.getElementById("main");
  var definition = null;
  var state = null;

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (attributes[key] !== null && attributes[key] !== undefined && attributes[key] !== false) {
        node.setAttribute(key, attributes[key] === true ? "" : attributes[key]);
      }
    });
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  /* A catalogue text ({text, lang}); marked when it falls back to another language. */
  function localized(name, attributes, value) {
    var node = element(name, attributes, value.text);
    if (value.lang && value.lang !== state.lang) {
      node.setAttribute("lang", value.lang);
      node.setAttribute("dir", "auto");
    }
    return node;
  }

  function locale() { return definition.locales[state.lang]; }
  function texts() { return locale().texts; }

  function fresh(lang) {
    return { lang: lang, service: null, step: -1, answers: {}, screen: "home" };
  }

  function consent() { return (state.answers.consent || {}).consent; }

  /* The questions about the resident count until a "no" to the consent question. */
  function steps() {
    return state.service.steps.filter(function (step) { return !step.personal || consent() !== "no"; });
  }

  /* What the check page shows and the response holds: about the resident only after a "yes". */
  function visibleSteps() {
    return state.service.steps.filter(function (step) { return !step.personal || consent() === "yes"; });
  }

  function show(nodes, title) {
    main.textContent = "";
    nodes.forEach(function (node) { main.appendChild(node); });
    document.title = title + " – Ensemble";
    main.focus();
    window.scrollTo(0, 0);
  }

  function setLanguage(lang) {
    var choice = document.querySelector("[data-language='" + lang + "']");
    state.lang = lang;
    document.documentElement.lang = lang;
    document.documentElement.dir = choice ? choice.getAttribute("data-direction") : "ltr";
    document.querySelectorAll("[data-language]").forEach(function (button) {
      button.closest("li").hidden = button === choice;
    });
    /* The frame around the flow speaks the resident's language too. */
    document.querySelectorAll("[data-text]").forEach(function (node) {
      var pressed = node.getAttribute("aria-pressed") === "true";
      node.setAttribute("data-label", texts()[node.getAttribute("data-text")]);
      if (!pressed) {
        node.textContent = node.getAttribute("data-label");
      }
    });
    document.querySelectorAll("[data-label-text]").forEach(function (node) {
      node.setAttribute("aria-label", texts()[node.getAttribute("data-label-text")]);
    });
    document.querySelector("[data-read-aloud]").setAttribute("data-stop-label", texts().stop_reading);
    document.dispatchEvent(new CustomEvent("kiosk:language"));
  }

  function homeScreen() {
    var nodes = [
      element("h1", { "class": "heading-xl" }, texts().welcome),
      element("p", { "class": "lead" }, texts().welcome_lead),
      element("h2", { "class": "heading-m", id: "languages-title" }, texts().choose_language)
    ];
    var languages = element("ul", { "class": "language-choice language-choice--row", "aria-labelledby": "languages-title" });
    document.querySelectorAll("[data-language]").forEach(function (source) {
      var code = source.getAttribute("data-language");
      var button = element("button", { type: "button", "class": "button button--secondary", lang: code, "aria-pressed": String(code === state.lang) }, source.textContent);
      button.addEventListener("click", function () { chooseLanguage(code); });
      languages.appendChild(element("li")).appendChild(button);
    });
    nodes.push(languages);
    nodes.push(element("h2", { "class": "heading-m", id: "services-title" }, texts().choose_service));
    var services = element("ul", { "class": "kiosk-services", "aria-labelledby": "services-title" });
    locale().services.forEach(function (service) {
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

  function chooseLanguage(code) {
    setLanguage(code);
    if (state.service) {
      var slug = state.service.slug;
      state.service = locale().services.filter(function (s) { return s.slug === slug; })[0] || null;
    }
    if (!state.service) {
      state.screen = "home";
    }
    render();
  }

  function goTo(index) {
    var list = steps();
    state.screen = index >= list.length ? "check" : "step";
    state.step = Math.max(index, 0);
    render();
  }

  function stepCounter(number, total) {
    return texts().step_counter.replace("1111", String(number)).replace("2222", String(total));
  }

  function caption(number, total) {
    var node = localized("p", { "class": "caption" }, state.service.name);
    node.appendChild(element("span", { "class": "caption__step" }, stepCounter(number, total)));
    return node;
  }

  function backButton(onBack) {
    var button = element("button", { type: "button", "class": "back-link link-button" }, texts().back);
    button.addEventListener("click", onBack);
    return button;
  }

  function describe(group, field, id, describedBy) {
    /* The field's hints, named in aria-describedby like the server's macros do. */
    if (field.hint) {
      group.appendChild(localized("p", { "class": "hint", id: id + "-hint" }, field.hint));
      describedBy.push(id + "-hint");
    }
    if (field.limit_hint) {
      group.appendChild(element("p", { "class": "hint", id: id + "-limit" }, field.limit_hint));
      describedBy.push(id + "-limit");
    }
  }

  function fieldNode(field, saved) {
    var group = element("div", { "class": "form-group", "data-field": field.name });
    var describedBy = [];
    if (field.type === "radio" || field.type === "checkbox") {
      var fieldset = element("fieldset", { "class": "fieldset" });
      fieldset.appendChild(localized("legend", { "class": "legend" }, field.label));
      describe(fieldset, field, field.name, describedBy);
      var choices = element("div", { "class": "choices" });
      var chosen = [].concat(saved === undefined ? [] : saved);
      field.options.forEach(function (option, index) {
        var id = field.name + "-" + index;
        var row = element("div", { "class": "choice" });
        row.appendChild(element("input", { "class": "choice__input", type: field.type, id: id, name: field.name, value: option.value, checked: chosen.indexOf(option.value) !== -1 }));
        row.appendChild(localized("label", { "class": "choice__label", "for": id }, option));
        choices.appendChild(row);
      });
      fieldset.appendChild(choices);
      if (describedBy.length) {
        fieldset.setAttribute("aria-describedby", describedBy.join(" "));
      }
      group.appendChild(fieldset);
      return group;
    }
    group.appendChild(localized("label", { "class": "label", "for": field.name }, field.label));
    describe(group, field, field.name, describedBy);
    var input = field.type === "textarea" ?
      element("textarea", { "class": "textarea", rows: 5, dir: "auto", spellcheck: "true" }) :
      element("input", { "class": "input", type: "text", autocomplete: "off", dir: "auto" });
    input.id = field.name;
    input.name = field.name;
    input.value = saved || "";
    if (describedBy.length) {
      input.setAttribute("aria-describedby", describedBy.join(" "));
    }
    group.appendChild(input);
    return group;
  }

  function formAnswers(form, step) {
    var answers = {};
    step.fields.forEach(function (field) {
      if (field.type === "checkbox") {
        var ticked = Array.prototype.map.call(form.querySelectorAll("[name='" + field.name + "']:checked"), function (box) { return box.value; });
        if (ticked.length) { answers[field.name] = ticked; }
      } else if (field.type === "radio") {
        var picked = form.querySelector("[name='" + field.name + "']:checked");
        if (picked) { answers[field.name] = picked.value; }
      } else {
        var text = form.elements[field.name].value.replace(/\r\n/g, "\n").trim();
        if (text) { answers[field.name] = text; }
      }
    });
    return answers;
  }

  /* The checks the server makes too, so a queued response is never refused later. */
  function problems(step, answers) {
    var found = [];
    step.fields.forEach(function (field) {
      if (field.limit && (answers[field.name] || "").length > field.limit) {
        found.push({ field: field, message: field.too_long });
      }
    });
    if (step.consent && !answers.consent) {
      found.push({ field: step.fields[0], message: texts().consent_missing });
    }
    if (answers.gender_self_description && answers.gender !== "self_describe") {
      var described = step.fields.filter(function (f) { return f.name === "gender_self_description"; })[0];
      found.push({ field: described, message: texts().self_description_without_choice });
    }
    return found;
  }

  function showProblems(form, list, title) {
    var summary = element("div", { "class": "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "error-summary-title" });
    summary.appendChild(element("h2", { "class": "error-summary__title", id: "error-summary-title" }, texts().error_summary));
    var items = element("ul", { "class": "error-summary__list" });
    list.forEach(function (problem) {
      var target = problem.field ? problem.field.name + (problem.field.options ? "-0" : "") : null;
      var item = element("li");
      if (target) {
        var link = element("a", { href: "#" + target }, problem.message);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          document.getElementById(target).focus();
        });
        item.appendChild(link);
        var group = form.querySelector("[data-field='" + problem.field.name + "']");
        group.classList.add("form-group--error");
        var error = element("p", { "class": "field-error", id: problem.field.name + "-error" });
        error.appendChild(element("span", { "class": "visually-hidden" }, texts().error_prefix));
        error.appendChild(document.createTextNode(" " + problem.message));
        var anchor = group.querySelector("fieldset > .choices, input, textarea");
        anchor.parentNode.insertBefore(error, anchor);
      } else {
        item.textContent = problem.message;
      }
      items.appendChild(item);
    });
    summary.appendChild(items);
    main.insertBefore(summary, main.firstChild);
    document.title = texts().error_prefix + " " + title + " – Ensemble";
    summary.focus();
  }

  function stepScreen() {
    var list = steps();
    var step = list[state.step];
    var nodes = [
      backButton(function () {
        state.answers[step.key] = formAnswers(form, step);
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
          partners.appendChild(element("li", { dir: "auto" }, name));
        });
        nodes.push(partners);
      }
    });
    var form = element("form", { novalidate: true });
    step.fields.forEach(function (field) {
      form.appendChild(fieldNode(field, (state.answers[step.key] || {})[field.name]));
    });
    form.appendChild(element("button", { type: "submit", "class": "button" }, texts()["continue"]));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = formAnswers(form, step);
      var found = problems(step, answers);
      if (found.length) {
        render();
        var again = main.querySelector("form");
        restore(again, step, answers);
        showProblems(again, found, step.title.text);
        return;
      }
      state.answers[step.key] = answers;
      if (step.consent && answers.consent !== "yes") {
        state.service.steps.forEach(function (s) { if (s.personal) { delete state.answers[s.key]; } });
      }
      var next = steps().indexOf(step) + 1;
      goTo(next);
    });
    nodes.push(form);
    show(nodes, step.title.text);
  }

  function restore(form, step, answers) {
    step.fields.forEach(function (field) {
      var value = answers[field.name];
      if (field.type === "radio" || field.type === "checkbox") {
        form.querySelectorAll("[name='" + field.name + "']").forEach(function (input) {
          input.checked = [].concat(value || []).indexOf(input.value) !== -1;
        });
      } else {
        form.elements[field.name].value = value || "";
      }
    });
  }

  function answerText(field, value) {
    if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) {
      return texts().not_answered;
    }
    if (!field.options) {
      return value;
    }
    return [].concat(value).map(function (v) {
      var option = field.options.filter(function (o) { return o.value === v; })[0];
      return option ? option.text : v;
    }).join(", ");
  }

  function hasAnswers() {
    return Object.keys(state.answers).some(function (key) {
      var answered = Object.keys(state.answers[key] || {}).length > 0;
      return answered && (key === "ratings" || key === "comment" || key.indexOf("stage:") === 0);
    });
  }

  function checkScreen() {
    var list = visibleSteps();
    var nodes = [
      backButton(function () { goTo(steps().length - 1); }),
      caption(list.length + 1, list.length + 1),
      element("h1", { "class": "heading-l" }, texts().check_title)
    ];
    list.forEach(function (step) {
      nodes.push(localized("h2", { "class": "heading-m" }, step.title));
      var rows = element("dl", { "class": "summary-list" });
      step.fields.forEach(function (field) {
        var row = element("div", { "class": "summary-list__row" });
        row.appendChild(localized("dt", { "class": "summary-list__key" }, field.label));
        row.appendChild(element("dd", { "class": "summary-list__value", dir: "auto" }, answerText(field, (state.answers[step.key] || {})[field.name])));
        rows.appendChild(row);
      });
      nodes.push(rows);
    });
    nodes.push(element("p", {}, texts().send_lead));
    var form = element("form", { novalidate: true });
    form.appendChild(element("button", { type: "submit", "class": "button" }, texts().send));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!hasAnswers()) {
        showProblems(form, [{ field: null, message: texts().nothing_to_send }], texts().check_title);
        return;
      }
      send();
    });
    nodes.push(form);
    show(nodes, texts().check_title);
  }

  function send() {
    var answers = {};
    visibleSteps().forEach(function (step) {
      if (state.answers[step.key] && Object.keys(state.answers[step.key]).length) {
        answers[step.key] = state.answers[step.key];
      }
    });
    var response = {
      client_key: window.ensembleKioskQueue.randomKey(),
      service: state.service.slug,
      locale: state.lang,
      answers: answers
    };
    var lang = state.lang;
    /* Forgotten here at once: from now on only the queue holds it, and shows it to nobody. */
    state = fresh(lang);
    state.screen = "saved";
    window.ensembleKioskQueue.add(response).then(render, render);
  }

  function savedScreen() {
    var finish = element("button", { type: "button", "class": "button" }, texts().finish);
    finish.addEventListener("click", startOver);
    var panel = element("div", { "class": "confirmation" });
    panel.appendChild(element("h1", { "class": "confirmation__title" }, texts().saved_title));
    panel.appendChild(element("p", { "class": "confirmation__body" }, texts().saved_body));
    show([panel, element("p", {}, texts().saved_no_receipt), finish], texts().saved_title);
  }

  function render() {
    if (!state.service && state.screen !== "saved") {
      state.screen = "home";
    }
    ({ home: homeScreen, step: stepScreen, check: checkScreen, saved: savedScreen })[state.screen]();
  }

  function startOver() {
    state = fresh(definition.home_locale);
    setLanguage(state.lang);
    render();
  }

  function load() {
    var missing = main.querySelector("[data-definition-missing]");
    window.fetch(body.getAttribute("data-definition-url"), { credentials: "same-origin" })
      .then(function (answer) {
        if (!answer.ok) { throw new Error("no definition"); }
        return answer.json();
      })
      .then(function (loaded) {
        definition = loaded;
        startOver();
      })
      .catch(function () { missing.hidden = false; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-start-over]").forEach(function (button) {
      button.addEventListener("click", function () { if (definition) { startOver(); } });
    });
    document.querySelectorAll("[data-language]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (definition) { chooseLanguage(button.getAttribute("data-language")); }
      });
    });
    load();
  });
  /* Restored by "Back" from the browser's memory: start over rather than show what was there. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && definition) { startOver(); }
  });
})();
