/* The rows of a team CSV, split as Python's csv module splits them (comma, double quotes,
 * strict), with the same line numbers, comment lines and messages as src/revops/answers/csv_rows.py. */
(function (root) {
  "use strict";

  // What no reader takes (control and text-direction characters): defined with the YAML types.
  var Types = typeof module !== "undefined" && module.exports ? require("./answer-yaml-types.js") : root.RevOpsYamlTypes;
  // What Python's str.strip() removes; JavaScript's trim() also removes U+FEFF and keeps U+001C-U+001F, U+0085.
  var SPACE = "[\\t\\n\\x0b\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var EDGES = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g"), COMMENT = new RegExp("^" + SPACE + "*#(?![,;\\t])");

  function strip(text) { return text.replace(EDGES, ""); }

  function CsvError(line, message) { this.line = line; this.message = message; }

  function lineOf(text, index) { return text.slice(0, index).split(/\r\n|\r|\n/).length; }

  /* Physical lines that start with # (after spaces) are comments, unless # is a cell of its own
   * (Typeform's first column): emptied, so lines keep their numbers. */
  function withoutComments(text) {
    return text.replace(/[^\r\n]*(\r\n|\r|\n|$)/g, function (line, end) {
      return COMMENT.test(line) ? end || "" : line;
    });
  }

  /* The header's delimiter, as regional.delimiter: the most frequent of comma, semicolon and
   * tab outside quotes, a comma on a tie. */
  function delimiterOf(text) {
    var lines = text.split(/\r\n|\r|\n/);
    for (var n = 0; n < lines.length; n++) {
      if (!strip(lines[n]) || COMMENT.test(lines[n])) continue;
      var outside = lines[n].split('"').filter(function (part, k) { return k % 2 === 0; }).join("");
      var counts = [",", ";", "\t"].map(function (d) { return outside.split(d).length - 1; });
      var most = Math.max.apply(null, counts);
      return most ? [",", ";", "\t"][counts.indexOf(most)] : ",";
    }
    return ",";
  }

  /* Every record as {line where it starts, cells}. */
  function records(text, delimiter) {
    var out = [], row = [], field = "", quoted = false, consumed = 0, start = 1, i = 0;
    var lines = text.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0);
    function endRow() {
      row.push(field);
      out.push({ line: start, cells: row });
      row = []; field = "";
    }
    while (i < text.length) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (c === '"') {
          quoted = false; i += 1;
          if (i < text.length && text[i] !== delimiter && !/[\r\n]/.test(text[i])) {
            throw new CsvError(consumed + 1, "invalid CSV: '" + delimiter + "' expected after '\"'");
          }
          continue;
        }
        if (c === "\r" || c === "\n") consumed += c === "\r" && text[i + 1] === "\n" ? 0 : 1;
        field += c; i += 1; continue;
      }
      if (c === '"' && field === "") { quoted = true; i += 1; continue; }
      if (c === delimiter) { row.push(field); field = ""; i += 1; continue; }
      if (c === "\r" || c === "\n") {
        endRow();
        if (c === "\r" && text[i + 1] === "\n") i += 1;
        i += 1; consumed += 1; start = consumed + 1; continue;
      }
      field += c; i += 1;
    }
    if (quoted) throw new CsvError(lines, "invalid CSV: unexpected end of data");
    if (field !== "" || row.length) endRow();
    return out;
  }

  /* {header (trimmed), headerLine, rows: [{line, cells}]}; rows of empty cells are dropped. */
  function read(text) {
    var refused = Types.refused(text);
    if (refused) throw new CsvError(lineOf(text, refused.at), refused.message);
    if (!strip(text)) {
      throw new CsvError(1, "file is empty; it needs a header row (respondent, role, question ids) and one row per person");
    }
    var rows = records(withoutComments(text), delimiterOf(text)).filter(function (r) {
      return r.cells.some(function (cell) { return strip(cell) !== ""; });
    });
    if (!rows.length) throw new CsvError(1, "file is empty; it needs a header row");
    return { header: rows[0].cells.map(strip), headerLine: rows[0].line,
             rows: rows.slice(1) };
  }

  var api = { read: read, strip: strip, CsvError: CsvError };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsCsv = api;
})(this);
