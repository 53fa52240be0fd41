/* Reading and writing answer files in the browser: the formats, limits and messages of
 * `revops score` (src/revops/answers/documents.py, csv_rows.py, src/revops/previous.py); one
 * person's YAML or JSON file is answer-document.js's; a Google Forms .zip is opened by
 * answer-zip.js and an .xlsx workbook by answer-workbook.js, each then read as a CSV is. The
 * cases in tests/cases bind the two:
 * `node --test tests/js/` runs them here, pytest runs them in Python. A file's problems become
 * one ImportError whose message starts with the file's name and lists them all, each at its
 * line, as the CLI lists them; nothing here touches the DOM. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Document = node ? require("./answer-document.js") : root.RevOpsDocument;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  // The CSV readers: loaded on the first import that needs them (assessment-import.js).
  var csvReaders = node ? { Regional: require("./answer-regional.js"), Survey: require("./answer-survey.js") } : null;
  function Regional() { return csvReaders ? csvReaders.Regional : root.RevOpsRegional; }
  function Survey() { return csvReaders ? csvReaders.Survey : root.RevOpsSurvey; }
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
  var MAX_PROBLEMS = 200;  // problems kept of a CSV file, as csv_rows.MAX_PROBLEMS; the rest counted
  var CSV_BATCH = 4096;     // rows read at a time, as csv_rows.BATCH: a file's problems are kept in its order
  var MAX_SHOWN = 10;      // problems a message lists before it counts the rest
  var NON_FINITE = /([[:,]\s*)(?:-?Infinity|NaN)(?=\s*[\],}])/g;
  var ImportError = Document.ImportError, ISO_DATE = Document.ISO_DATE, VALUE_HINT = Document.VALUE_HINT;
  var parseValue = Document.parseValue, parseDate = Document.parseDate, isMapping = Document.isMapping;
  var has = Document.has, shown = Document.shown, knownIds = Document.knownIds, setAside = Document.setAside;
  var strip = Csv.strip;

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
    return out;
  }

  function fail(where, message) { throw new ImportError((where ? where + ": " : "") + message); }

  function bankQuestions(bank) {
    return [].concat.apply([], bank.rules.map(function (rule) { return rule.questions; }));
  }

  /* The problems of a CSV file, kept as csv_rows._Table keeps them: MAX_PROBLEMS, then only
   * counted; a refused cell text once per column, with how many rows give it. */
  function CsvProblems() { this.list = []; this.more = 0; this.refused = new Map(); }
  CsvProblems.prototype.add = function (line, message) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ line: line, message: message });
    else this.more += 1;
  };
  CsvProblems.prototype.refuse = function (key, line, message) {
    var found = this.refused.get(key);
    if (found) found.rows += 1;
    else if (this.refused.size < MAX_PROBLEMS) this.refused.set(key, { line: line, message: message, rows: 1 });
    else this.more += 1;
  };
  CsvProblems.prototype.all = function (lastLine) {
    var self = this;
    this.refused.forEach(function (found) {
      self.add(found.line, found.message + (found.rows > 1 ? " (" + (found.rows - 1).toLocaleString("en-US") + (found.rows === 2 ? " more row gives it)" : " more rows give it)") : ""));
    });
    if (this.more) this.list.push({ line: lastLine, message: "... and " + this.more.toLocaleString("en-US") + (this.more === 1 ? " more problem" : " more problems") + " in this file; fix the ones above first" });
    return this.list;
  };

  /* A column's cells read once per distinct text: an answer, an option's text, or refused. */
  function columnReader(question, header, problems) {
    var read = new Map(), options = Survey().optionValues(question.options), id = question.id;
    return function (cell, line) {
      if (read.has(cell)) return read.get(cell);
      var value;
      try { value = parseValue(cell); } catch (e) {
        var key = Survey().normalise(cell);
        if (!(key in options)) {
          problems.refuse(id + "\n" + cell, line, "column '" + header.slice(0, 60) + "': " + e.message + "; " + VALUE_HINT + ", or an option's text");
          return null;
        }
        value = options[key];
      }
      read.set(cell, value);
      return value;
    };
  }

  /* The header's layout, or an ImportError naming every problem with it (and, in `columns`,
   * those that match no question). leaveOut: columns the person chose to import without. */
  function csvLayout(table, bank, ignored, leaveOut) {
    var aside = setAside(bank), retiredIds = Document.retiredIn(bank), retired = Object.create(null);
    if (!ignored) Object.keys(retiredIds).forEach(function (id) { retired[id] = Document.retiredMessage(id, retiredIds[id]); });
    var skip = Object.keys(aside).concat(Object.keys(aside).map(function (id) { return aside[id]; }), leaveOut || []);
    var found = Survey().layout(table.header, bankQuestions(bank), skip, retired);
    var problems = found.problems.slice();
    if (found.unknown.length && ignored) ignored.count += found.unknown.length;
    else if (found.unknown.length) problems.push(Survey().unknownMessage(found.unknown));
    if (!problems.length) return found;
    var error = Document.problemsError(problems.map(function (message) { return { line: table.headerLine, message: message }; }));
    if (found.unknown.length && !ignored) error.columns = found.unknown.slice();
    throw error;
  }

  /* Respondents from a team CSV or a survey tool's export, checked as
   * csv_rows.read_csv_table checks them, every problem listed; a file of more than `most`
   * rows is refused unread; withEmail: each respondent keeps its row's email address. `text`
   * is the CSV's text, or a workbook's rows already read into a table (answer-workbook.js). */
  function fromCsv(text, bank, ignored, most, leaveOut, withEmail) {
    var table = typeof text === "string" ? Csv.read(text) : text, header = table.header, width = header.length;
    if (most && table.rows.length > most) fail("", tooManyRows(table.rows.length, most));
    var found = csvLayout(table, bank, ignored, leaveOut), problems = new CsvProblems(), dates = new Map(), people = [];
    var byId = Object.create(null);
    bankQuestions(bank).forEach(function (q) { byId[q.id] = q; });
    var columns = found.questions.map(function (pair) { return [pair[0], pair[1], columnReader(byId[pair[1]], header[pair[0]], problems)]; });
    function cellAt(cells, index) { return index === null ? null : strip(cells[index]) || null; }
    function dateOf(cell, line) {  // each distinct date text is read, and refused, once
      if (!dates.has(cell)) {
        var date = strip(cell) || null;
        if (date && found.timestamp) date = Survey().timestampDateText(date);
        try { dates.set(cell, date && Regional().csvDate(date, parseDate)); } catch (e) { dates.set(cell, null); problems.add(line, e.message); }
      }
      return dates.get(cell);
    }
    for (var start = 0; start < table.rows.length; start += CSV_BATCH) {  // as csv_rows reads batches
      var batch = table.rows.slice(start, start + CSV_BATCH).filter(function (row) {
        if (row.cells.length === width) return true;
        problems.add(row.line, "row has " + row.cells.length + (row.cells.length === 1 ? " field" : " fields") + " but the header has " + width + "; check for a missing or extra comma");
        return false;
      });
      batch.forEach(function (row) {
        var cells = row.cells, answers = Object.create(null), evidence = Object.create(null);
        columns.forEach(function (column) { answers[column[1]] = column[2](cells[column[0]], row.line); });
        found.evidence.forEach(function (pair) {  // "<id>:evidence" columns: a text, or nothing
          var text = cellAt(cells, pair[0]);
          if (text) evidence[pair[1]] = { text: text, owner: null, checked: null };
        });
        var person = { team: cellAt(cells, found.team), date: found.date === null ? null : dateOf(cells[found.date], row.line),
                       name: cellAt(cells, found.respondent), role: cellAt(cells, found.role), answers: answers };
        if (Object.keys(evidence).length) person.evidence = evidence;
        if (withEmail && cellAt(cells, found.email)) person.email = cellAt(cells, found.email);
        people.push({ line: row.line, person: person });
      });
    }
    var list = problems.all(people.length ? people[people.length - 1].line : 1);
    if (!list.length && !people.length) list.push({ line: table.headerLine, message: "no respondent rows; add one row per person under the header" });
    if (list.length) throw Document.problemsError(list);
    return people.map(function (kept) { return kept.person; });
  }

  function tooManyRows(count, most) {
    return "it holds " + count.toLocaleString("en-US") + " responses, but this page holds at most " +
           most.toLocaleString("en-US") + " colleagues; a team this large is scored with the playbook's command-line tool";
  }

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
      if (kind === "csv") result = { respondents: fromCsv(text, bank, ignored, options && options.most, options && options.leaveOut,
                                                    !!(options && options.emails)) };
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
    result.notice = notice;
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
    result.notice = null;
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
