// What the page's scorer produces, checked against the JSON report's schema (generated from
// the Python report model): every case of tests/cases/scoring.json, scored as the page scores.
//
// The page's report object is a part of a JSON report: the scores, recommendations and what
// was compared, without the envelope that only `revops score --format json` writes (schema
// version, generator, team, date, parameters, content, respondents). So each report is checked
// against the report schema cut to the fields the page writes: each field must be one of the
// report's, and its value must match the report's schema for it. Inside those values the
// schema's objects are closed, so a field the page adds that the model lacks is refused too.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const Ajv2020 = require("ajv/dist/2020").default;

const { Scorer } = require("../../docs/assets/revops-score.js");
const { respondentOf } = require("./case-respondents.js");

const ROOT = path.join(__dirname, "..", "..");
const CASES = path.join(ROOT, "tests", "cases");
const BANK = JSON.parse(fs.readFileSync(path.join(CASES, "bank.json"), "utf8"));
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "schemas", "report.schema.json"), "utf8"));
const SCORING = JSON.parse(fs.readFileSync(path.join(CASES, "scoring.json"), "utf8")).cases;
// The report's fields the page always writes, those it writes when given an earlier
// assessment, and those only the command line writes.
const PAGE_ALWAYS = ["overall", "rules", "recommendations", "profile", "metrics"];
const PAGE_FIELDS = [...PAGE_ALWAYS, "comparison", "history", "moved"];
// The improvement plan is made by `revops plan` and `revops score` only, until the page shows
// one (issue 23, item 7).
const CLI_FIELDS = ["schema_version", "generator", "team", "date", "parameters", "content", "respondents", "plan"];

function closed(schema) {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
  if (copy.properties && copy.additionalProperties === true) copy.additionalProperties = false;
  return copy;
}

/* The report schema cut to `fields`, those `required` present, and no other allowed. */
function partOfReport(fields, required) {
  return {
    $defs: closed(SCHEMA.$defs),
    type: "object",
    required,
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((field) => [field, closed(SCHEMA.properties[field])]))
  };
}

const ajv = new Ajv2020({ allErrors: true });
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
const validatePage = ajv.compile(partOfReport(PAGE_FIELDS, PAGE_ALWAYS));

function pageReport(c) {
  const bank = JSON.parse(JSON.stringify(BANK));
  Object.assign(bank.parameters, c.parameters || {});
  const report = new Scorer(bank).score(c.respondents.map(respondentOf), {
    top: c.top === undefined ? 3 : c.top, previous: c.previous, siteRoot: "https://example.org/",
    profile: c.profile, readings: c.readings, history: c.history
  });
  return JSON.parse(JSON.stringify(report));  // as it would be saved or sent: plain JSON
}

function problems(report) {
  return validatePage(report) ? [] : validatePage.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
}

test("the fields the page writes and those it leaves out are the report's", () => {
  assert.deepStrictEqual([...PAGE_FIELDS, ...CLI_FIELDS].sort(), Object.keys(SCHEMA.properties).sort());
  for (const field of SCHEMA.required) assert.ok(PAGE_FIELDS.includes(field) || CLI_FIELDS.includes(field));
});

const written = new Set();  // the fields the cases made the page write, over all of them

test.describe("scoring.json: the page's report matches the report schema", () => {
  for (const c of SCORING) {
    test(c.name, () => {
      const report = pageReport(c);
      Object.keys(report).forEach((field) => written.add(field));
      assert.deepStrictEqual(problems(report), []);
    });
  }
});

test("the cases make the page write every field it can, so each is checked", () => {
  assert.deepStrictEqual([...written].sort(), [...PAGE_FIELDS].sort());
});

test("a report that departs from the schema is refused, saying where", () => {
  const report = pageReport(SCORING[0]);
  report.overall.score = "high";
  report.recommendations[0].practices.push({ ...report.recommendations[0].practices[0], grade: "A" });
  delete report.profile;
  report.grade = "A";
  const found = problems(report);
  for (const expected of [
    "/overall/score must be number", "/ must have required property 'profile'",
    "/ must NOT have additional properties",
    `/recommendations/0/practices/${report.recommendations[0].practices.length - 1} must NOT have additional properties`
  ]) {
    assert.ok(found.some((p) => p.startsWith(expected)), `${expected} not in ${JSON.stringify(found)}`);
  }
});
