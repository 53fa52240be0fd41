/* Survey-tool exports read as they come, as src/revops/answers/survey.py reads them: headers that hold
 * a question's text, cells that hold an option's text, and the columns Google Forms,
 * Microsoft Forms and Typeform add (a timestamp, an email address, a name). The cases in
 * tests/cases/reading-survey.json hold the two together. */
(function (root) {
  "use strict";

  var FIXED = ["respondent", "role", "team", "date"];
  var NOT_WORD = /[^\p{L}\p{N}]+/gu;  // Python's [\W_]+
  var NUMBERED = /^(?:q ?)?[0-9]{1,3} /;
  var TIMESTAMP = /^(\S+)[ T][0-9]{1,2}:[0-9]{2}/;
  var YEAR_FIRST = /^([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})$/;
  var NAME_HEADERS = ["name", "full name", "your name", "what is your name", "respondent name"];
  var EMAIL_HEADERS = ["email", "email address", "e mail", "e mail address", "username"];
  var TIME_HEADERS = ["completion time", "submit date utc", "submitted at", "end date", "timestamp"];
  var SKIPPED_HEADERS = ["id", "start time", "start date utc", "stage date utc", "last modified time",
                         "network id", "response type", "tags", "score", "token", "total points",
                         "quiz feedback", "ip address", "start date"];
  var ROLE_WORDS = ["function", "role", "department"];
  var TEAM_WORDS = ["team", "company", "organisation", "organization"];
  var NOT_APPLICABLE_WORDS = ["n a", "na", "not applicable", "not applicable to our business",
                              "does not apply", "doesn t apply"];
  var NO_QUESTION = "no column names a question; the header row needs the questions' text, as the survey form words them, or their ids";
  var UNKNOWN_WORDS = ["don t know", "dont know", "do not know", "i don t know", "not sure"];

  function has(list, item) { return list.indexOf(item) >= 0; }

  function normalise(text) {
    return text.replace(/\u2019/g, "'").toLowerCase().replace(NOT_WORD, " ").trim();
  }

  function headerKey(text) { return normalise(text).replace(NUMBERED, ""); }

  /* Normalised option text (and not-applicable and don't-know wordings) -> the value. */
  function optionValues(options) {
    var values = Object.create(null);
    NOT_APPLICABLE_WORDS.forEach(function (word) { values[word] = "n/a"; });
    UNKNOWN_WORDS.forEach(function (word) { values[word] = "unknown"; });
    Object.keys(options).forEach(function (level) { values[normalise(options[level])] = parseInt(level, 10); });
    return values;
  }

  function metadata(key, column) {
    if (column === "#" || has(SKIPPED_HEADERS, key)) return "skip";
    if (has(NAME_HEADERS, key)) return "name";
    if (has(EMAIL_HEADERS, key)) return "email";
    if (has(TIME_HEADERS, key)) return key;
    var words = key.split(" ");
    if (ROLE_WORDS.some(function (word) { return has(words, word); })) return "role";
    if (TEAM_WORDS.some(function (word) { return has(words, word); })) return "team";
    return null;
  }

  /* The question id of an "<id>:evidence" column, which holds what backs each answer. */
  function evidenceOf(column) {
    var colon = column.lastIndexOf(":");
    if (colon < 0 || column.slice(colon + 1).trim().toLowerCase() !== "evidence") return null;
    return column.slice(0, colon).trim();
  }

  /* Which column holds what, from a stripped header. questions: [{id, text, options}];
   * ignore: columns to leave out, by name or by question text; retired: retired question id ->
   * the message that names its replacement.
   * {respondent, role, team, date, email: column index or null, timestamp, questions: [[index, id]],
   * evidence: [[index, id]], unknown: [column], problems: [message]}. */
  function layout(header, questions, ignore, retired) {
    var ignored = Object.create(null), ignoredKeys = Object.create(null);
    (ignore || []).forEach(function (name) {
      ignored[name.trim().toLowerCase()] = true;
      if (headerKey(name)) ignoredKeys[headerKey(name)] = true;
    });
    var byText = Object.create(null), ids = Object.create(null);
    questions.forEach(function (q) {
      ids[q.id] = true;
      var key = headerKey(q.text);
      if (!(key in byText)) byText[key] = q.id;
    });
    var found = { respondent: null, role: null, team: null, date: null, timestamp: false,
                  questions: [], evidence: [], unknown: [], problems: [] };
    var names = Object.create(null), taken = Object.create(null);
    header.forEach(function (column, index) {
      var lowered = column.toLowerCase(), key = headerKey(column);
      if (ignored[lowered] || ignoredKeys[key]) return;
      var evidenceId = evidenceOf(column);
      if (evidenceId && ids[evidenceId]) {
        if (evidenceId + ":evidence" in taken) found.problems.push("duplicate column '" + column.slice(0, 60) + "'");
        taken[evidenceId + ":evidence"] = index;
        found.evidence.push([index, evidenceId]);
        return;
      }
      if (evidenceId && ignored[evidenceId.toLowerCase()]) return;  // its question is left out too
      if (has(FIXED, lowered)) {
        if (lowered in taken) found.problems.push("duplicate column '" + column.slice(0, 60) + "'");
        taken[lowered] = index;
        return;
      }
      var id = ids[column] ? column : byText[key];
      if (id !== undefined) {
        if (id in taken) {
          var first = header[taken[id]];
          found.problems.push(first === column ? "duplicate column '" + column.slice(0, 60) + "'"
            : "columns '" + first.slice(0, 60) + "' and '" + column.slice(0, 60) + "' both match question '" + id + "'; keep one of them");
        } else {
          taken[id] = index;
          found.questions.push([index, id]);
        }
        return;
      }
      if (retired && Object.prototype.hasOwnProperty.call(retired, column)) { found.problems.push(retired[column]); return; }
      var kind = metadata(key, column);
      if (kind === "skip") return;
      if (kind !== null && !(kind in names)) { names[kind] = index; return; }
      found.unknown.push(column);
    });
    FIXED.forEach(function (name) { found[name] = name in taken ? taken[name] : null; });
    if (found.respondent === null) found.respondent = "name" in names ? names.name : "email" in names ? names.email : null;
    found.email = "email" in names ? names.email : null;  // who the row is, when the page asks (answer-files.js)
    if (found.role === null && "role" in names) found.role = names.role;
    if (found.team === null && "team" in names) found.team = names.team;
    if (!found.questions.length && !found.unknown.length) found.problems.push(NO_QUESTION);
    if (found.date === null) {
      var times = TIME_HEADERS.filter(function (kind) { return kind in names; });
      if (times.length) { found.date = names[times[0]]; found.timestamp = true; }
    }
    return found;
  }

  function unknownMessage(columns) {
    return "columns that match no question: " + columns.map(function (column) { return "'" + column.slice(0, 100) + "'"; }).join(", ") +
      "; import the file without them with the button below, or delete them from the file";
  }

  /* The date part of a survey tool's date and time, a year-first date as YYYY-MM-DD. */
  function timestampDateText(raw) {
    var text = raw, match = TIMESTAMP.exec(text);
    if (match) text = match[1];
    match = YEAR_FIRST.exec(text);
    if (match) return match[1] + "-" + ("0" + +match[2]).slice(-2) + "-" + ("0" + +match[3]).slice(-2);
    return text;
  }

  var api = { normalise: normalise, optionValues: optionValues, layout: layout,
              unknownMessage: unknownMessage, timestampDateText: timestampDateText };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsSurvey = api;
})(this);
