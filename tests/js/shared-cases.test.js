// The language-neutral cases in tests/cases, run against the page's scripts (no browser).
// tests/test_shared_cases.py runs the same files against the Python readers and scorer.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const Files = require("../../docs/assets/answer-files.js");
const { Scorer } = require("../../docs/assets/revops-score.js");
const Company = require("../../docs/assets/assessment-company.js");
const Import = require("../../docs/assets/assessment-import.js");
const { respondentOf } = require("./case-respondents.js");

const CASES = path.join(__dirname, "..", "cases");
const BANK = JSON.parse(fs.readFileSync(path.join(CASES, "bank.json"), "utf8"));
const READING = fs.readdirSync(CASES).filter((name) => /^reading-.*\.json$/.test(name)).sort();
const OUTCOMES = ["accepted", "accepted_count", "refused", "problems"];

function casesIn(name) {
  return JSON.parse(fs.readFileSync(path.join(CASES, name), "utf8")).cases;
}

function fileBytes(c) {
  if (c.base64 !== undefined) return new Uint8Array(Buffer.from(c.base64, "base64"));
  if (c.parts !== undefined) return new Uint8Array(Buffer.from(c.parts.map(([text, times]) => text.repeat(times)).join(""), "utf8"));
  return new Uint8Array(Buffer.from(c.text, "utf8"));
}

function expected(c, language) {
  const outcome = (c.differs && c.differs[language]) || c;
  return Object.fromEntries(OUTCOMES.filter((key) => key in outcome).map((key) => [key, outcome[key]]));
}

// Plain objects, so that deepStrictEqual compares them with the case's JSON.
function plain(value) { return JSON.parse(JSON.stringify(value)); }

/* One answer set per person, as the page adds colleagues (the later submission counting), with
 * what told who each is (their email, the tool's response id) left out as the case leaves it. */
function onePerPerson(respondents, file) {
  const team = Import.colleagues([], null, Infinity);
  team.add(respondents, file);
  return team.people().map((person) => {
    const { team: teamName, date, name, role, answers } = person;
    return { team: teamName, date, name, role, answers };
  });
}

/* Read the case's file as the page does: its bytes, for answers or as a previous assessment. */
function readInJs(c) {
  try {
    const previous = c.read_as === "previous";
    const parsed = Files.readFile(fileBytes(c), c.file, BANK, { previous, emails: !!c.one_per_person });
    if (previous) {
      const scores = Files.previousScores(parsed, new Scorer(BANK));
      return { accepted: plain({ overall: scores.overall, rules: scores.rules }) };
    }
    return { accepted: plain(c.one_per_person ? onePerPerson(parsed.respondents, c.file) : parsed.respondents),
             notice: parsed.notice || "" };
  } catch (error) {
    if (!(error instanceof Files.ImportError)) throw error;
    // the file's name, and for a zip or workbook the CSV or sheet inside: "form.xlsx (sheet 'Form1'): "
    assert.ok(/^(: | \([^)]*\): )/.test(error.message.slice(c.file.length)) && error.message.startsWith(c.file),
              "the message names the file: " + error.message);
    const problems = (error.problems || [{ line: null, message: error.message }]).map((p) => [p.line, p.message]);
    return { refused: error.message, problems };
  }
}

function checkReading(c) {
  const want = expected(c, "js"), got = readInJs(c);
  if (c.notice) assert.ok((got.notice || "").includes(c.notice), "no notice " + JSON.stringify(c.notice));
  if ("problems" in want) {  // the file's whole list, in order: [line, part of the message]
    assert.ok("problems" in got, "accepted, but should be refused with " + JSON.stringify(want.problems));
    assert.deepStrictEqual(got.problems.map((p) => p[0]), want.problems.map((p) => p[0]), JSON.stringify(got.problems));
    want.problems.forEach(([, part], i) => assert.ok(got.problems[i][1].includes(part), got.problems[i][1] + "\n  does not contain\n" + part));
  } else if ("refused" in want) {
    assert.ok("refused" in got, "accepted, but should be refused with " + JSON.stringify(want.refused));
    assert.ok(got.refused.includes(want.refused), got.refused + "\n  does not contain\n" + want.refused);
  } else if ("accepted_count" in want) {
    assert.ok("accepted" in got, got.refused);
    assert.equal(got.accepted.length, want.accepted_count);
  } else {
    assert.ok("accepted" in got, got.refused);
    assert.deepStrictEqual(got.accepted, want.accepted);
  }
}

for (const file of READING) {
  test.describe(file, () => {
    for (const c of casesIn(file)) test(c.name, () => checkReading(c));
  });
}

// A case's targets as the page will give them: given by the person, not by the stage.
function optionTargets(targets) {
  return Object.fromEntries(Object.entries(targets || {}).map(([rule, level]) => [rule, { level: level, source: "option" }]));
}

function jsReport(c) {
  const bank = JSON.parse(JSON.stringify(BANK));
  Object.assign(bank.parameters, c.parameters || {});
  const respondents = c.respondents.map(respondentOf);
  return plain(new Scorer(bank).score(respondents, {
    top: c.top === undefined ? 3 : c.top, previous: c.previous, siteRoot: "https://example.org/",
    profile: c.profile, readings: c.readings, history: c.history, targets: optionTargets(c.targets)
  }));
}

function pick(object, keys) { return Object.fromEntries(keys.map((key) => [key, object[key]])); }

function checkReport(report, expect) {
  if (expect.overall) assert.deepStrictEqual(report.overall, expect.overall);
  const rules = Object.fromEntries(report.rules.map((rule) => [rule.id, rule]));
  for (const [id, fields] of Object.entries(expect.rules || {})) {
    assert.deepStrictEqual(pick(rules[id], Object.keys(fields)), fields, id);
  }
  const recommendations = Object.fromEntries(report.recommendations.map((r) => [r.rule, r]));
  if (expect.recommendations) assert.deepStrictEqual(report.recommendations.map((r) => r.rule), expect.recommendations);
  for (const [id, actions] of Object.entries(expect.actions || {})) {
    assert.deepStrictEqual(recommendations[id].actions.map((a) => [a.question_id, a.next_option]), actions, id);
  }
  for (const [id, next] of Object.entries(expect.next_levels || {})) {
    const found = recommendations[id];
    assert.deepStrictEqual([found.next_level, found.next_level_name, found.next_level_description], next, id);
  }
  if (expect.misaligned_recommendations) {
    assert.deepStrictEqual(report.recommendations.filter((r) => r.misaligned).map((r) => r.rule),
                           expect.misaligned_recommendations);
  }
  if (expect.comparison) assert.deepStrictEqual(report.comparison, expect.comparison);
  for (const key of ["profile", "metrics", "history", "moved"]) {
    if (key in expect) assert.deepStrictEqual(report[key], expect[key], key);
  }
  for (const [id, [reason, later, guidance]] of Object.entries(expect.reasons || {})) {
    const found = recommendations[id];
    assert.deepStrictEqual([found.reason, found.later, found.guidance], [reason, later, guidance], id);
  }
  for (const [id, unevidenced] of Object.entries(expect.unevidenced || {})) {
    assert.deepStrictEqual(recommendations[id].unevidenced, unevidenced, id);
  }
}

test.describe("scoring.json", () => {
  for (const c of casesIn("scoring.json")) test(c.name, () => checkReport(jsReport(c), c.expect));
});

// texts.py's functions by name, as the page writes the same sentences.
const SENTENCES = {
  evidence_text: (given) => Company.evidenceText(given, given.parameters),
  unevidenced_text: Company.unevidencedText,
  claim_hints: (given) => Company.claimHints(given).join("\n"),
  profile_text: Company.profileText,
  calibration_text: Company.calibrationText,
  reading_text: Company.readingText,
  moved_text: Company.movedText,
  weights_moved_text: Company.weightsMovedText,
  inconsistent_text: (given) => Company.inconsistentText(given.rule, given.parameters),
  inconsistent_claim_text: Company.inconsistentClaimText,
  short_question: Company.shortQuestion
};

test.describe("sentences.json", () => {
  for (const c of casesIn("sentences.json")) {
    test(c.function + ": " + c.sentence, () => assert.equal(SENTENCES[c.function](c.given), c.sentence));
  }
});

test("a wrong expectation fails", () => {
  const reading = { name: "wrong", file: "x.yaml", text: "team: T\ndate: 2026-06-30\nanswers: {}\n", refused: "anything" };
  assert.throws(() => checkReading(reading), assert.AssertionError);
  const scoring = casesIn("scoring.json")[0];
  assert.throws(() => checkReport(jsReport(scoring), { ...scoring.expect, recommendations: ["tooling"] }),
                assert.AssertionError);
});
