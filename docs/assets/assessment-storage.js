/* What the assessment page keeps in the browser's storage. Everything read back is checked again,
 * as if it were an import: known questions only, valid answers, short texts, finite scores.
 * No DOM here, so node can test it. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Files = node ? require("./answer-files.js") : root.RevOpsFiles;
  var Evidence = node ? require("./answer-evidence.js") : root.RevOpsEvidence;
  var Company = node ? require("./assessment-company.js") : root.RevOpsCompany;
  var History = node ? require("./assessment-history.js") : root.RevOpsHistory;
  var PlanPage = node ? require("./assessment-plan.js") : root.RevOpsPlanPage;
  var MAX_COLLEAGUES = 500;

  function create(bank) {
    var known = Files.knownIds(bank), company = Company.create(bank), earlier = History.create(bank);

    function cleanText(value, limit) { return typeof value === "string" ? value.slice(0, limit || 200) : ""; }

    function cleanAnswers(source) {
      var answers = {};
      if (source && typeof source === "object") {
        Object.keys(source).forEach(function (id) {
          if (!known[id]) return;
          try { answers[id] = Files.parseValue(source[id]); } catch (e) { /* dropped */ }
        });
      }
      return answers;
    }

    /* What backs each answer: {question id: {text, owner, checked}}; a state saved before
     * the page kept evidence has none. */
    function cleanEvidence(source) { return Evidence.clean(source, known); }

    function cleanPerson(p) {
      var date = p && typeof p.date === "string" && Files.ISO_DATE.test(p.date) ? p.date : null;
      var person = { name: cleanText(p && p.name) || null, role: cleanText(p && p.role) || null,
                     date: date, answers: cleanAnswers(p && p.answers) };
      var evidence = cleanEvidence(p && p.evidence);
      if (Object.keys(evidence).length) person.evidence = evidence;
      var email = cleanText(p && p.email);
      if (email) person.email = email;  // who a colleague is, so a second submission replaces the first
      var responseId = cleanText(p && p.responseId);
      if (responseId && !email) person.responseId = responseId;  // a survey tool's id, where no email or name tells
      return person;
    }

    function empty(today) {  // a company overlay names the organisation: the team to start with
      var team = bank.overlay && bank.overlay.organisation ? cleanText(bank.overlay.organisation, 120) : "";
      return { team: team, date: today, name: "", role: "", answers: {}, evidence: {}, colleagues: [],
               profile: company.cleanProfile(null), readings: {}, history: [],
               targets: {}, plan: PlanPage.cleanOptions(null) };
    }

    /* The state saved earlier, cleaned, or null; `retired` counts answers to questions since replaced. */
    function restore(saved, today) {
      if (!saved || typeof saved !== "object") return null;
      var state = empty(today);
      state.team = cleanText(saved.team, 120);
      if (Files.ISO_DATE.test(saved.date || "")) state.date = saved.date;
      state.name = cleanText(saved.name, 120);
      state.role = cleanText(saved.role, 60);
      state.answers = cleanAnswers(saved.answers);
      state.evidence = cleanEvidence(saved.evidence);
      state.colleagues = Array.isArray(saved.colleagues) ? saved.colleagues.slice(0, MAX_COLLEAGUES).map(cleanPerson) : [];
      // A state saved before the page kept a profile, readings or several earlier assessments
      // loads whole: no profile, no readings, and its one `previous` as the history.
      state.profile = company.cleanProfile(saved.profile);
      state.readings = company.cleanReadings(saved.readings);
      state.history = earlier.cleanHistory(saved.history, saved.previous);
      // Targets chosen per rule and the plan's start, quarters and load; none in an older state.
      state.targets = PlanPage.cleanTargets(saved.targets, bank);
      state.plan = PlanPage.cleanOptions(saved.plan);
      var retired = saved.answers && typeof saved.answers === "object"
        ? Object.keys(saved.answers).filter(function (id) { return !known[id]; }).length : 0;
      return { state: state, retired: retired };
    }

    return { cleanText: cleanText, cleanAnswers: cleanAnswers, cleanEvidence: cleanEvidence, cleanPerson: cleanPerson,
             cleanEarlier: earlier.cleanEarlier, empty: empty, restore: restore, MAX_COLLEAGUES: MAX_COLLEAGUES };
  }

  var api = { create: create };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsStorage = api;
})(this);
