/* A CSV answer file's rows, read as src/revops/answers/csv_rows.py reads them: the header made
 * one row (answer-exports.js) and mapped (answer-survey.js), each column's distinct cells read
 * once, who each row is from (answer-identity.js), the date column's order told by the whole
 * column (answer-date-order.js), and every problem kept in the file's order, each refused cell
 * text once per column. Problems are thrown as one ImportError (answer-files.js names the file). */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Document = node ? require("./answer-document.js") : root.RevOpsDocument;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  // Loaded beside this file on the first CSV import (assessment-import.js), in any order.
  var readers = node ? { Regional: require("./answer-regional.js"), Survey: require("./answer-survey.js"),
                         Exports: require("./answer-exports.js"), DateOrder: require("./answer-date-order.js"),
                         Identity: require("./answer-identity.js") } : null;
  function reader(name) { return readers ? readers[name] : root["RevOps" + name]; }
  function Regional() { return reader("Regional"); }
  function Survey() { return reader("Survey"); }

  var MAX_PROBLEMS = 200;  // problems kept of a CSV file, as csv_rows.MAX_PROBLEMS; the rest counted
  var CSV_BATCH = 4096;     // rows read at a time, as csv_rows.BATCH: a file's problems are kept in its order
  var ImportError = Document.ImportError, VALUE_HINT = Document.VALUE_HINT;
  var parseValue = Document.parseValue, parseDate = Document.parseDate, setAside = Document.setAside;
  var strip = Csv.strip;

  function fail(message) { throw new ImportError(message); }

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
        var key = Survey().cellKey(cell);
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
  function csvLayout(header, bank, ignored, leaveOut) {
    var aside = setAside(bank), retiredIds = Document.retiredIn(bank), retired = Object.create(null), texts = Object.create(null);
    Object.keys(retiredIds).forEach(function (id) {
      var message = Document.retiredMessage(id, retiredIds[id]);
      if (!ignored) retired[id] = message;
      if (retiredIds[id].text) texts[Survey().headerKey(retiredIds[id].text)] = message;  // an earlier form's export
    });
    var skip = Object.keys(aside).concat(Object.keys(aside).map(function (id) { return aside[id]; }), leaveOut || []);
    var found = Survey().layout(header.cells, bankQuestions(bank), skip, retired, texts);
    var problems = found.problems.slice();
    if (found.unknown.length && ignored) ignored.count += found.unknown.length;
    else if (found.unknown.length) problems.push(Survey().unknownMessage(found.unknown));
    if (!problems.length) return found;
    var error = Document.problemsError(problems.map(function (message) { return { line: header.line, message: message }; }));
    if (found.unknown.length && !ignored) error.columns = found.unknown.slice();
    throw error;
  }

  /* The file's header as one row (answer-exports.js): a survey tool's several header rows
   * merged; a header that cannot be read is refused at its line. */
  function headerOf(table) {
    try { return reader("Exports").mergedHeader(table); } catch (e) {
      if (e instanceof reader("Exports").HeaderProblem) throw Document.problemsError([{ line: e.line, message: e.message }]);
      throw e;
    }
  }

  /* A file's date column, read as csv_rows.Table reads it: each distinct text once; a date
   * whose numbers leave the day open waits until the column is read, which may tell the
   * order (answer-date-order.js); `order` ("dmy" or "mdy"), when the person chose one, decides. */
  function DateColumn(found, problems, order) {
    this.timestamp = found.timestamp; this.problems = problems; this.order = order || null;
    this.read = new Map(); this.column = new (reader("DateOrder").ColumnOrder)(); this.waiting = []; this.ambiguous = false;
  }
  DateColumn.prototype.text = function (cell) {
    var date = strip(cell);
    return date && this.timestamp ? Survey().timestampDateText(date) : date;
  };
  /* The date of a row's cell, or null for now when the rest of the column must tell. */
  DateColumn.prototype.of = function (cell, line, person) {
    if (!this.read.has(cell)) {
      var date = this.text(cell) || null, value = null;
      try {
        value = date && Regional().csvDate(date, parseDate, this.order);
        if (date) this.column.note(date);
      } catch (e) {
        if (e.ambiguous) this.column.open.set(cell, line);
        else this.problems.add(line, e.message);
      }
      this.read.set(cell, value || null);
    }
    if (this.column.open.has(cell)) this.waiting.push([person, cell]);
    return this.read.get(cell);
  };
  /* The dates no cell's numbers told, read in the order the whole column tells. */
  DateColumn.prototype.settle = function () {
    if (!this.column.open.size) return;
    var self = this, text = function (cell) { return self.text(cell); };
    var settled = this.column.settle(function (cell, order) { return Regional().csvDate(text(cell), parseDate, order); }, text);
    settled.forEach(function (result, cell) {
      if (!(result instanceof Error)) return;
      self.problems.add(self.column.open.get(cell), result.message);
      self.ambiguous = self.ambiguous || !!result.ambiguous;
    });
    this.waiting.forEach(function (pair) {
      var result = settled.get(pair[1]);
      if (!(result instanceof Error)) pair[0].date = result;
    });
  };

  /* One row's respondent: its answers, evidence, who it is, its role, team and date. */
  function rowPerson(row, found, columns, dates, withEmail) {
    var cells = row.cells, answers = Object.create(null), evidence = Object.create(null);
    function cellAt(index) { return index === null ? null : strip(cells[index]) || null; }
    columns.forEach(function (column) { answers[column[1]] = column[2](cells[column[0]], row.line); });
    found.evidence.forEach(function (pair) {  // "<id>:evidence" columns: a text, or nothing
      var text = cellAt(pair[0]);
      if (text) evidence[pair[1]] = { text: text, owner: null, checked: null };
    });
    var person = { team: cellAt(found.team), date: null, name: reader("Identity").firstFilled(cells, found.shownAs),
                   role: cellAt(found.role), answers: answers };
    if (found.date !== null) person.date = dates.of(cells[found.date], row.line, person);
    if (Object.keys(evidence).length) person.evidence = evidence;
    if (withEmail) Object.assign(person, reader("Identity").whoFields(cells, found), { line: row.line });
    return person;
  }

  /* Respondents from a team CSV or a survey tool's export, checked as
   * csv_rows.read_csv_table checks them, every problem listed: {respondents, notices}. options:
   * {most} refuses a file of more rows unread; {leaveOut}; {emails}: each respondent keeps
   * what tells who it is (its email address or the tool's response id) and its line; {dateOrder}.
   * `text` is the CSV's text, or a workbook's rows already read into a table (answer-workbook.js). */
  function fromCsv(text, bank, ignored, options, name) {
    var header = headerOf(typeof text === "string" ? Csv.read(text) : text), rows = header.rows, width = header.cells.length;
    if (options.most && rows.length > options.most) fail(tooManyRows(rows.length, options.most));
    var found = csvLayout(header, bank, ignored, options.leaveOut), problems = new CsvProblems(), people = [];
    if (header.cutShort) throw Document.problemsError([header.cutShort]);
    var dates = new DateColumn(found, problems, options.dateOrder), byId = Object.create(null);
    bankQuestions(bank).forEach(function (q) { byId[q.id] = q; });
    var columns = found.questions.map(function (pair) { return [pair[0], pair[1], columnReader(byId[pair[1]], header.cells[pair[0]], problems)]; });
    for (var start = 0; start < rows.length; start += CSV_BATCH) {  // as csv_rows reads batches
      rows.slice(start, start + CSV_BATCH).forEach(function (row) {
        if (row.cells.length === width) { people.push({ line: row.line, person: rowPerson(row, found, columns, dates, options.emails) }); return; }
        problems.add(row.line, "row has " + row.cells.length + (row.cells.length === 1 ? " field" : " fields") + " but the header has " + width + "; check for a missing or extra comma");
      });
    }
    dates.settle();
    var list = problems.all(people.length ? people[people.length - 1].line : 1);
    if (!list.length && !people.length) list.push({ line: header.line, message: "no respondent rows; add one row per person under the header" });
    if (list.length) {
      var error = Document.problemsError(list);
      error.ambiguousDates = dates.ambiguous;  // the page offers the choice of order
      throw error;
    }
    var notices = found.notes.map(function (note) { return name + ": " + note; }).concat(reader("Exports").unfinishedNotice(header, name));
    return { respondents: people.map(function (kept) { return kept.person; }), notices: notices };
  }

  function tooManyRows(count, most) {
    return "it holds " + count.toLocaleString("en-US") + " responses, but this page holds at most " +
           most.toLocaleString("en-US") + " colleagues; a team this large is scored with the playbook's command-line tool";
  }

  var api = { fromCsv: fromCsv };
  if (node) module.exports = api;
  else root.RevOpsCsvRows = api;
})(this);
