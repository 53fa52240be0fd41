/* Reading and writing answer files in the browser: the formats, limits and messages of
 * `revops score` (src/revops/answers/documents.py, src/revops/previous.py); one person's YAML
 * or JSON file is answer-document.js's, a CSV's rows answer-csv-rows.js's. The cases in tests/cases bind the two:
 * `node --test tests/js/` runs them here, pytest runs them in Python. A file's problems become
 * one ImportError whose message starts with the file's name and lists them all, each at its
 * line, as the CLI lists them; nothing here touches the DOM. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Document = node ? require("./answer-document.js") : root.RevOpsDocument;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  // The CSV readers: loaded on the first import that needs them (assessment-import.js).
  var csvReaders = node ? { Regional: require("./answer-regional.js"), CsvRows: require("./answer-csv-rows.js") } : null;
  function reader(name) { return csvReaders ? csvReaders[name] : root["RevOps" + name]; }
  function Regional() { return reader("Regional"); }
  var Evidence = node ? require("./answer-evidence.js") : root.RevOpsEvidence;

  /* The one place these are defined on the page (assessment.js uses them from here). */
  var LIMITS = {
    document: 1000000,  // one person's YAML or JSON file: yamlsource.MAX_BYTES
    csv: 2000000        // the page keeps at most 500 colleagues; the CLI reads 20 MB (see tests/cases)
  };
  var MAX_SHOWN = 10;      // problems a message lists before it counts the rest
  var NON_FINITE = /([[:,]\s*)(?:-?Infinity|NaN)(?=\s*[\],}])/g;
  var ImportError = Document.ImportError, ISO_DATE = Document.ISO_DATE;
  var parseValue = Document.parseValue, isMapping = Document.isMapping;
  var has = Document.has, shown = Document.shown, knownIds = Document.knownIds;

  /* Every message the page shows starts with the file's name; a file's problems are listed
   * with their lines, the first MAX_SHOWN of them. */
  function named(name, error) {
    if (typeof error === "string") error = new ImportError(error);
    var list = error.problems, message = error.message;
    if (list && list.length > 1) {
      var rest = list.length - MAX_SHOWN;
      message = list.length + " problems: " + list.slice(0, MAX_SHOWN).map(function (p) { return "line " + p.line + ": " + p.message; }).join("; ") +
                (rest > 0 ? "; and " + rest + " more problem" + (rest === 1 ? "" : "s") : "");
    }
    var out = new ImportError(name + ": " + message, list);
    out.named = true;
    out.columns = error.columns || null;  // columns that match no question, which the page offers to leave out
    out.ambiguousDates = !!error.ambiguousDates;  // dates whose order the page offers to choose
    return out;
  }

  function fail(where, message) { throw new ImportError((where ? where + ": " : "") + message); }

  /* An earlier `revops score --format json` report, checked as previous._from_report checks it. */
  function fromReport(data) {
    if ([1, 2].indexOf(data.schema_version) < 0 || typeof data.schema_version !== "number") {
      fail("", "report schema_version " + shown(data.schema_version) + " is not supported; this page reads versions 1 and 2");
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
    throw named(name, csv ? "file is larger than " + limit / 1000000 + " MB, more than this page reads; split it into smaller files and import them together"
                   : "file is larger than " + limit / 1000 + " kB; split it or remove what does not belong");
  }

  /* Parse a file's text. Returns {respondents, ignored} or, for a JSON report read as a previous
   * assessment ({previous: true}), {report}. A previous assessment may hold retired questions:
   * they are counted in `ignored` instead of refused. {most: n} refuses a CSV of more rows;
   * {leaveOut: [column]} reads a CSV without those columns; {emails: true} gives each of its
   * respondents the `email` of its row, when the survey recorded one. */
  function parseFile(text, name, bank, options) {
    var previous = !!(options && options.previous), ignored = previous ? { count: 0 } : null;
    var lower = name.toLowerCase();
    try {
      text = text.replace(/^\ufeff/, "");
      checkSize(new Blob([text]).size, name);
      var result;
      if (/\.csv$/.test(lower)) result = reader("CsvRows").fromCsv(text, bank, ignored, options || {}, name);
      else if (!/\.(ya?ml|json)$/.test(lower)) fail("", "choose a .yaml, .yml, .json or .csv file");
      else {
        var report = previous && /\.json$/.test(lower) ? reportIn(text) : null;
        result = report ? { report: report } : { respondents: [Document.fromText(text, bank, ignored)] };
      }
      result.ignored = ignored ? ignored.count : 0;
      return result;
    } catch (e) {
      if (e instanceof Csv.CsvError) throw named(name, new ImportError("line " + e.line + ": " + e.message, [{ line: e.line, message: e.message }]));
      if (e instanceof ImportError && !e.named) throw named(name, e);
      throw e;
    }
  }

  /* Parse a file's bytes: the size checked before anything is read, then UTF-8 only, as the CLI. */
  function readFile(bytes, name, bank, options) {
    if (/\.(xlsx|xlsm|xls|ods)$/i.test(name)) {  // no spreadsheet reader is worth its weight here
      throw named(name, "spreadsheets are not read on this page; save the sheet as CSV UTF-8 (in Excel: File, Save As, CSV UTF-8) and import that file");
    }
    checkSize(bytes.byteLength, name);
    var text, notice = null;
    if (/\.csv$/i.test(name)) {  // a CSV may come in a spreadsheet's regional encoding
      var decoded = Regional().decode(bytes, name);
      if (decoded.refused) throw named(name, decoded.refused);
      text = decoded.text; notice = decoded.notice;
    } else {
      try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); }  // drops a byte-order mark
      catch (e) { throw named(name, "file is not UTF-8 text; save it as UTF-8 (spreadsheets call it CSV UTF-8)"); }
    }
    var result = parseFile(text, name, bank, options);
    result.notice = [notice].concat(result.notices || []).filter(Boolean).join("; ") || null;  // e.g. the encoding used
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
