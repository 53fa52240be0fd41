// The profile, readings and history on the assessment page: typed readings are checked with the
// CLI's messages, exports carry them where `revops score` reads them, earlier assessments are
// added in date order, and the sentences are those of src/revops/reports/texts.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const Files = require("../../docs/assets/answer-files.js");
const Company = require("../../docs/assets/assessment-company.js");
const History = require("../../docs/assets/assessment-history.js");
const { Scorer } = require("../../docs/assets/revops-score.js");

const BANK = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "cases", "bank.json"), "utf8"));
const company = Company.create(BANK);
const STATE = {
  team: "Northwind", date: "2026-06-30", name: "Ann", role: "sales", answers: { "pipe-stages": 4 }, evidence: {},
  profile: { stage: "small", motion: null }, readings: { "stage-accuracy": 0.82, "days-to-fix": 1e-7 }
};

test("a typed reading is a number the metric can take, else the CLI's message", () => {
  assert.deepStrictEqual(company.parse("stage-accuracy", " 0.82 "), { value: 0.82 });
  assert.deepStrictEqual(company.parse("stage-accuracy", ""), { value: null });
  assert.deepStrictEqual(company.parse("stage-accuracy", "82"), { problem: "'stage-accuracy' is a ratio from 0 to 1: write 82% as 0.82" });
  assert.deepStrictEqual(company.parse("stage-accuracy", "82%"), { problem: "a reading is a number, such as 0.82 for 82%; not '82%'" });
  assert.deepStrictEqual(company.parse("days-to-fix", "-3"), { problem: "'days-to-fix' cannot be negative" });
  assert.deepStrictEqual(company.parse("days-to-fix", "40"), { value: 40 });
  assert.deepStrictEqual(company.parse("days-to-fix", "1e999"), { problem: "a reading is a finite number" });
});

for (const [format, write, wrap] of [["yaml", Files.toYaml, company.toYaml], ["json", Files.toJson, company.toJson]]) {
  test(format + " export carries the profile and readings, and reads back the same", () => {
    const text = wrap(write(STATE, BANK), STATE);
    const person = Files.parseFile(text, "export." + format, BANK).respondents[0];
    assert.deepStrictEqual({ ...person.profile }, { stage: "small", motion: null });
    assert.deepStrictEqual({ ...person.metrics }, STATE.readings);
    assert.ok(text.indexOf("profile") < text.indexOf("metrics") && text.indexOf("metrics") < text.indexOf("answers"));
  });

  test(format + " export carries the page's targets, read back as the CLI reads them", () => {
    const aimed = { ...STATE, targets: { pipeline: 4, tooling: 2 } };
    const text = wrap(write(aimed, BANK), aimed);
    const person = Files.parseFile(text, "export." + format, BANK).respondents[0];
    assert.deepStrictEqual({ ...person.targets }, { pipeline: 4, tooling: 2 });
    assert.ok(text.indexOf("profile") < text.indexOf("targets") && text.indexOf("targets") < text.indexOf("metrics"));
  });

  test(format + " export leaves out a profile and readings that are not set", () => {
    const bare = { ...STATE, profile: { stage: null, motion: null }, readings: {} };
    assert.equal(wrap(write(bare, BANK), bare), write(bare, BANK));
  });
}

test("colleagues' files fill only what the page has not set", () => {
  const state = { profile: { stage: "small", motion: null }, readings: { "days-to-fix": 3 } };
  const taken = company.fillFrom([{ profile: { stage: null, motion: "self-serve" }, metrics: { "days-to-fix": 9, "stage-accuracy": 0.5 } },
                                  { metrics: { "stage-accuracy": 0.9 } }], state);
  assert.deepStrictEqual(state, { profile: { stage: "small", motion: "self-serve" }, readings: { "days-to-fix": 3, "stage-accuracy": 0.5 },
                                  targets: {} });
  assert.deepStrictEqual(taken, ["motion", "stage-accuracy"]);
});

test("colleagues' targets fill only the rules the page has no target for", () => {
  const state = { profile: { stage: null, motion: null }, readings: {}, targets: { pipeline: 4 } };
  const taken = company.fillFrom([{ targets: { pipeline: 2, tooling: 3 } }, { targets: { tooling: 5 } }], state);
  assert.deepStrictEqual(state.targets, { pipeline: 4, tooling: 3 });
  assert.deepStrictEqual(taken, ["tooling target"]);
});

test("files that give one rule different targets are refused unless the page has settled it", () => {
  const files = [{ name: "a.yaml", people: [{ targets: { pipeline: 4 } }] },
                 { name: "b.yaml", people: [{ targets: { pipeline: 5, tooling: 3 } }] }];
  assert.equal(company.disagreement(files),
               "the answer files give pipeline different targets (a.yaml says 4; b.yaml says 5); choose one in Targets and gaps first");
  assert.equal(company.disagreement(files, { pipeline: 3 }), null);  // as --target settles it
});

test("colleagues' files that disagree are refused in the CLI's words", () => {
  const files = [{ name: "a.yaml", people: [{ profile: { stage: "small" }, metrics: { "stage-accuracy": 0.8 } }] },
                 { name: "b.yaml", people: [{ metrics: { "stage-accuracy": 0.7, "days-to-fix": 3 } }] }];
  assert.equal(company.disagreement(files),
               "b.yaml: 'stage-accuracy' reads 0.7 here but 0.8 in a.yaml; give the company's reading in one file");
  files[1].people[0].metrics["stage-accuracy"] = 0.8;
  assert.equal(company.disagreement(files), null);  // the same reading twice is no disagreement
  BANK.profiles.stages.push({ id: "large", name: "Large", path: "stages/#large", foundations: {}, later: {} });
  try {
    files[1].people[0].profile = { stage: "large" };
    assert.equal(Company.create(BANK).disagreement(files),
                 "the answer files name different stages (a.yaml says small; b.yaml says large); choose one in About this assessment");
  } finally {
    BANK.profiles.stages.pop();
  }
});

test("the sentences are the reports'", () => {
  assert.equal(Company.profileText({ profile: { stage: "early", stage_name: "Early", motion: "sales-led", motion_name: "Sales-led" } }),
               "the Early stage, the Sales-led motion");
  assert.equal(Company.profileText({ profile: { stage: null, motion: null } }), null);
  assert.equal(Company.calibrationText({ level: 4, readings_level: 2 }), "rated 4, readings suggest 2");
  assert.equal(Company.readingText({ metric: "forecast-accuracy", value: 0.78, suggests: 2 }), "forecast-accuracy 0.78 suggests level 2");
  assert.equal(Company.movedText({ question: "Q?", previous: 3, current: 4.6, delta: 1.6 }), "Q? 3.00 -> 4.60 (+1.60)");
  assert.equal(Company.movedText({ question: "Q?", previous: 3, current: 2.5, delta: -0.5 }), "Q? 3.00 -> 2.50 (-0.50)");
});

const scorer = new Scorer(BANK);
const history = History.create(BANK);
function earlierFile(date, level) {
  const text = JSON.stringify({ team: "T", date, answers: { "pipe-stages": level, "pipe-reviews": level } });
  return Files.parseFile(text, date + ".json", BANK, { previous: true });
}

test("earlier assessments are added in date order, labelled by date and file", () => {
  let list = history.add([], [earlierFile("2026-03-31", 3), earlierFile("2025-12-31", 2)], ["q1.json", "q0.json"], scorer, "2026-06-30");
  list = history.add(list, [earlierFile("2025-09-30", 1)], ["old.json"], scorer, "2026-06-30");
  assert.deepStrictEqual(list.map((e) => e.label), ["2025-09-30 (old.json)", "2025-12-31 (q0.json)", "2026-03-31 (q1.json)"]);
  assert.equal(list[2].question_means["pipe-stages"], 3);
});

test("an earlier assessment that cannot be placed is refused in the page's words", () => {
  const list = history.add([], [earlierFile("2026-03-31", 3)], ["q1.json"], scorer, "2026-06-30");
  assert.throws(() => history.add(list, [earlierFile("2026-03-31", 2)], ["again.json"], scorer, "2026-06-30"),
                /again\.json: is dated 2026-03-31, like q1\.json; give one assessment per date/);
  assert.throws(() => history.add(list, [earlierFile("2026-06-30", 2)], ["now.json"], scorer, "2026-06-30"),
                /now\.json: is dated 2026-06-30, the same day as this assessment \(2026-06-30\); compare only with assessments dated before it, or change this assessment's date$/);
});
