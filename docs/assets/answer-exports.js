/* Survey exports whose header spans several rows, told by their shape rather than a choice, as
 * src/revops/answers/exports.py tells them: SurveyMonkey writes the question texts, then a row
 * saying what each column holds ("Response", "Open-Ended Response"); Qualtrics writes its own
 * column ids (StartDate, Q1...), the question texts, then an ImportId object per column.
 * mergedHeader makes either one header row and leaves out the responses Qualtrics marks as
 * unfinished. The cases in tests/cases/reading-exports.json hold the two together. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  // answer-survey.js, loaded beside this file (assessment-import.js), in either order
  var Survey = node ? require("./answer-survey.js") : { normalise: function (text) { return root.RevOpsSurvey.normalise(text); } };

  // What SurveyMonkey's second header row says over a question's answers.
  var SURVEYMONKEY_MARKS = ["response", "open ended response", "other please specify"];
  // Columns SurveyMonkey adds before the questions, by their normalised text.
  var SURVEYMONKEY_COLUMNS = ["respondent id", "collector id", "start date", "end date", "ip address", "email address",
                              "first name", "last name", "custom data 1"];
  // Columns Qualtrics adds, by the id in its first header row.
  var QUALTRICS_COLUMNS = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                           "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                           "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel",
                           "UserLanguage"];
  var UNFINISHED = ["false", "0", "no"];
  var IMPORT_ID = '{"importid"';

  function has(list, item) { return list.indexOf(item) >= 0; }

  /* A header problem: thrown as the reader's other problems are, at its line. */
  function HeaderProblem(line, message) { this.line = line; this.message = message; }

  function isMark(text) { return has(SURVEYMONKEY_MARKS, Survey.normalise(text)); }

  /* More than half of the filled cells say "Response" or the like; `filled` tells which are. */
  function mostlyMarks(cells, filled) {
    filled = cells.filter(filled);
    return filled.filter(isMark).length * 2 > filled.length;
  }

  /* How many header rows a Qualtrics export has: 3, 2 when the ImportId row was removed; 0
   * for any other file. */
  function qualtricsDepth(top, rows) {
    var at = top.indexOf("ResponseId");
    if (at < 0 || !rows.length || at >= rows[0].cells.length || Survey.normalise(rows[0].cells[at]) !== "response id") return 0;
    var third = rows.length > 1 ? rows[1].cells : [];
    return third.some(function (cell) { return cell.trim().toLowerCase().replace(/ /g, "").indexOf(IMPORT_ID) === 0; }) ? 3 : 2;
  }

  /* A second header row with fewer cells than the first is refused, naming the tool's fix. */
  function secondRowWhole(top, second, fix) {
    if (second.cells.length < top.length) {
      throw new HeaderProblem(second.line, "the second header row has " + second.cells.length + " cells but the first has " +
                              top.length + "; this " + fix);
    }
  }

  /* One name per column: the question's text; an option's text after the question's where a
   * question spreads over several columns (the first row is empty after its first). */
  function surveyMonkeyHeader(top, second) {
    secondRowWhole(top, second, "SurveyMonkey export was cut short: download it again (Analyze Results, Save as, All responses data, CSV)");
    var question = "";
    return top.map(function (column, i) {
      if (column) { question = column; return column; }
      var mark = second.cells[i].trim();
      return question ? question + " - " + mark : mark;
    });
  }

  /* Qualtrics' own columns by their id (first row), questions by their text (second). */
  function qualtricsHeader(top, texts) {
    secondRowWhole(top, texts, "Qualtrics export was cut short: export it again");
    return top.map(function (column, i) {
      var text = texts.cells[i].trim();
      return has(QUALTRICS_COLUMNS, column) || !text ? column : text;
    });
  }

  /* The rows Qualtrics marks as unfinished left out; their lines kept for the note. */
  function finishedOnly(header, rows) {
    var at = header.cells.indexOf("Finished");
    if (at < 0) return rows;
    return rows.filter(function (row) {
      var keep = row.cells.length <= at || !has(UNFINISHED, row.cells[at].trim().toLowerCase());
      if (!keep) header.leftOut.push(row.line);
      return keep;
    });
  }

  /* A header shorter than every row under it was cut short: one problem on its line, in
   * place of one on every row. */
  function cutShort(header, rows) {
    if (rows.length < 2) return null;
    var narrowest = rows.reduce(function (least, row) { return Math.min(least, row.cells.length); }, Infinity);
    if (!(narrowest > header.cells.length && header.cells.length > 1)) return null;
    return new HeaderProblem(header.line, "the header row has " + header.cells.length + " cells but the rows under it have " +
                             narrowest + "; the header was cut short: copy it again from the export or the template");
  }

  /* A table as answer-csv.js reads it ({header, headerLine, rows: [{line, cells}]}) with its
   * header made one row: {cells, line, tool, rows (those under the header), leftOut (lines of
   * unfinished responses), cutShort (a HeaderProblem to raise once the layout is read, or
   * null)}. Throws a HeaderProblem when the header rows do not fit together. */
  function mergedHeader(table) {
    var top = table.header, rows = table.rows, depth = qualtricsDepth(top, rows), header;
    if (depth) {
      header = { cells: qualtricsHeader(top, rows[0]), line: rows[depth - 2].line, tool: "Qualtrics", leftOut: [], cutShort: null };
      header.rows = finishedOnly(header, rows.slice(depth - 1));
      return header;
    }
    if (mostlyMarks(top, function (cell) { return cell.trim(); })) {
      throw new HeaderProblem(table.headerLine, "this looks like a SurveyMonkey export whose first header row (the question texts) " +
        "was removed: the header says 'Response' over the answers; download the export again and keep both header rows");
    }
    if (rows.length && mostlyMarks(rows[0].cells, Survey.normalise) && aboveNothing(top, rows[0].cells)) {
      return { cells: surveyMonkeyHeader(top, rows[0]), line: rows[0].line, tool: "SurveyMonkey", leftOut: [], cutShort: null,
               rows: rows.slice(1) };
    }
    header = { cells: top, line: table.headerLine, tool: null, leftOut: [], rows: rows };
    header.cutShort = cutShort(header, rows);
    return header;
  }

  /* SurveyMonkey's second row is empty under the columns before the questions. */
  function aboveNothing(top, second) {
    return top.every(function (column, i) {
      return !has(SURVEYMONKEY_COLUMNS, Survey.normalise(column)) || i >= second.length || !Survey.normalise(second[i]);
    });
  }

  /* The note on the responses left out as unfinished, if any were. */
  function unfinishedNotice(header, shown) {
    var lines = header.leftOut;
    if (!lines.length) return [];
    var listed = lines.slice(0, 10).join(", ") + (lines.length > 10 ? " and " + (lines.length - 10).toLocaleString("en-US") + " more" : "");
    return [lines.length > 1
      ? shown + ": " + lines.length.toLocaleString("en-US") + " unfinished responses were left out (Finished is False; rows " + listed + ")"
      : shown + ": 1 unfinished response was left out (Finished is False; row " + listed + ")"];
  }

  var api = { mergedHeader: mergedHeader, unfinishedNotice: unfinishedNotice, HeaderProblem: HeaderProblem };
  if (node) module.exports = api;
  else root.RevOpsExports = api;
})(this);
