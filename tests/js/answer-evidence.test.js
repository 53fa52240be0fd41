// Evidence on the page: exports write it in the mapping form that the readers take back, and
// the results say what the reports of `revops score` say (src/revops/reports/texts.py).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const Files = require("../../docs/assets/answer-files.js");
const Company = require("../../docs/assets/assessment-company.js");
const { Scorer } = require("../../docs/assets/revops-score.js");

const BANK = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "cases", "bank.json"), "utf8"));
const STATE = {
  team: "Northwind", date: "2026-06-30", name: "Ann", role: "sales",
  answers: { "pipe-stages": 4, "pipe-reviews": 5, "tool-crm": "n/a" },
  evidence: {
    "pipe-stages": { text: 'stage guide "v2", https://crm.example/stages#a', owner: "Dana", checked: "2026-05-01" },
    "hand-sla": { text: "SLA: agreed in writing", owner: null, checked: null }
  }
};

function readBack(text, name) {
  return Files.parseFile(text, name, BANK).respondents[0];
}

for (const [format, write] of [["yaml", Files.toYaml], ["json", Files.toJson]]) {
  test(format + " export writes evidence as the mapping form, and reads back the same", () => {
    const person = readBack(write(STATE, BANK), "export." + format);
    assert.deepStrictEqual({ ...person.answers }, { ...STATE.answers, "pipe-forecast": null, "hand-sla": null, "hand-feedback": null });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(person.evidence)), STATE.evidence);
  });
}

test("only answers with evidence are written as mappings", () => {
  const lines = Files.toYaml(STATE, BANK).split("\n");
  assert.ok(lines.includes('  pipe-stages: {level: 4, evidence: "stage guide \\"v2\\", https://crm.example/stages#a", owner: "Dana", checked: 2026-05-01}'));
  assert.ok(lines.includes('  hand-sla: {level: null, evidence: "SLA: agreed in writing"}'));
  assert.ok(lines.includes("  pipe-reviews: 5"));
  const json = JSON.parse(Files.toJson({ ...STATE, evidence: undefined }, BANK));
  assert.equal(json.answers["pipe-stages"], 4);
});

test("the results say what the reports say", () => {
  const respondents = [{ name: "Ann", role: "sales", answers: { "pipe-stages": 4, "pipe-reviews": 5, "pipe-forecast": 3, "tool-crm": 5 },
                         evidence: { "pipe-stages": { text: "guide", owner: null, checked: null } } },
                       { name: null, role: null, answers: { "pipe-reviews": 4, "pipe-forecast": 4 } }];
  const report = new Scorer(BANK).score(respondents, {});
  assert.equal(Company.evidenceText(report, BANK.parameters), "1 of 6 answers at level 3 or above name their evidence");
  assert.equal(Company.evidenceText(report, { ...BANK.parameters, unevidenced_cap: 2 }),
               "1 of 6 answers at level 3 or above name their evidence; those without count as level 2 at most");
  const pipeline = report.recommendations.find((r) => r.rule === "pipeline");
  assert.equal(Company.unevidencedText(pipeline.unevidenced),
               "4 answers at the evidence level name no evidence: Reviews? (Ann, 5; respondent 2, 4), " +
               "Forecast? (Ann, 3) and 1 more");
  // A report written before reports held the question's text: its id stands in.
  assert.equal(Company.unevidencedText({ count: 1, claims: [{ question_id: "tool-crm", respondent: "Bo", level: 3 }] }),
               "1 answer at the evidence level names no evidence: tool-crm (Bo, 3)");
});
