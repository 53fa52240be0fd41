/* An .xlsx workbook on the assessment page (Microsoft Forms' "Open in Excel" download): its
 * first sheet as the table answer-csv.js reads a CSV into, for answer-csv-rows.js to read as
 * it reads a CSV's; each cell as src/revops/answers/sheet_cells.py gives it: numbers without a
 * trailing .0, date-formatted numbers as YYYY-MM-DD (or the time or duration they show),
 * booleans as true/false, errors as empty; messages name the sheet's row numbers. The parts
 * are unpacked by answer-zip.js against one budget and parsed by the browser's DOMParser
 * (@xmldom/xmldom's under node). */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Document = node ? require("./answer-document.js") : root.RevOpsDocument;
  var Zip = node ? require("./answer-zip.js") : root.RevOpsZip;
  var XmlParser = node ? require("@xmldom/xmldom").DOMParser : root.DOMParser;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  var Types = node ? require("./answer-yaml-types.js") : root.RevOpsYamlTypes;

  var ImportError = Document.ImportError, Damaged = Zip.Damaged;
  var MAX_ROWS = 120000, MAX_COLUMNS = 1000;  // as sheet_reading.py
  var BUILTIN_DATES = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];
  var LOCKED = "the workbook is password-protected; save a copy without a password and import that";
  var DAY_MS = 86400000, ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

  function columnName(number) {
    var letters = "";
    for (; number; number = Math.floor((number - 1) / 26)) letters = String.fromCharCode(65 + (number - 1) % 26) + letters;
    return letters;
  }

  function columnNumber(letters) {
    if (!/^[A-Za-z]{1,3}$/.test(letters)) return 0;
    return letters.toUpperCase().split("").reduce(function (n, c) { return n * 26 + c.charCodeAt(0) - 64; }, 0);
  }

  function parseXml(bytes, name) {
    var text;
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (e) { throw new Damaged(name + " is not UTF-8 XML"); }
    if (/<!DOCTYPE/i.test(text)) throw new Damaged(name + " holds a DTD, which spreadsheets never write");
    var doc;
    try {
      doc = new XmlParser({ onError: function (level, message) { if (level !== "warning") throw new Damaged(name + ": " + message); } })
        .parseFromString(text, "application/xml");
    } catch (e) { throw e instanceof Damaged ? e : new Damaged(name + ": " + e.message); }
    if (doc.getElementsByTagName("parsererror").length) throw new Damaged(name + " is not well-formed XML");
    return doc;
  }

  function all(parent, local) { return Array.prototype.slice.call(parent.getElementsByTagNameNS("*", local)); }
  function kids(parent) {
    var found = [];
    for (var child = parent.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) found.push(child);
    return found;
  }

  /* The text of <t> elements below `parent`, phonetic guides (<rPh>) left out. */
  function texts(parent) {
    var text = "";
    for (var child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1 || child.localName === "rPh") continue;
      text += child.localName === "t" ? child.textContent : texts(child);
    }
    return text;
  }

  function unescaped(text) {
    return text.indexOf("_x") < 0 ? text : text.replace(ESCAPED, function (whole, hex) {
      var code = parseInt(hex, 16);
      return code >= 0xd800 && code <= 0xdfff ? whole : String.fromCharCode(code);
    });
  }

  /* A part's relationships: id -> [type, target as a part name]. */
  function relationships(pack, source) {
    var slash = source.lastIndexOf("/"), rels = source.slice(0, slash + 1) + "_rels/" + source.slice(slash + 1) + ".rels";
    var found = Object.create(null);
    if (!pack.has(rels)) return found;
    all(parseXml(pack.read(rels), rels), "Relationship").forEach(function (r) {
      if (r.getAttribute("TargetMode") !== "External") found[r.getAttribute("Id")] = [r.getAttribute("Type") || "", resolve(source, r.getAttribute("Target") || "")];
    });
    return found;
  }

  function resolve(source, target) {
    var parts = (target[0] === "/" ? target.slice(1) : source.slice(0, source.lastIndexOf("/") + 1) + target).split("/"), path = [];
    parts.forEach(function (part) {
      if (part === "..") { if (!path.length) throw new Damaged("a part points outside the workbook"); path.pop(); }
      else if (part && part !== ".") path.push(part);
    });
    return path.join("/");
  }

  function partOf(found, kind) {
    var id = Object.keys(found).filter(function (key) { return /\/[^/]*$/.exec(found[key][0])[0] === kind; })[0];
    return id === undefined ? null : found[id][1];
  }

  /* Which cell styles show numbers as dates or durations: style index -> kind. */
  function styleKinds(pack, part) {
    var kinds = Object.create(null);
    if (!part || !pack.has(part)) return kinds;
    var doc = parseXml(pack.read(part), part), codes = Object.create(null);
    all(doc, "numFmt").forEach(function (f) { codes[f.getAttribute("numFmtId")] = (f.getAttribute("formatCode") || "").slice(0, 255); });
    var cellXfs = all(doc, "cellXfs")[0];
    (cellXfs ? kids(cellXfs) : []).forEach(function (xf, index) {
      var id = xf.getAttribute("numFmtId") || "0";
      var kind = id in codes ? formatKind(codes[id]) : (BUILTIN_DATES.indexOf(+id) >= 0 && /^\d+$/.test(id) ? "date" : id === "46" ? "duration" : null);
      if (kind) kinds[String(index)] = kind;
    });
    return kinds;
  }

  /* 'date' when a number format shows a date or time, 'duration' for [h]:mm and the like. */
  function formatKind(code) {
    var quoted = false, escaped = false, bracket = null;
    for (var i = 0; i < code.length; i++) {
      var c = code[i];
      if (escaped) escaped = false;
      else if (quoted) quoted = c !== '"';
      else if (bracket !== null) {
        if (c !== "]") bracket += c;
        else if (["h", "hh", "m", "mm", "s", "ss"].indexOf(bracket.toLowerCase()) >= 0) return "duration";
        else bracket = null;
      } else if ("\\_*".indexOf(c) >= 0) escaped = true;
      else if (c === '"') quoted = true;
      else if (c === "[") bracket = "";
      else if (c === ";") break;
      else if ("dmyhsDMYHS".indexOf(c) >= 0) return "date";
    }
    return null;
  }

  /* Python's float() of a cell's number: null when it is not one. */
  function pythonFloat(raw) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
    var special = /^([+-]?)(inf|infinity|nan)$/i.exec(raw);
    if (!special) return null;
    return /nan/i.test(special[2]) ? NaN : special[1] === "-" ? -Infinity : Infinity;
  }

  /* A number as a CSV holds it, as Python writes it: 3 rather than 3.0, 1e-05. */
  function numberText(raw) {
    if (/^[0-9]{1,15}$/.test(raw) && (raw[0] !== "0" || raw === "0")) return raw;
    if (raw !== raw.trim() || raw.indexOf("_") >= 0) return raw;
    var number = pythonFloat(raw);
    if (number === null) return raw;
    if (!isFinite(number)) return isNaN(number) ? "nan" : number > 0 ? "inf" : "-inf";
    if (Number.isInteger(number)) return BigInt(number).toString();
    if (Math.abs(number) >= 1e-4) return String(number);
    return number.toExponential().replace(/e([+-])([0-9])$/, "e$10$2");
  }

  function pad(number, width) { return String(number).padStart(width, "0"); }

  /* Python's round(): halves to the even neighbour. */
  function pythonRound(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  /* A time of day or a duration as Python's str() writes it: H:MM:SS[.ffffff]. */
  function clock(ms, hourWidth) {
    var text = pad(Math.floor(ms / 3600000), hourWidth) + ":" + pad(Math.floor(ms / 60000) % 60, 2) + ":" + pad(Math.floor(ms / 1000) % 60, 2);
    return ms % 1000 ? text + "." + pad(ms % 1000, 3) + "000" : text;
  }

  /* A date-formatted number as the date (or time, or duration) it shows: serial_text. */
  function serialText(raw, kind, date1904) {
    var number = pythonFloat(raw);
    if (number === null || !isFinite(number)) return numberText(raw);
    var ms = pythonRound(number * DAY_MS), days = Math.floor(ms / DAY_MS), rest = ms - days * DAY_MS;
    if (Math.abs(days) > 999999999) return numberText(raw);
    if (kind === "duration") return (days ? days + (Math.abs(days) === 1 ? " day, " : " days, ") : "") + clock(rest, 1);
    if (days === 0) return clock(rest, 2);
    var start = date1904 ? Date.UTC(1904, 0, 1) : days > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
    var date = new Date(start + (date1904 || days > 60 ? days : Math.min(days, 59)) * DAY_MS), year = date.getUTCFullYear();
    if (!(year >= 1 && year <= 9999)) return numberText(raw);
    return pad(year, 4) + "-" + pad(date.getUTCMonth() + 1, 2) + "-" + pad(date.getUTCDate(), 2);
  }

  function isoDateText(raw) {
    var match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})([T ].*)?$/.exec(raw.trim());
    if (!match) return raw;
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.getUTCDate() === +match[3] && date.getUTCMonth() === +match[2] - 1 ? match.slice(1, 4).join("-") : raw;
  }

  /* A cell's value as the CSV saved from it would hold it. */
  function cellValue(c, row, book) {
    var raw = "";
    kids(c).forEach(function (k) { if (k.localName === "v") raw += k.textContent; else if (k.localName === "is") raw += texts(k); });
    if (!raw) return "";
    var kind = c.getAttribute("t") || null, style = c.getAttribute("s") || null;
    if (kind === "s") {
      var index = /^[0-9]{1,12}$/.test(raw) ? +raw : -1;
      if (index < 0 || index >= book.strings.length) throw new Damaged("row " + row + " names a text the workbook does not hold");
      return book.strings[index];
    }
    raw = unescaped(raw);
    if (kind === null || kind === "n") return style && book.kinds[style] ? serialText(raw, book.kinds[style], book.date1904) : numberText(raw);
    if (kind === "b") return ["1", "true"].indexOf(raw.trim()) >= 0 ? "true" : "false";
    if (kind === "d") return isoDateText(raw);
    return kind === "e" ? "" : raw;  // inlineStr, str
  }

  /* The rows ([row number, cells]) as the CSV reader's table (answer-csv.js read): each row
   * at its sheet row number, the header's width kept as sheet.row_batches keeps it; a cell
   * holding a character no reader takes is refused at its row. */
  function table(rows) {
    if (!rows.length) throw new ImportError("the sheet is empty; it needs a header row (respondent, role, question ids) and one row per person");
    var width = 0, out = [];
    rows[0][1].forEach(function (cell, i) { if (cell.trim()) width = i + 1; });
    rows.forEach(function (row) {
      var cells = row[1];
      cells.forEach(function (cell) {
        var found = Types.refused(cell);
        if (found) throw Document.problemsError([{ line: row[0], message: found.message }]);
      });
      if (!cells.some(function (cell) { return Csv.strip(cell); })) return;
      if (cells.length > width && !cells.slice(width).some(function (cell) { return cell.trim(); })) cells = cells.slice(0, width);
      while (cells.length < width) cells = cells.concat([""]);
      out.push({ line: row[0], cells: cells });
    });
    return { header: out[0].cells.map(Csv.strip), headerLine: out[0].line, rows: out.slice(1) };
  }

  /* {sheet: its name, table: its rows as the CSV reader's table} of the first sheet. */
  function firstSheet(pack) {
    var start = partOf(relationships(pack, ""), "/officeDocument") || "xl/workbook.xml";
    if (!pack.has(start)) throw new Damaged("it holds no workbook part");
    var book = parseXml(pack.read(start), start), found = relationships(pack, start), sheet = all(book, "sheet")[0];
    if (!sheet) throw new ImportError("the workbook has no sheets");
    var rid = Array.prototype.filter.call(sheet.attributes, function (a) { return a.localName === "id" && a.namespaceURI; })[0];
    var part = rid && found[rid.value] ? found[rid.value][1] : "";
    var settings = all(book, "workbookPr")[0], date1904 = !!settings && /^(1|true)$/i.test(settings.getAttribute("date1904") || "");
    var kinds = styleKinds(pack, partOf(found, "/styles")), shared = partOf(found, "/sharedStrings"), strings = [];
    if (shared && pack.has(shared)) strings = all(parseXml(pack.read(shared), shared), "si").map(function (si) { return unescaped(texts(si)); });
    var name = sheet.getAttribute("name") || "";
    var rows = pack.has(part) ? sheetRows(parseXml(pack.read(part), part), { strings: strings, kinds: kinds, date1904: date1904 }) : [];
    return { sheet: name, table: table(rows) };
  }

  /* [row number, cells] of each row with a value, in order. */
  function sheetRows(doc, book) {
    var out = [], previous = 0;
    all(doc, "row").forEach(function (row) {
      var number = /^\d{1,7}$/.test(row.getAttribute("r") || "") ? +row.getAttribute("r") : previous + 1;
      if (number <= previous) throw new Damaged("row " + number + " comes after row " + previous);
      var cells = [], column = 0;
      kids(row).filter(function (c) { return c.localName === "c"; }).forEach(function (c) {
        var reference = c.getAttribute("r");
        column = reference ? columnNumber(reference.replace(/[0-9]+$/, "")) : column + 1;
        var value = cellValue(c, number, book);
        if (!value) return;
        if (column <= cells.length) throw new Damaged("row " + number + " lists its cells out of order");
        if (column > MAX_COLUMNS) throw new ImportError("row " + number.toLocaleString("en-US") + " holds a value in column " + columnName(column) + ", past the " + MAX_COLUMNS.toLocaleString("en-US") + " columns this page reads of a sheet; delete what lies right of the answers");
        while (cells.length < column - 1) cells.push("");
        cells.push(value);
      });
      previous = number;
      if (!cells.length) return;
      if (number > MAX_ROWS) throw new ImportError("row " + number.toLocaleString("en-US") + " holds a value, but this page reads at most " + MAX_ROWS.toLocaleString("en-US") + " rows of a sheet; delete what lies below the answers");
      out.push([number, cells]);
    });
    return out;
  }

  /* An Office file that is not a zip: a workbook saved with a password (its directory names
   * an EncryptionInfo stream, in UTF-16), or an old .xls. */
  function oldOrLocked(bytes) {
    var word = "EncryptionInfo";
    for (var i = 0; i + 2 * word.length <= bytes.length; i++) {
      for (var k = 0; k < word.length && bytes[i + 2 * k] === word.charCodeAt(k) && bytes[i + 2 * k + 1] === 0; k++);
      if (k === word.length) return new ImportError(LOCKED);
    }
    return new ImportError("the file is an old .xls workbook; save it as .xlsx, or as CSV UTF-8, and import that");
  }

  /* {sheet, table} of a workbook's first sheet, or an ImportError saying why not; `budget`
   * (answer-zip.js) bounds the bytes its parts unpack to. */
  function readWorkbook(bytes, budget) {
    try {
      if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw oldOrLocked(bytes);
      return firstSheet(new Zip.Package(bytes, budget));
    } catch (e) {
      if (e instanceof Damaged) throw new ImportError("cannot read this spreadsheet: it is damaged or not an .xlsx file (" + e.why.slice(0, 80) + ")");
      if (e instanceof Zip.Locked) throw new ImportError(LOCKED);
      throw e;
    }
  }

  var api = { readWorkbook: readWorkbook, formatKind: formatKind, numberText: numberText, serialText: serialText };
  if (node) module.exports = api;
  else root.RevOpsWorkbook = api;
})(this);
