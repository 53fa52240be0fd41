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
  var EMAIL_HEADERS = ["email", "email address", "e mail", "e mail address", "username", "recipientemail"];
  // The tool's own id of a response: who answered when there is no email and no name.
  var ID_HEADERS = ["id", "respondent id", "responseid", "response id"];
  // When the answers were given, most telling first: a response's end beats its start.
  var TIME_HEADERS = ["completion time", "submit date utc", "submitted at", "recordeddate", "end date", "enddate",
                      "timestamp"];
  var SKIPPED_HEADERS = ["start time", "start date utc", "stage date utc", "last modified time", "network id",
                         "response type", "tags", "score", "token", "total points", "quiz feedback", "ip address",
                         "start date",
                         // SurveyMonkey's own columns
                         "collector id", "first name", "last name", "custom data 1",
                         // Qualtrics' own columns, by the ids of its first header row
                         "startdate", "status", "ipaddress", "progress", "duration in seconds", "finished",
                         "recipientlastname", "recipientfirstname", "externalreference", "externaldatareference",
                         "locationlatitude", "locationlongitude", "distributionchannel", "userlanguage"];
  var ROLE_WORDS = ["function", "role", "department"];
  var TEAM_WORDS = ["team", "company", "organisation", "organization"];
  var NOT_APPLICABLE_WORDS = ["n a", "na", "not applicable", "not applicable to our business",
                              "does not apply", "doesn t apply"];
  var NO_QUESTION = "no column names a question; the header row needs the questions' text, as the survey form words them, or their ids";
  var UNKNOWN_WORDS = ["don t know", "dont know", "do not know", "i don t know", "not sure", "dk"];
  // Cells a leader types in a spreadsheet for the same, which normalising would empty.
  var SIGNS = { "?": "unknown", "-": "n/a", "\u2013": "n/a", "\u2014": "n/a" };

  function has(list, item) { return list.indexOf(item) >= 0; }

  function normalise(text) {
    return text.replace(/\u2019/g, "'").toLowerCase().replace(NOT_WORD, " ").trim();
  }

  function headerKey(text) { return normalise(text).replace(NUMBERED, ""); }

  /* An answer cell normalised to look up in optionValues: a sign alone ("?", "-") kept. */
  function cellKey(text) { return normalise(text) || text.trim(); }

  /* Normalised option text (and not-applicable and don't-know wordings) -> the value. */
  function optionValues(options) {
    var values = Object.create(null);
    NOT_APPLICABLE_WORDS.forEach(function (word) { values[word] = "n/a"; });
    UNKNOWN_WORDS.forEach(function (word) { values[word] = "unknown"; });
    Object.keys(SIGNS).forEach(function (sign) { values[sign] = SIGNS[sign]; });
    Object.keys(options).forEach(function (level) { values[normalise(options[level])] = parseInt(level, 10); });
    return values;
  }

  function metadata(key, column) {
    if (has(SKIPPED_HEADERS, key)) return "skip";
    if (column === "#" || has(ID_HEADERS, key)) return "id";  // Typeform's token, the others' response ids
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

  /* A header being mapped column by column, as survey.py's _Reading: each kind of column has
   * its own step, and the first step that knows a column takes it. */
  function Reading(header, questions, ignore, retired, retiredTexts) {
    var self = this;
    this.header = header; this.retired = retired || {}; this.retiredTexts = retiredTexts || {};
    this.ignored = Object.create(null); this.ignoredKeys = Object.create(null);
    (ignore || []).forEach(function (name) {
      self.ignored[name.trim().toLowerCase()] = true;
      if (headerKey(name)) self.ignoredKeys[headerKey(name)] = true;
    });
    this.byText = Object.create(null); this.ids = Object.create(null);
    questions.forEach(function (q) {
      self.ids[q.id] = true;
      var key = headerKey(q.text);
      if (!(key in self.byText)) self.byText[key] = q.id;
    });
    this.found = { respondent: null, role: null, team: null, date: null, timestamp: false, questions: [],
                   evidence: [], unknown: [], problems: [], notes: [], shownAs: [], identity: [] };
    this.names = Object.create(null);  // the columns that could give the role, team or date
    this.people = { name: [], email: [], id: [] };  // the columns that could tell who answered
    this.taken = Object.create(null);  // question id (or fixed column) -> its column
  }

  Reading.prototype.take = function (part, index, column) {
    if (part in this.taken) this.found.problems.push("duplicate column '" + column.slice(0, 60) + "'");
    this.taken[part] = index;
  };

  Reading.prototype.ignoredColumn = function (index, column) {
    var evidenceId = evidenceOf(column);
    return !!(this.ignored[column.toLowerCase()] || this.ignoredKeys[headerKey(column)] ||
              (evidenceId && !this.ids[evidenceId] && this.ignored[evidenceId.toLowerCase()]));  // its question is left out too
  };

  Reading.prototype.evidence = function (index, column) {
    var evidenceId = evidenceOf(column);
    if (!evidenceId || !this.ids[evidenceId]) return false;
    this.take(evidenceId + ":evidence", index, column);
    this.found.evidence.push([index, evidenceId]);
    return true;
  };

  Reading.prototype.fixed = function (index, column) {
    if (!has(FIXED, column.toLowerCase())) return false;
    this.take(column.toLowerCase(), index, column);
    return true;
  };

  Reading.prototype.question = function (index, column) {
    var id = this.ids[column] ? column : this.byText[headerKey(column)];
    if (id === undefined) return false;
    if (!(id in this.taken)) {
      this.taken[id] = index;
      this.found.questions.push([index, id]);
      return true;
    }
    var first = this.header[this.taken[id]];
    this.found.problems.push(first === column ? "duplicate column '" + column.slice(0, 60) + "'"
      : "columns '" + first.slice(0, 60) + "' and '" + column.slice(0, 60) + "' both match question '" + id + "'; keep one of them");
    return true;
  };

  /* A question since replaced: named by its id, a problem; by its wording, an earlier form's
   * export, left out with a note. */
  Reading.prototype.retiredColumn = function (index, column) {
    if (Object.prototype.hasOwnProperty.call(this.retired, column)) { this.found.problems.push(this.retired[column]); return true; }
    var key = headerKey(column);
    if (!Object.prototype.hasOwnProperty.call(this.retiredTexts, key)) return false;
    this.found.notes.push("column '" + column.slice(0, 60) + "' left out: " + this.retiredTexts[key]);
    return true;
  };

  /* A survey tool's own column, the first of its kind; else a column matching nothing. */
  Reading.prototype.metadataColumn = function (index, column) {
    var key = headerKey(column), kind = metadata(key, column);
    if (kind === "skip") return;
    if (kind in this.people) {  // a name typed in the form before the tool's own
      var people = this.people[kind];
      people.splice(key === "name" ? people.length : 0, 0, index);
    } else if (kind !== null && !(kind in this.names)) this.names[kind] = index;
    else this.found.unknown.push(column);
  };

  Reading.prototype.place = function (index, column) {
    var steps = [this.ignoredColumn, this.evidence, this.fixed, this.question, this.retiredColumn], self = this;
    if (!steps.some(function (step) { return step.call(self, index, column); })) this.metadataColumn(index, column);
  };

  /* The layout, with survey tools' own columns standing in for missing fixed ones. */
  Reading.prototype.finish = function () {
    var found = this.found, names = this.names, people = this.people, taken = this.taken;
    FIXED.forEach(function (name) { found[name] = name in taken ? taken[name] : null; });
    if (found.respondent === null) {
      found.shownAs = people.name.concat(people.email);
      found.identity = people.email.concat(people.name, people.id);
      found.respondent = found.shownAs.length ? found.shownAs[0] : null;
    } else found.shownAs = found.identity = [found.respondent];
    found.emails = people.email; found.ids = people.id;  // which of identity are emails and ids (answer-identity.js)
    if (found.role === null && "role" in names) found.role = names.role;
    if (found.team === null && "team" in names) found.team = names.team;
    if (!found.questions.length && !found.unknown.length) found.problems.push(NO_QUESTION);
    if (found.date === null) {
      var times = TIME_HEADERS.filter(function (kind) { return kind in names; });
      if (times.length) { found.date = names[times[0]]; found.timestamp = true; }
    }
    return found;
  };

  /* Which column holds what, from a stripped header. questions: [{id, text, options}];
   * ignore: columns to leave out, by name or by question text; retired: retired question id ->
   * the message that names its replacement; retiredTexts: a retired question's wording
   * (headerKey) -> that message, for an earlier form's export.
   * {respondent, role, team, date: column index or null, timestamp, questions: [[index, id]],
   * evidence: [[index, id]], shownAs, identity, emails, ids: [index] (who answered: the first
   * filled of these on a row), unknown: [column], problems, notes: [message]}. */
  function layout(header, questions, ignore, retired, retiredTexts) {
    var reading = new Reading(header, questions, ignore, retired, retiredTexts);
    header.forEach(function (column, index) { reading.place(index, column); });
    return reading.finish();
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

  var api = { normalise: normalise, headerKey: headerKey, cellKey: cellKey, optionValues: optionValues, layout: layout,
              unknownMessage: unknownMessage, timestampDateText: timestampDateText };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsSurvey = api;
})(this);
