/* CSV files as spreadsheets save them around the world, read as src/revops/answers/regional.py reads
 * them: the encoding (UTF-8, UTF-16 with a byte-order mark, else Windows-1252) and dates
 * written DD.MM.YYYY, or DD/MM/YYYY and MM/DD/YYYY where the numbers (or the person) tell which. */
(function (root) {
  "use strict";

  // A 2-digit year (Excel's CSV of a Microsoft Forms workbook: 6/30/26) is read as 20YY.
  var DOTTED = /^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})$/;
  var SLASHED = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4}|[0-9]{2})$/;
  var UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];  // Python's cp1252 refuses these

  /* A multi-byte UTF-8 sequence: in bytes that are not UTF-8, a sign of mixed encodings. */
  function hasUtf8Sequence(bytes) {
    for (var i = 0; i + 1 < bytes.length; i++) {
      var b = bytes[i], next = bytes[i + 1];
      if (next < 0x80 || next > 0xbf) continue;
      if (b >= 0xc2 && b <= 0xdf) return true;
      if (b >= 0xe0 && b <= 0xef && i + 2 < bytes.length && bytes[i + 2] >= 0x80 && bytes[i + 2] <= 0xbf) return true;
    }
    return false;
  }

  /* {text, notice} or {refused: message}. */
  function decode(bytes, name) {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      try {
        var utf16 = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true });
        return { text: utf16.decode(bytes), notice: name + ": read as UTF-16" };
      } catch (e) { return { refused: "file starts as UTF-16 but is not valid UTF-16 text" }; }
    }
    try { return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), notice: null }; }
    catch (e) { /* not UTF-8: try the older encodings below */ }
    if (hasUtf8Sequence(bytes)) return { refused: "file mixes UTF-8 with another encoding; save it again as CSV UTF-8" };
    for (var i = 0; i < bytes.length; i++) {
      if (UNDEFINED_1252.indexOf(bytes[i]) >= 0) return { refused: "file is not UTF-8, UTF-16 or Windows-1252 text; save it as CSV UTF-8" };
    }
    return { text: new TextDecoder("windows-1252").decode(bytes), notice: name + ": not UTF-8; read as Windows-1252" };
  }

  function isoOf(year, month, day, text) {
    var date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1 || month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
      throw new Error("bad date '" + text + "'; no such day");
    }
    return ("000" + year).slice(-4) + "-" + ("0" + month).slice(-2) + "-" + ("0" + day).slice(-2);
  }

  function yearOf(text) { return text.length === 2 ? 2000 + +text : +text; }

  /* A date in a CSV cell (already stripped): DD.MM.YYYY, or DD/MM/YYYY or MM/DD/YYYY where the
   * numbers tell which or `order` ("dmy" or "mdy") says; isoDate reads the YYYY-MM-DD form.
   * A date neither tells is refused with an Error marked `ambiguous` (the rest of its column
   * may tell: answer-date-order.js). */
  function csvDate(text, isoDate, order) {
    var match = DOTTED.exec(text);
    if (match) return isoOf(yearOf(match[3]), +match[2], +match[1], text);
    match = SLASHED.exec(text);
    if (!match) return isoDate(text);
    var first = +match[1], second = +match[2], year = yearOf(match[3]);
    if (first > 12 || (order === "dmy" && second <= 12)) return isoOf(year, second, first, text);
    if (second > 12 || order === "mdy" || first === second) return isoOf(year, first, second, text);
    var error = new Error("ambiguous date '" + text + "': the day could come first or second; choose the order below, or write the dates as YYYY-MM-DD");
    error.ambiguous = true;
    throw error;
  }

  var api = { decode: decode, csvDate: csvDate };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsRegional = api;
})(this);
