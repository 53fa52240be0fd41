/* Zip files on the assessment page: a Google Forms download (a zip holding one CSV, read as
 * src/revops/answers/zipped.py reads it) and the parts of an .xlsx workbook
 * (answer-workbook.js). The zip's index is read here; each part is inflated by the npm package
 * fflate (copied into vendor/ by scripts/vendor.py, loaded on the first import of such a file)
 * a small piece at a time, its bytes counted as they come out against one budget, so what a
 * zip claims of its own sizes is never trusted; a part whose length or checksum differs from
 * its entry is refused as damaged. Problems are thrown as ImportError, without the file's
 * name, which answer-files.js adds. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Document = node ? require("./answer-document.js") : root.RevOpsDocument;
  function Fflate() { return node ? require("fflate") : root.fflate; }

  var ImportError = Document.ImportError;
  var END = 0x06054b50, ENTRY = 0x02014b50, LOCAL = 0x04034b50;
  var MAX_COMMENT = 65535, MAX_PARTS = 10000, MAX_LISTED = 5;
  var PIECE = 8192;  // compressed bytes inflated at a time: at most about 8 MB come out of one
  var CRC_TABLE = (function () {
    var table = new Int32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    return table;
  })();

  function crc32(pieces) {
    var crc = -1;
    pieces.forEach(function (piece) {
      for (var i = 0; i < piece.length; i++) crc = CRC_TABLE[(crc ^ piece[i]) & 0xff] ^ (crc >>> 8);
    });
    return (crc ^ -1) >>> 0;
  }

  function isZip(bytes) { return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4; }

  /* A zip that cannot be read: `why` says what is wrong, for the message. */
  function Damaged(why) { this.why = why; }

  /* A part saved with a password, which the page cannot unpack. */
  function Locked() {}

  function u16(bytes, at) { return bytes[at] | (bytes[at + 1] << 8); }
  function u32(bytes, at) { return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0; }

  function endRecord(bytes) {
    for (var at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - MAX_COMMENT); at--) {
      if (u32(bytes, at) === END) return at;
    }
    throw new Damaged("it has no zip index");
  }

  /* The zip's entries from its index: {name, flags, method, crc, compressed, size, offset}. */
  function entries(bytes) {
    var end = endRecord(bytes), count = u16(bytes, end + 10), at = u32(bytes, end + 16);
    if (count === 0xffff || at === 0xffffffff) throw new Damaged("it is a ZIP64 archive");
    if (count > MAX_PARTS) throw new Damaged("it holds more than " + MAX_PARTS.toLocaleString("en-US") + " parts");
    var found = [], names = new TextDecoder("utf-8");
    for (var n = 0; n < count; n++) {
      if (at + 46 > bytes.length || u32(bytes, at) !== ENTRY) throw new Damaged("its index is cut short");
      var nameLength = u16(bytes, at + 28);
      found.push({ name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)), flags: u16(bytes, at + 8),
                   method: u16(bytes, at + 10), crc: u32(bytes, at + 16), compressed: u32(bytes, at + 20),
                   size: u32(bytes, at + 24), offset: u32(bytes, at + 42) });
      at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    }
    return found;
  }

  /* What a file of the zip costs to unpack, counted as it comes out; `over()` makes the
   * ImportError thrown when the budget is spent. */
  function Budget(bytes, over) { this.left = bytes; this.over = over; }
  Budget.prototype.spend = function (count) {
    this.left -= count;
    if (this.left < 0) throw this.over();
  };

  /* The bytes of one entry, each piece counted against the budget as it is inflated. */
  function unpack(bytes, entry, budget) {
    if (entry.flags & 1) throw new Locked();
    var at = entry.offset;
    if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw new Damaged(entry.name + " is not where the index says");
    var start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28), data = bytes.subarray(start, start + entry.compressed);
    if (data.length < entry.compressed) throw new Damaged(entry.name + " is cut short");
    var pieces = [], length = 0;
    function take(piece) { budget.spend(piece.length); length += piece.length; pieces.push(piece); }
    if (entry.method === 0) take(data);
    else if (entry.method === 8) inflate(data, take);
    else throw new Damaged(entry.name + " is packed in a way this page does not read");
    if (length !== entry.size || crc32(pieces) !== entry.crc) throw new Damaged(entry.name + " is damaged (its checksum or length is wrong)");
    var whole = new Uint8Array(length), filled = 0;
    pieces.forEach(function (piece) { whole.set(piece, filled); filled += piece.length; });
    return whole;
  }

  function inflate(data, take) {
    var inflater = new (Fflate().Inflate)(function (piece) { take(piece); });
    try {
      if (!data.length) inflater.push(new Uint8Array(0), true);
      for (var i = 0; i < data.length; i += PIECE) inflater.push(data.subarray(i, i + PIECE), i + PIECE >= data.length);
    } catch (e) {
      if (e instanceof ImportError) throw e;  // the budget is spent
      throw new Damaged((e && e.message) || "it cannot be inflated");
    }
  }

  /* The parts of a zip package by name, each unpacked once on demand against one budget. */
  function Package(bytes, budget) {
    var self = this;
    this.bytes = bytes; this.budget = budget; this.parts = Object.create(null);
    entries(bytes).forEach(function (entry) { self.parts[entry.name] = entry; });
  }
  Package.prototype.has = function (name) { return Object.prototype.hasOwnProperty.call(this.parts, name); };
  Package.prototype.names = function () { return Object.keys(this.parts); };
  Package.prototype.read = function (name) { return unpack(this.bytes, this.parts[name], this.budget); };

  /* A Google Forms download: {inside: the CSV's name, bytes}. A zip holding a workbook, or
   * anything but one CSV file, is refused naming what it holds. */
  function csvInside(bytes, limit, megabytes) {
    var listed;
    try { listed = entries(bytes); } catch (e) { throw refusedZip(e); }
    var members = listed.filter(function (entry) { return !/\/$/.test(entry.name) && entry.name.indexOf("__MACOSX/") !== 0; });
    var names = members.map(function (entry) { return entry.name; });
    if (names.indexOf("xl/workbook.xml") >= 0 || names.indexOf("mimetype") >= 0) {
      throw new ImportError("file is a spreadsheet workbook, not CSV text; rename it to end in .xlsx and import it again");
    }
    var found = members.filter(function (entry) { return /\.csv$/i.test(entry.name); });
    if (found.length !== 1) throw new ImportError(notOneCsv(names, found.length));
    var inside = found[0].name.slice(0, 80), budget = new Budget(limit, function () {
      return new ImportError("the CSV inside the zip is larger than " + megabytes + ", more than this page reads; split it into smaller files and import them together");
    });
    try { return { inside: inside, bytes: unpack(bytes, found[0], budget) }; } catch (e) {
      if (e instanceof Damaged) throw new ImportError("the CSV inside the zip cannot be read (" + e.why.slice(0, 120) + "); download the responses again");
      if (e instanceof Locked) throw new ImportError("the CSV inside the zip is password-protected; unzip it and import the CSV file itself");
      throw e;
    }
  }

  function refusedZip(error) {
    if (!(error instanceof Damaged)) throw error;
    return new ImportError("file is a zip archive that cannot be read (" + error.why.slice(0, 120) + "); download the responses again");
  }

  /* Why a zip that does not hold exactly one CSV file is refused, naming what it holds. */
  function notOneCsv(names, count) {
    var listed = names.slice(0, MAX_LISTED).map(function (name) { return "'" + name.slice(0, 80) + "'"; }).join(", ");
    if (names.length > MAX_LISTED) listed += " and " + (names.length - MAX_LISTED).toLocaleString("en-US") + " more";
    var holds = names.length ? "it holds " + listed : "it is empty";
    if (!count) {
      return "file is a zip archive with no CSV file in it (" + holds + "); a Google Forms download holds one: " +
             "download the responses again, or import the CSV file itself";
    }
    return "file is a zip archive holding " + count + " CSV files (" + holds + "); import the one with the answers, " +
           "unzipped, or a zip holding only it";
  }

  var api = { isZip: isZip, csvInside: csvInside, Package: Package, Budget: Budget, Damaged: Damaged, Locked: Locked };
  if (node) module.exports = api;
  else root.RevOpsZip = api;
})(this);
