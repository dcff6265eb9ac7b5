/* The offline flow's memory (kiosk offline page only): which service, step and language a
   resident is on and what they answered, with the rules the server's pages follow (which
   questions count after the consent question, the checks before "Continue"). Kept apart from
   the screens so that what is remembered, and forgotten, is in one place. */
(function () {
  "use strict";

  var flow = window.ensembleKioskOffline = { definition: null, state: null };

  flow.fresh = function (lang) {
    return { lang: lang, service: null, step: -1, answers: {}, screen: "home" };
  };

  flow.locale = function () { return flow.definition.locales[flow.state.lang]; };
  flow.texts = function () { return flow.locale().texts; };

  function consent() { return (flow.state.answers.consent || {}).consent; }

  /* The questions about the resident count until a "no" to the consent question. */
  flow.steps = function () {
    return flow.state.service.steps.filter(function (step) { return !step.personal || consent() !== "no"; });
  };

  /* What the check page shows and the response holds: about the resident only after a "yes". */
  flow.visibleSteps = function () {
    return flow.state.service.steps.filter(function (step) { return !step.personal || consent() === "yes"; });
  };

  /* Keeps a step's answers; a consent other than "yes" forgets the answers about the resident. */
  flow.keep = function (step, answers) {
    var state = flow.state;
    state.answers[step.key] = answers;
    if (step.consent && answers.consent !== "yes") {
      state.service.steps.forEach(function (s) { if (s.personal) { delete state.answers[s.key]; } });
    }
  };

  /* The checks the server makes too, so a queued response is never refused later. */
  flow.problems = function (step, answers) {
    var found = [];
    step.fields.forEach(function (field) {
      if (field.limit && (answers[field.name] || "").length > field.limit) {
        found.push({ field: field, message: field.too_long });
      }
    });
    if (step.consent && !answers.consent) {
      found.push({ field: step.fields[0], message: flow.texts().consent_missing });
    }
    if (answers.gender_self_description && answers.gender !== "self_describe") {
      var described = step.fields.filter(function (f) { return f.name === "gender_self_description"; })[0];
      found.push({ field: described, message: flow.texts().self_description_without_choice });
    }
    return found;
  };

  flow.hasAnswers = function () {
    var answers = flow.state.answers;
    return Object.keys(answers).some(function (key) {
      var answered = Object.keys(answers[key] || {}).length > 0;
      return answered && (key === "ratings" || key === "comment" || key.indexOf("stage:") === 0);
    });
  };

  /* The response as the server takes it (POST /kiosk/responses), with a key of its own so
     that sending it twice stores it once. */
  flow.response = function () {
    var state = flow.state;
    var answers = {};
    flow.visibleSteps().forEach(function (step) {
      if (state.answers[step.key] && Object.keys(state.answers[step.key]).length) {
        answers[step.key] = state.answers[step.key];
      }
    });
    return {
      client_key: window.ensembleKioskQueue.randomKey(),
      service: state.service.slug,
      locale: state.lang,
      answers: answers
    };
  };
})();
