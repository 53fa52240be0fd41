// The page's zip and workbook readers (answer-zip.js, answer-workbook.js) beyond the shared
// reading cases: each cell as the CLI makes it (tests/cases/sheet-cells.json, which
// tests/test_sheet_cells_shared.py runs against Python), and the limits held on what a zip
// unpacks to, not on what it claims.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const Files = require("../../docs/assets/answer-files.js");
const Workbook = require("../../docs/assets/answer-workbook.js");

const CASES = path.join(__dirname, "..", "cases");
const CELLS = JSON.parse(fs.readFileSync(path.join(CASES, "sheet-cells.json"), "utf8"));
const BANK = JSON.parse(fs.readFileSync(path.join(CASES, "bank.json"), "utf8"));

test("numbers are written as Python writes them", () => {
  for (const [raw, text] of CELLS.number_text) assert.equal(Workbook.numberText(raw), text, raw);
});

test("date-formatted numbers become the date, time or duration they show", () => {
  for (const [raw, kind, date1904, text] of CELLS.serial_text) assert.equal(Workbook.serialText(raw, kind, date1904), text, raw + " " + kind);
});

test("number formats are told apart as Excel tells them", () => {
  for (const [code, kind] of CELLS.format_kind) assert.equal(Workbook.formatKind(code), kind, code);
});

/* A zip of one stored or deflated member, with the sizes and checksum it claims given. */
function zipOf(name, data, claims) {
  const packed = zlib.deflateRawSync(data), file = Buffer.from(name);
  const size = claims && claims.size !== undefined ? claims.size : data.length;
  const crc = claims && claims.crc !== undefined ? claims.crc : zlib.crc32(data);
  const local = Buffer.alloc(30), entry = Buffer.alloc(46), end = Buffer.alloc(22);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(file.length, 26);
  entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(8, 10);
  entry.writeUInt32LE(crc, 16); entry.writeUInt32LE(packed.length, 20); entry.writeUInt32LE(size, 24); entry.writeUInt16LE(file.length, 28);
  const index = 30 + file.length + packed.length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + file.length, 12); end.writeUInt32LE(index, 16);
  return new Uint8Array(Buffer.concat([local, file, packed, entry, file, end]));
}

function refusal(bytes, name) {
  try { Files.readFile(bytes, name, BANK, {}); } catch (error) { return error.message; }
  return null;
}

const TEAM = Buffer.from("respondent,role,pipe-stages\nAnn,sales,3\n");

test("a zip made here is read, so the refusals below are the claims' doing", () => {
  assert.equal(refusal(zipOf("team.csv", TEAM), "team.zip"), null);
});

test("a zip claiming a small CSV that unpacks past the page's limit is refused as it unpacks", () => {
  const big = Buffer.concat([TEAM, Buffer.alloc(3000000, "#")]);
  assert.equal(refusal(zipOf("team.csv", big, { size: 100 }), "team.zip"),
    "team.zip: the CSV inside the zip is larger than 2 MB, more than this page reads; split it into smaller files and import them together");
});

test("a zip whose CSV differs from its checksum or claimed length is refused as damaged", () => {
  for (const claims of [{ crc: 12345 }, { size: TEAM.length + 1 }]) {
    assert.match(refusal(zipOf("team.csv", TEAM, claims), "team.zip"),
      /^team\.zip: the CSV inside the zip cannot be read \(team\.csv is damaged \(its checksum or length is wrong\)\); download the responses again$/);
  }
});

test("a file named .zip that is not one says so", () => {
  assert.match(refusal(new Uint8Array(TEAM), "team.zip"), /^team\.zip: file is a zip archive that cannot be read \(it has no zip index\)/);
});

test("an .xls or .ods file is refused with what to save it as", () => {
  assert.equal(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), "team.ods"),
    "team.ods: this page reads .xlsx workbooks, not .xls or .ods files; save the sheet as .xlsx, or as CSV UTF-8, and import that");
});
