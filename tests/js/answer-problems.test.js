// A file's problems on the page: all of them found, as `revops score` finds them, and the first
// ten named in the message the page shows, each at its line.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const Files = require("../../docs/assets/answer-files.js");

const BANK = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "cases", "bank.json"), "utf8"));

function refusal(text, name) {
  try { Files.parseFile(text, name, BANK, {}); } catch (error) {
    assert.ok(error instanceof Files.ImportError, String(error));
    return error;
  }
  assert.fail("accepted");
}

test("one problem is named with its line", () => {
  const error = refusal("team: T\ndate: 2026-06-30\nanswers:\n  tool-crm: 9\n", "ann.yaml");
  assert.equal(error.message, "ann.yaml: line 4: answer to 'tool-crm': 9 is out of range; use 1 to 5, n/a, unknown, or leave it empty");
  assert.deepEqual(error.problems.map((p) => p.line), [4]);
});

test("several are counted and listed in line order", () => {
  const error = refusal("answers:\n  tool-crm: 9\ndate: 2026-06-31\n", "bo.yaml");
  assert.equal(error.message, "bo.yaml: 3 problems: line 1: 'team' is required: the team's name, as text; " +
               "line 2: answer to 'tool-crm': 9 is out of range; use 1 to 5, n/a, unknown, or leave it empty; " +
               "line 3: bad date '2026-06-31'; write it as YYYY-MM-DD, e.g. 2026-03-31");
});

test("a CSV keeps 200 problems, counts the rest, and the message names the first ten", () => {
  const rows = Array.from({ length: 250 }, (_, i) => `p${i},ops,x${i}`);  // a different wrong text on each row
  const error = refusal("respondent,role,tool-crm\n" + rows.join("\n") + "\n", "team.csv");
  assert.equal(error.problems.length, 201);
  assert.deepEqual(error.problems.slice(0, 200).map((p) => p.line), Array.from({ length: 200 }, (_, i) => i + 2));
  assert.deepEqual(error.problems[200], { line: 251, message: "... and 50 more problems in this file; fix the ones above first" });
  assert.ok(error.message.startsWith("team.csv: 201 problems: line 2: column 'tool-crm': 'x0' is not an answer"), error.message);
  assert.equal(error.message.split("; line ").length, 10);
  assert.ok(error.message.endsWith("; and 191 more problems"), error.message);
});

test("a cell text refused on many rows is named once, with how many", () => {
  const rows = Array.from({ length: 1000 }, (_, i) => `p${i},ops,lots`);
  const error = refusal("respondent,role,tool-crm\n" + rows.join("\n") + "\n", "team.csv");
  assert.deepEqual(error.problems, [{ line: 2, message: "column 'tool-crm': 'lots' is not an answer; use 1 to 5, n/a, " +
                                      "unknown, or leave it empty, or an option's text (999 more rows give it)" }]);
});
