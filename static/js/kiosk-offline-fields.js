/* The offline flow's form parts (kiosk offline page only): fields, hints and error messages
   built from the definition with the same markup, names and ARIA links as the server's
   macros, and the answers read back from them. */
(function () {
  "use strict";

  var flow = window.ensembleKioskOffline;

  flow.element = function (name, attributes, text) {
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
  };
  var element = flow.element;

  /* A catalogue text ({text, lang}); marked when it falls back to another language. */
  flow.localized = function (name, attributes, value) {
    var node = element(name, attributes, value.text);
    if (value.lang && value.lang !== flow.state.lang) {
      node.setAttribute("lang", value.lang);
      node.setAttribute("dir", "auto");
    }
    return node;
  };
  var localized = flow.localized;

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

  flow.fieldNode = function (field, saved) {
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
  };

  flow.formAnswers = function (form, step) {
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
  };

  flow.restore = function (form, step, answers) {
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
  };

  /* The error summary on top of <main> and each field's message, as the server's pages show them. */
  flow.showProblems = function (form, list, title) {
    var texts = flow.texts();
    var main = document.getElementById("main");
    var summary = element("div", { "class": "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "error-summary-title" });
    summary.appendChild(element("h2", { "class": "error-summary__title", id: "error-summary-title" }, texts.error_summary));
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
        error.appendChild(element("span", { "class": "visually-hidden" }, texts.error_prefix));
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
    document.title = texts.error_prefix + " " + title + " – Ensemble";
    summary.focus();
  };

  /* An answer as the check page shows it: the options' texts, or "Not answered". */
  flow.answerText = function (field, value) {
    if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) {
      return flow.texts().not_answered;
    }
    if (!field.options) {
      return value;
    }
    return [].concat(value).map(function (v) {
      var option = field.options.filter(function (o) { return o.value === v; })[0];
      return option ? option.text : v;
    }).join(", ");
  };
})();
