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

/* A zip of deflated members, [name, bytes, what its entry claims ({size, crc}) or nothing]. */
function zipOf(members) {
  const locals = [], entries = [];
  let offset = 0;
  for (const [name, data, claims = {}] of members) {
    const packed = zlib.deflateRawSync(data), file = Buffer.from(name);
    const size = claims.size !== undefined ? claims.size : data.length, crc = claims.crc !== undefined ? claims.crc : zlib.crc32(data);
    const local = Buffer.alloc(30), entry = Buffer.alloc(46);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(file.length, 26);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16); entry.writeUInt32LE(packed.length, 20); entry.writeUInt32LE(size, 24); entry.writeUInt16LE(file.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, file, packed);
    entries.push(entry, file);
    offset += 30 + file.length + packed.length;
  }
  const index = Buffer.concat(entries), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(members.length, 8); end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(index.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, index, end]));
}

const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/* The least workbook: one sheet, its rows given as XML. */
function workbookOf(rows) {
  return zipOf([
    ["xl/workbook.xml", Buffer.from(`<workbook ${SHEET_NS} xmlns:r="${RELS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)],
    ["xl/_rels/workbook.xml.rels", Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)],
    ["xl/worksheets/sheet1.xml", Buffer.from(`<worksheet ${SHEET_NS}><sheetData>${rows}</sheetData></worksheet>`)]
  ]);
}

function refusal(bytes, name) {
  try { Files.readFile(bytes, name, BANK, {}); } catch (error) { return error.message; }
  return null;
}

const TEAM = Buffer.from("respondent,role,pipe-stages\nAnn,sales,3\n");

test("a zip made here is read, so the refusals below are the claims' doing", () => {
  assert.equal(refusal(zipOf([["team.csv", TEAM]]), "team.zip"), null);
  assert.equal(refusal(workbookOf('<row r="1"><c t="inlineStr"><is><t>respondent</t></is></c><c t="inlineStr"><is><t>pipe-stages</t></is></c></row><row r="2"><c t="inlineStr"><is><t>Ann</t></is></c><c><v>3</v></c></row>'), "team.xlsx"), null);
});

test("a zip claiming a small CSV that unpacks past the page's limit is refused as it unpacks", () => {
  const big = Buffer.concat([TEAM, Buffer.alloc(3000000, "#")]);
  assert.equal(refusal(zipOf([["team.csv", big, { size: 100 }]]), "team.zip"),
    "team.zip: the CSV inside the zip is larger than 2 MB, more than this page reads; split it into smaller files and import them together");
});

test("a zip whose CSV differs from its checksum or claimed length is refused as damaged", () => {
  for (const claims of [{ crc: 12345 }, { size: TEAM.length + 1 }]) {
    assert.match(refusal(zipOf([["team.csv", TEAM, claims]]), "team.zip"),
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

test("a workbook whose parts unpack past 10 MB is refused as they unpack", () => {
  const padding = "<row/>".repeat(1700000);  // 10.2 MB of XML, some 10 kB packed
  assert.equal(refusal(workbookOf(padding), "team.xlsx"),
    "team.xlsx: the workbook unpacks to more than 10 MB, more than this page reads; copy the answers alone into a new workbook, or save them as CSV UTF-8");
});

test("a workbook with a password, or an old .xls under an .xlsx name, says which", () => {
  const office = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const locked = new Uint8Array([...office, ...Buffer.from("EncryptionInfo", "utf16le")]);
  assert.equal(refusal(locked, "team.xlsx"), "team.xlsx: the workbook is password-protected; save a copy without a password and import that");
  assert.equal(refusal(new Uint8Array([...office, 0, 0]), "team.xlsx"),
    "team.xlsx: the file is an old .xls workbook; save it as .xlsx, or as CSV UTF-8, and import that");
});

test("a workbook's XML with a DTD is refused unread, as the CLI refuses it", () => {
  const withDtd = zipOf([
    ["xl/workbook.xml", Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>')]
  ]);
  assert.match(refusal(withDtd, "team.xlsx"), /^team\.xlsx: cannot read this spreadsheet: it is damaged or not an \.xlsx file \(xl\/workbook\.xml holds a DTD/);
});

test("a cell past the 1,000th column and a row past the 120,000th are refused by their place", () => {
  assert.match(refusal(workbookOf('<row r="1"><c r="ALM1"><v>1</v></c></row>'), "team.xlsx"), /row 1 holds a value in column ALM, past the 1,000 columns/);
  assert.match(refusal(workbookOf('<row r="1"><c><v>1</v></c></row><row r="120001"><c><v>1</v></c></row>'), "team.xlsx"), /row 120,001 holds a value, but this page reads at most 120,000 rows/);
});

test("a large .ods is told it is not read, not that it is too large for an answer file", () => {
  assert.doesNotThrow(() => Files.checkSize(1500000, "team.ods"));
  assert.throws(() => Files.checkSize(2500000, "team.xlsx"), (e) => /^team\.xlsx: file is larger than 2 MB/.test(e.message));
});
