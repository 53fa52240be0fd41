/* Reading and writing answer files in the browser: the formats, limits and messages of
 * `revops score` (src/revops/answers/documents.py, answers_csv.py, formats.py, previous.py). The cases in
 * tests/cases bind the two: `node --test tests/js/` runs them here, pytest runs them in Python.
 * Every problem becomes an ImportError whose message starts with the file's name; nothing here
 * touches the DOM. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Yaml = node ? require("./answer-yaml.js") : root.RevOpsYaml;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  var Regional = node ? require("./answer-regional.js") : root.RevOpsRegional;
  var Survey = node ? require("./answer-survey.js") : root.RevOpsSurvey;
  var Evidence = node ? require("./answer-evidence.js") : root.RevOpsEvidence;
  var Profile = node ? require("./answer-profile.js") : root.RevOpsProfile;

  /* The one place these are defined on the page (assessment.js uses them from here). */
  var LIMITS = {
    document: 1000000,  // one person's YAML or JSON file: yamlsource.MAX_BYTES
    csv: 2000000        // the page keeps at most 500 colleagues; the CLI reads 20 MB (see tests/cases)
  };
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var NON_FINITE = /([[:,]\s*)(?:-?Infinity|NaN)(?=\s*[\],}])/g;
  var VALUE_HINT = "use 1 to 5, n/a, unknown, or leave it empty";
  var DOCUMENT_KEYS = ["team", "date", "respondent", "profile", "metrics", "answers"];

  var strip = Csv.strip;  // Python's str.strip(), so both sides keep the same text

  function ImportError(message) { this.message = message; }

  /* Every message the page shows starts with the file's name. */
  function named(name, message) {
    var error = new ImportError(name + ": " + message);
    error.named = true;
    return error;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function fail(where, message) { throw new ImportError((where ? where + ": " : "") + message); }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
           !(value instanceof Yaml.YamlFloat) && !(value instanceof Yaml.YamlDate);
  }

  /* A value as Python's repr() shows it, for messages that must read the same. */
  function shown(value) {
    if (value === null || value === undefined) return "None";
    if (value === true || value === false) return value ? "True" : "False";
    if (typeof value === "string") return "'" + value.slice(0, 40) + "'";
    return String(value);
  }

  function typeName(value) {
    if (Array.isArray(value)) return "list";
    if (value instanceof Yaml.YamlDate) return "date";
    return "dict";
  }

  /* -- values, as formats.parse_value and formats.parse_date -- */
  function parseValue(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === "boolean" || raw instanceof Yaml.YamlFloat ||
        (typeof raw === "number" && !Number.isInteger(raw))) {
      fail("", shown(raw) + " is not an answer");
    }
    if (typeof raw === "number") {
      if (raw >= 1 && raw <= 5) return raw;
      fail("", raw + " is out of range");
    }
    if (typeof raw === "string") {
      var text = strip(raw).toLowerCase();
      if (text === "" || text === "~" || text === "null") return null;
      if (text === "n/a" || text === "unknown") return text;
      if (/^[1-5]$/.test(text)) return parseInt(text, 10);
      if (/^[0-9]+$/.test(text) && !/^0*[1-5]$/.test(text)) fail("", parseInt(text, 10) + " is out of range");
      fail("", "'" + raw.slice(0, 40) + "' is not an answer");
    }
    fail("", "a " + typeName(raw) + " is not an answer");
  }

  function parseDate(raw) {
    if (raw instanceof Yaml.YamlDate) return raw.iso;
    if (typeof raw === "string" && ISO_DATE.test(strip(raw))) {
      var text = strip(raw), date = new Date(text + "T00:00:00Z");
      if (!isNaN(date) && date.toISOString().slice(0, 10) === text && text > "0000") return text;
    }
    fail("", "bad date " + shown(raw) + "; write it as YYYY-MM-DD, e.g. 2026-03-31");
  }

  function knownIds(bank) {
    var ids = Object.create(null);
    bank.rules.forEach(function (rule) { rule.questions.forEach(function (q) { ids[q.id] = true; }); });
    return ids;
  }

  /* What a file that still names a retired question is told (values.retired_message). */
  function retiredMessage(id, entry) {
    return "question '" + id + "' was retired: " + entry.reason +
      (entry.replaced_by ? "; answer '" + entry.replaced_by + "' instead" : "; leave it out");
  }

  function retiredIn(bank) { return bank.retired || Object.create(null); }

  function unknownQuestion(id) {
    return "unknown question id '" + String(id).slice(0, 60) + "'; run `revops template` for the list";
  }

  /* A bare value, or the mapping form with its evidence: {value, evidence or null}. */
  function readAnswer(raw) {
    if (!isMapping(raw)) return { value: parseValue(raw), evidence: null };
    return Evidence.fromMapping(raw, parseValue, parseDate);
  }

  /* {answers, evidence}: evidence holds the answers written as a mapping. ignored: when
   * given, unknown ids are counted in ignored.count instead of refused (an earlier
   * assessment may use questions that have since been renamed). */
  function readAnswers(source, bank, ignored) {
    var answers = Object.create(null), evidence = Object.create(null);
    if (source === null) return { answers: answers, evidence: evidence };
    if (!isMapping(source)) fail("", "'answers' must be a mapping of question id to answer");
    var ids = knownIds(bank), aside = setAside(bank);
    Object.keys(source).forEach(function (id) {
      if (has(aside, id)) return;
      if (!ids[id]) {
        if (ignored) { ignored.count += 1; return; }
        if (has(retiredIn(bank), id)) fail("", retiredMessage(id, retiredIn(bank)[id]));
        fail("", unknownQuestion(id));
      }
      var read;
      try { read = readAnswer(source[id]); } catch (e) {  // the hint, as answers._describe adds it
        fail("", "answer to '" + id + "': " + e.message + (/not an answer|range/.test(e.message) ? "; " + VALUE_HINT : ""));
      }
      answers[id] = read.value;
      if (read.evidence) evidence[id] = read.evidence;
    });
    return { answers: answers, evidence: evidence };
  }

  /* A respondent read from a file; `evidence` only when some answer carries it. */
  function respondent(person, answers, evidence) {
    person.answers = answers;
    if (Object.keys(evidence).length) person.evidence = evidence;
    return person;
  }

  function label(person, key) {
    var value = person[key];
    if (value !== null && value !== undefined && typeof value !== "string") fail("", "respondent " + key + " must be text");
    return value === undefined ? null : value;
  }

  /* One respondent from a YAML or JSON answer file, checked as formats.AnswerFile checks it. */
  function fromDocument(data, bank, ignored) {
    if (!isMapping(data)) fail("", "an answer file is a mapping with team, date and answers; run `revops template` for an example");
    Object.keys(data).forEach(function (key) {
      if (DOCUMENT_KEYS.indexOf(key) >= 0) return;
      var report = key === "schema_version" ? "; this is a revops report, which holds scores but not answers: import it as a previous assessment" : "";
      fail("", "unknown key '" + key.slice(0, 40) + "'" + (report || "; allowed keys: " + DOCUMENT_KEYS.join(", ")));
    });
    if (typeof data.team !== "string" || !strip(data.team)) fail("", "'team' is required: the team's name, as text");
    if (!has(data, "date")) fail("", "'date' is required: as YYYY-MM-DD");
    var date = parseDate(data.date);
    var person = has(data, "respondent") ? data.respondent : null;
    if (person !== null && !isMapping(person)) fail("", "'respondent' must be a mapping with name and role");
    Object.keys(person || {}).forEach(function (key) {
      if (key !== "name" && key !== "role") fail("", "unknown key '" + key.slice(0, 40) + "' in respondent; allowed keys: name, role");
    });
    var failHere = function (message) { fail("", message); };
    var rawProfile = has(data, "profile") ? data.profile : null;
    var profile = isMapping(rawProfile) && !Object.keys(rawProfile).length ? null
      : Profile.readProfile(rawProfile, bank, isMapping, failHere);
    var metrics = Profile.readMetrics(has(data, "metrics") ? data.metrics : null, bank, isMapping, failHere);
    if (!has(data, "answers")) fail("", "'answers' is required: a mapping of question id to answer");
    var read = readAnswers(data.answers, bank, ignored);
    var found = respondent({ team: strip(data.team), date: date, name: person ? label(person, "name") : null,
                             role: person ? label(person, "role") : null }, read.answers, read.evidence);
    if (profile && (profile.stage || profile.motion)) found.profile = profile;  // else none named
    if (metrics) found.metrics = metrics;
    return found;
  }

  /* The questions a company overlay hid (id -> text): answers to them are left out. */
  function setAside(bank) {
    return (bank.overlay && bank.overlay.set_aside) || Object.create(null);
  }

  function bankQuestions(bank) {
    return [].concat.apply([], bank.rules.map(function (rule) { return rule.questions; }));
  }

  /* One cell of a question's column: an answer, or the text of one of its options. */
  function cellValue(cell, options) {
    try { return parseValue(cell); } catch (e) {
      var key = Survey.normalise(cell);
      if (key in options) return options[key];
      throw e;
    }
  }

  /* Respondents from a team CSV or a survey tool's export, checked as
   * answers_csv.read_csv_table checks them; a file of more than `most` rows is refused unread. */
  function fromCsv(text, bank, ignored, most) {
    var table = Csv.read(text), header = table.header, where = "line " + table.headerLine;
    if (most && table.rows.length > most) fail("", tooManyRows(table.rows.length, most));
    var aside = setAside(bank), questions = bankQuestions(bank);
    var retired = Object.create(null);  // an earlier file may name retired questions: left out
    if (!ignored) Object.keys(retiredIn(bank)).forEach(function (id) { retired[id] = retiredMessage(id, retiredIn(bank)[id]); });
    var found = Survey.layout(header, questions, Object.keys(aside).concat(Object.keys(aside).map(function (id) { return aside[id]; })), retired);
    if (found.problems.length) fail(where, found.problems[0]);
    if (found.unknown.length) {
      if (ignored) ignored.count += found.unknown.length;
      else fail(where, Survey.unknownMessage(found.unknown));
    }
    if (!table.rows.length) fail(where, "no respondent rows; add one row per person under the header");
    var options = Object.create(null);
    questions.forEach(function (q) { options[q.id] = Survey.optionValues(q.options); });
    function cellAt(cells, index) { return index === null ? null : strip(cells[index]) || null; }
    return table.rows.map(function (row) {
      var here = "line " + row.line, cells = row.cells, answers = Object.create(null), evidence = Object.create(null);
      if (cells.length !== header.length) {
        fail(here, "row has " + cells.length + " fields but the header has " + header.length + "; check for a missing or extra comma");
      }
      found.questions.forEach(function (pair) {
        try { answers[pair[1]] = cellValue(cells[pair[0]], options[pair[1]]); }
        catch (e) { fail(here, "column '" + header[pair[0]].slice(0, 60) + "': " + e.message + "; " + VALUE_HINT + ", or an option's text"); }
      });
      found.evidence.forEach(function (pair) {  // "<id>:evidence" columns: a text, or nothing
        var text = cellAt(cells, pair[0]);
        if (text) evidence[pair[1]] = { text: text, owner: null, checked: null };
      });
      var date = cellAt(cells, found.date);
      if (date) {
        if (found.timestamp) date = Survey.timestampDateText(date);
        try { date = Regional.csvDate(date, parseDate); } catch (e) { fail(here, e.message); }
      }
      return respondent({ team: cellAt(cells, found.team), date: date, name: cellAt(cells, found.respondent),
                          role: cellAt(cells, found.role) }, answers, evidence);
    });
  }

  function tooManyRows(count, most) {
    return "it holds " + count.toLocaleString("en-US") + " responses, but this page holds at most " +
           most.toLocaleString("en-US") + " colleagues; score a team this large with the `revops score` command";
  }

  /* An earlier `revops score --format json` report, checked as previous._from_report checks it. */
  function fromReport(data) {
    if ([1, 2].indexOf(data.schema_version) < 0 || typeof data.schema_version !== "number") {
      fail("", "report schema_version " + shown(data.schema_version) + " is not supported; this revops reads versions 1 and 2");
    }
    var incomplete = "not a complete revops JSON report: it needs rules with id and score, and overall.score";
    var isScore = function (value) { return value === null || (typeof value === "number" && isFinite(value)); };
    if (!Array.isArray(data.rules) || !isMapping(data.overall) || !has(data.overall, "score") ||
        !isScore(data.overall.score)) fail("", incomplete);
    var rules = Object.create(null), means = Object.create(null);
    data.rules.forEach(function (rule) {
      if (!isMapping(rule) || !has(rule, "id") || !has(rule, "score") || !isScore(rule.score) ||
          typeof rule.id !== "string") fail("", incomplete);
      rules[rule.id] = rule.score;
      var given = has(rule, "question_means") ? rule.question_means : {};
      if (!isMapping(given)) fail("", incomplete);
      Object.keys(given).forEach(function (id) {
        if (!isScore(given[id])) fail("", incomplete);
        means[id] = given[id];
      });
    });
    var date = typeof data.date === "string" && ISO_DATE.test(data.date) ? data.date : null;
    return { overall: data.overall.score, rules: rules, date: date, question_means: means };
  }

  function reportIn(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) {
      // Python's json module also reads NaN and Infinity: such a report is refused, as there.
      try { data = JSON.parse(text.replace(NON_FINITE, '$1"not finite"')); } catch (e2) { return null; }
    }
    return isMapping(data) && has(data, "schema_version") ? fromReport(data) : null;
  }

  function checkSize(size, name) {
    var csv = /\.csv$/i.test(name), limit = csv ? LIMITS.csv : LIMITS.document;
    if (size <= limit) return;
    throw named(name, csv ? "file is larger than " + limit / 1000000 + " MB, more than this page keeps; score it with `revops score`"
                   : "file is larger than " + limit / 1000 + " kB; split it or remove what does not belong");
  }

  /* Parse a file's text. Returns {respondents, ignored} or, for a JSON report read as a previous
   * assessment ({previous: true}), {report}. A previous assessment may hold retired questions:
   * they are counted in `ignored` instead of refused. {most: n} refuses a CSV of more rows. */
  function parseFile(text, name, bank, options) {
    var previous = !!(options && options.previous), ignored = previous ? { count: 0 } : null;
    var lower = name.toLowerCase();
    try {
      text = text.replace(/^\ufeff/, "");
      checkSize(new Blob([text]).size, name);
      var result;
      if (/\.csv$/.test(lower)) result = { respondents: fromCsv(text, bank, ignored, options && options.most) };
      else if (!/\.(ya?ml|json)$/.test(lower)) fail("", "choose a .yaml, .yml, .json or .csv file");
      else {
        var report = previous && /\.json$/.test(lower) ? reportIn(text) : null;
        result = report ? { report: report } : { respondents: [fromDocument(Yaml.parse(text), bank, ignored)] };
      }
      result.ignored = ignored ? ignored.count : 0;
      return result;
    } catch (e) {
      if (e instanceof Yaml.YamlError || e instanceof Csv.CsvError) throw named(name, "line " + e.line + ": " + e.message);
      if (e instanceof ImportError && !e.named) throw named(name, e.message);
      throw e;
    }
  }

  /* Parse a file's bytes: the size checked before anything is read, then UTF-8 only, as the CLI. */
  function readFile(bytes, name, bank, options) {
    if (/\.(xlsx|xlsm|xls|ods)$/i.test(name)) {  // no spreadsheet reader is worth its weight here
      throw named(name, "spreadsheets are not read on this page; save the sheet as CSV UTF-8 and import that, or score the file with revops score");
    }
    checkSize(bytes.byteLength, name);
    var text, notice = null;
    if (/\.csv$/i.test(name)) {  // a CSV may come in a spreadsheet's regional encoding
      var decoded = Regional.decode(bytes, name);
      if (decoded.refused) throw named(name, decoded.refused);
      text = decoded.text; notice = decoded.notice;
    } else {
      try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); }  // drops a byte-order mark
      catch (e) { throw named(name, "file is not UTF-8 text; save it as UTF-8 (spreadsheets call it CSV UTF-8)"); }
    }
    var result = parseFile(text, name, bank, options);
    result.notice = notice;
    return result;
  }

  /* The scores of an earlier assessment, from a parsed report or answers. */
  function previousScores(parsed, scorer) {
    if (parsed.report) return parsed.report;
    var result = scorer.score(parsed.respondents, {}), rules = {}, means = {};
    result.rules.forEach(function (rule) {
      rules[rule.id] = rule.score;
      Object.keys(rule.question_means).forEach(function (id) { means[id] = rule.question_means[id]; });
    });
    var dates = parsed.respondents.map(function (p) { return p.date; }).filter(Boolean).sort();
    return { overall: result.overall.score, rules: rules, date: dates.length ? dates[dates.length - 1] : null,
             question_means: means };
  }

  /* -- writing -- */
  function allIds(bank) {
    return [].concat.apply([], bank.rules.map(function (r) { return r.questions.map(function (q) { return q.id; }); }));
  }

  /* Answers with evidence are written as mappings, the others as bare values. */
  function toDocument(state, bank) {
    var answers = {}, evidence = state.evidence || {};
    allIds(bank).forEach(function (id) {
      answers[id] = Evidence.answerOut(has(state.answers, id) ? state.answers[id] : null,
                                       has(evidence, id) ? evidence[id] : null);
    });
    var doc = { team: state.team, date: state.date, answers: answers };
    if (state.name || state.role) doc.respondent = { name: state.name || null, role: state.role || null };
    return doc;
  }

  function yamlValue(value) {
    if (value === null || value === undefined || value === "") return "null";
    if (typeof value === "number") return String(value);
    return JSON.stringify(String(value));  // a JSON string is a valid YAML double-quoted scalar
  }

  function toYaml(state, bank) {
    var doc = toDocument(state, bank);
    var out = ["# RevOps maturity assessment, exported from the playbook site.",
               "# Score it with: revops score THIS_FILE",
               "team: " + yamlValue(doc.team), "date: " + (doc.date || "null")];
    if (doc.respondent) {
      out.push("respondent:", "  name: " + yamlValue(doc.respondent.name), "  role: " + yamlValue(doc.respondent.role));
    }
    out.push("answers:");
    bank.rules.forEach(function (rule) {
      out.push("  # " + rule.title.replace(/[\r\n]+/g, " "));
      rule.questions.forEach(function (q) {
        var answer = doc.answers[q.id];
        out.push("  " + q.id + ": " + (isMapping(answer) ? Evidence.yamlFlow(answer, yamlValue) : yamlValue(answer)));
      });
    });
    return out.join("\n") + "\n";
  }

  function toJson(state, bank) {
    return JSON.stringify(toDocument(state, bank), null, 2) + "\n";
  }

  var api = { ImportError: ImportError, LIMITS: LIMITS, ISO_DATE: ISO_DATE, readFile: readFile,
              parseFile: parseFile, checkSize: checkSize, previousScores: previousScores,
              parseValue: parseValue, toYaml: toYaml, toJson: toJson, knownIds: knownIds, allIds: allIds };
  if (node) module.exports = api;
  else root.RevOpsFiles = api;
})(this);
