// Survey exports on the page beyond what the shared cases pin (tests/cases/reading-exports.json):
// the choice of date order a person makes in place, who a row is from, and the warning on one
// person who answered twice, which names both rows.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const Files = require("../../docs/assets/answer-files.js");
const Import = require("../../docs/assets/assessment-import.js");

const BANK = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "cases", "bank.json"), "utf8"));
const bytes = (text) => new Uint8Array(Buffer.from(text, "utf8"));
const AMBIGUOUS = "Timestamp,Stages?\n7/1/2026 8:12:05,S1\n6/3/2026 17:59:02,S2\n";

test("dates no row settles are refused with the choice offered, in words for a browser", () => {
  assert.throws(() => Files.readFile(bytes(AMBIGUOUS), "us.csv", BANK), (e) => {
    assert.ok(e instanceof Files.ImportError);
    assert.equal(e.ambiguousDates, true);
    assert.match(e.message, /^us\.csv: 2 problems: line 2: ambiguous date '7\/1\/2026': the day could come first or second; choose the order below/);
    assert.doesNotMatch(e.message, /--|revops |`/);
    return true;
  });
});

test("the order chosen reads the same file, day first or month first", () => {
  const dates = (order) => Files.readFile(bytes(AMBIGUOUS), "us.csv", BANK, { dateOrder: order }).respondents.map((p) => p.date);
  assert.deepStrictEqual(dates("mdy"), ["2026-07-01", "2026-06-03"]);
  assert.deepStrictEqual(dates("dmy"), ["2026-01-07", "2026-03-06"]);
});

test("a column settled both ways is refused with the choice offered; a choice reads it", () => {
  const both = "Timestamp,Stages?\n13/1/2026 8:00,S1\n1/13/2026 9:00,S2\n7/1/2026 10:00,S3\n";
  assert.throws(() => Files.readFile(bytes(both), "both.csv", BANK), (e) => e.ambiguousDates === true &&
    /some dates in this column put the day first and some put the month first; choose the order below/.test(e.message));
  const read = Files.readFile(bytes(both), "both.csv", BANK, { dateOrder: "dmy" });
  assert.equal(read.respondents[2].date, "2026-01-07");
});

test("another problem with a date offers no choice of order", () => {
  assert.throws(() => Files.readFile(bytes("Timestamp,Stages?\n31/2/2026 8:00,S1\n"), "bad.csv", BANK),
                (e) => e.ambiguousDates === false && /no such day/.test(e.message));
});

test("Qualtrics' unfinished responses are left out with a note the status line shows", () => {
  const text = fs.readFileSync(path.join(__dirname, "..", "cases", "reading-exports.json"), "utf8");
  const qualtrics = JSON.parse(text).cases.find((c) => c.file === "qualtrics.csv");
  const read = Files.readFile(bytes(qualtrics.text), "qualtrics.csv", BANK);
  assert.equal(read.notice, "qualtrics.csv: 1 unfinished response was left out (Finished is False; row 5)");
});

test("an earlier form's retired question is left out with a note", () => {
  const read = Files.readFile(bytes("Timestamp,Stages and owners?,Stages?\n2026-06-30 10:00:00,S2,S4\n"), "earlier.csv", BANK);
  assert.match(read.notice, /^earlier\.csv: column 'Stages and owners\?' left out: question 'pipe-owners' was retired/);
});

test("who a row is from: its email, else the name, else the tool's response id; 'anonymous' names no one", () => {
  const text = "ID,Completion time,Email,Name,What is your name?,Stages?\n" +
               "1,6/29/26 17:59,ann@example.org,Ann Lee,Ann L.,S2\n2,6/30/26 9:01,anonymous,,,S3\n" +
               "3,6/30/26 9:05,anonymous,,,S4\n4,7/1/26 9:00,,,Bo,S1\n";
  const read = Files.readFile(bytes(text), "ms.csv", BANK, { emails: true }).respondents;
  assert.deepStrictEqual(read.map((p) => [p.name, p.email, p.responseId, p.line]),
                         [["Ann L.", "ann@example.org", undefined, 2], ["anonymous", "anonymous", undefined, 3],
                          ["anonymous", "anonymous", undefined, 4], ["Bo", undefined, undefined, 5]]);
  const team = Import.colleagues([], null, 500);
  team.add(read, "ms.csv");
  assert.equal(team.people().length, 4, "two anonymous responses are two people");
  const ids = Files.readFile(bytes("Respondent ID,Stages?\n11,S1\n12,S2\n"), "ids.csv", BANK, { emails: true }).respondents;
  assert.deepStrictEqual(ids.map((p) => p.responseId), ["11", "12"]);
  const again = Import.colleagues([], null, 500);
  again.add(ids, "ids.csv");
  again.add(ids.map((p) => Object.assign({}, p, { answers: { "pipe-stages": 5 } })), "ids-later.csv");
  assert.equal(again.people().length, 2, "the same response in a later export is the same person");
});

test("one person twice: the warning names both rows", () => {
  const text = "Timestamp,Email address,What is your name?,Stages?\n2026/06/30 10:00:00,Dana@Example.org,Dana Okafor,S1\n" +
               "2026/06/29 09:00:00,ann@example.org,Ann,S2\n2026/07/01 10:00:00, dana@example.org ,Dana O.,S5\n";
  const read = Files.readFile(bytes(text), "twice.csv", BANK, { emails: true }).respondents;
  const team = Import.colleagues([], null, 500);
  team.add(read, "twice.csv", read.map((p) => p.line));
  assert.deepStrictEqual(team.people().map((p) => p.name), ["Ann", "Dana O."]);
  assert.deepStrictEqual(team.summary().repeated.map(Import.repeatText), [
    "Dana Okafor and Dana O. are one person (the same email address; rows 2 and 4 of twice.csv): only the later answers count, Dana O.'s"]);
  const other = Import.colleagues([], null, 500);
  other.add([read[0]], "first.csv", [2]);
  other.add([Object.assign({}, read[0], { date: "2026-07-09", answers: { "pipe-stages": 3 } })], "second.csv", [7]);
  assert.deepStrictEqual(other.summary().repeated.map(Import.repeatText), [
    "Dana Okafor answered twice (row 2 of first.csv and row 7 of second.csv): only the later answers count"]);
});
