/* Reading and writing answer files in the browser: the formats, limits and messages of
 * `revops score` (src/revops/answers/documents.py, src/revops/previous.py); one person's YAML
 * or JSON file is answer-document.js's, a CSV's rows answer-csv-rows.js's; a Google Forms .zip
 * is opened by answer-zip.js and an .xlsx workbook by answer-workbook.js, each then read as a
 * CSV is. The cases in tests/cases bind the two:
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
  // The zip readers (a Google Forms download, an .xlsx workbook): loaded on the first import of one.
  var zipReaders = node ? { Zip: require("./answer-zip.js"), Workbook: require("./answer-workbook.js") } : null;
  function Zip() { return zipReaders ? zipReaders.Zip : root.RevOpsZip; }
  function Workbook() { return zipReaders ? zipReaders.Workbook : root.RevOpsWorkbook; }
  var Evidence = node ? require("./answer-evidence.js") : root.RevOpsEvidence;

  /* The one place these are defined on the page (assessment.js uses them from here). */
  var LIMITS = {
    document: 1000000,  // one person's YAML or JSON file: yamlsource.MAX_BYTES
    csv: 2000000,       // the page keeps at most 500 colleagues; the CLI reads 20 MB (see tests/cases)
    workbook: 10000000  // the XML an .xlsx unpacks to: 500 colleagues' answers take about 2 MB
  };
  var TEAM_FILE = /\.(csv|zip|xlsx|xlsm|xls|ods)$/i;  // a team's file, held to the CSV limit
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
    if ([1, 2, 3].indexOf(data.schema_version) < 0 || typeof data.schema_version !== "number") {
      fail("", "report schema_version " + shown(data.schema_version) + " is not supported; this page reads versions 1, 2 and 3");
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

  /* A file's size, before it is read: a team's file (a CSV, a zip holding one, a workbook)
   * is held to the CSV limit, any other to one person's. */
  function checkSize(size, name) {
    var team = TEAM_FILE.test(name), limit = team ? LIMITS.csv : LIMITS.document;
    if (size <= limit) return;
    throw named(name, team ? "file is larger than " + limit / 1000000 + " MB, more than this page reads; split it into smaller files and import them together"
                   : "file is larger than " + limit / 1000 + " kB; split it or remove what does not belong");
  }

  /* Parse a file's text. Returns {respondents, ignored} or, for a JSON report read as a previous
   * assessment ({previous: true}), {report}. A previous assessment may hold retired questions:
   * they are counted in `ignored` instead of refused. {most: n} refuses a CSV of more rows;
   * {leaveOut: [column]} reads a CSV without those columns; {emails: true} gives each of its
   * respondents the `email` of its row, when the survey recorded one. */
  function parseFile(text, name, bank, options) {
    var lower = name.toLowerCase();
    var kind = /\.csv$/.test(lower) ? "csv" : /\.(ya?ml|json)$/.test(lower) ? lower.slice(lower.lastIndexOf(".") + 1) : null;
    return parseAs(text, kind, name, bank, options, true);
  }

  /* parseFile for text of a known kind (csv, yaml, yml or json), or for a workbook's table
   * (kind csv); `shown` names the file in messages; `sized`: its size is checked here. */
  function parseAs(text, kind, shown, bank, options, sized) {
    var previous = !!(options && options.previous), ignored = previous ? { count: 0 } : null;
    try {
      if (sized) text = text.replace(/^\ufeff/, "");
      if (sized) checkSize(new Blob([text]).size, kind === "csv" ? ".csv" : shown);
      var result;
      if (kind === "csv") result = reader("CsvRows").fromCsv(text, bank, ignored, options || {}, shown);
      else if (!kind) fail("", "choose a .yaml, .yml, .json, .csv, .zip or .xlsx file");
      else {
        var report = previous && kind === "json" ? reportIn(text) : null;
        result = report ? { report: report } : { respondents: [Document.fromText(text, bank, ignored)] };
      }
      result.ignored = ignored ? ignored.count : 0;
      return result;
    } catch (e) {
      if (e instanceof Csv.CsvError) throw named(shown, new ImportError("line " + e.line + ": " + e.message, [{ line: e.line, message: e.message }]));
      if (e instanceof ImportError && !e.named) throw named(shown, e);
      throw e;
    }
  }

  /* Parse a file's bytes: the size checked before anything is read, then UTF-8 only, as the
   * CLI; a CSV in a spreadsheet's regional encoding; a Google Forms .zip (even under a .csv
   * name) as the CSV inside it, and an .xlsx workbook as its first sheet. */
  function readFile(bytes, name, bank, options) {
    if (/\.(xls|ods)$/i.test(name)) {
      throw named(name, "this page reads .xlsx workbooks, not .xls or .ods files; save the sheet as .xlsx, or as CSV UTF-8, and import that");
    }
    checkSize(bytes.byteLength, name);
    if (/\.(xlsx|xlsm)$/i.test(name)) return fromWorkbook(bytes, name, bank, options);
    var text, notice = null, shown = name;
    if (/\.zip$/i.test(name) || (/\.csv$/i.test(name) && isZip(bytes))) {
      var found = unpacked(name, function () { return Zip().csvInside(bytes, LIMITS.csv, LIMITS.csv / 1000000 + " MB"); });
      shown = name + " (" + found.inside + ")";
      bytes = found.bytes;
    }
    if (shown !== name || /\.csv$/i.test(name)) {  // a CSV may come in a spreadsheet's regional encoding
      var decoded = Regional().decode(bytes, shown);
      if (decoded.refused) throw named(shown, decoded.refused);
      text = decoded.text; notice = decoded.notice;
    } else {
      try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); }  // drops a byte-order mark
      catch (e) { throw named(name, "file is not UTF-8 text; save it as UTF-8 (spreadsheets call it CSV UTF-8)"); }
    }
    var result = shown === name ? parseFile(text, name, bank, options) : parseAs(text, "csv", shown, bank, options, true);
    result.notice = [notice].concat(result.notices || []).filter(Boolean).join("; ") || null;  // e.g. the encoding used
    return result;
  }

  function isZip(bytes) { return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4; }

  /* What read() gives, its ImportError named after the file. */
  function unpacked(name, read) {
    try { return read(); } catch (e) { throw e instanceof ImportError && !e.named ? named(name, e) : e; }
  }

  /* An .xlsx workbook's first sheet, read as a CSV is, at the sheet's row numbers. */
  function fromWorkbook(bytes, name, bank, options) {
    var budget = new (Zip().Budget)(LIMITS.workbook, function () {
      return new ImportError("the workbook unpacks to more than " + LIMITS.workbook / 1000000 + " MB, more than this page reads; " +
                             "copy the answers alone into a new workbook, or save them as CSV UTF-8");
    });
    var found = unpacked(name, function () { return Workbook().readWorkbook(bytes, budget); });
    var sheet = found.sheet.length > 40 ? found.sheet.slice(0, 40) + "…" : found.sheet;
    var result = parseAs(found.table, "csv", name + " (sheet '" + sheet + "')", bank, options, false);
    result.notice = (result.notices || []).join("; ") || null;  // e.g. responses not finished
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
