// What the assessment page reads back from the browser's storage is cleaned like an import.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const Storage = require("../../docs/assets/assessment-storage.js");

const BANK = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "cases", "bank.json"), "utf8"));
const store = Storage.create(BANK);
const TODAY = "2026-11-22";

test("nothing saved, or something that is not an object, restores nothing", () => {
  assert.equal(store.restore(null, TODAY), null);
  assert.equal(store.restore("text", TODAY), null);
});

test("answers to unknown questions and invalid answers are dropped; retired ones counted", () => {
  const restored = store.restore({ answers: { "tool-crm": 3, "hand-sla": 9, "pipe-stages": "N/A", "old-question": 2 } }, TODAY);
  assert.deepStrictEqual(restored.state.answers, { "tool-crm": 3, "pipe-stages": "n/a" });
  assert.equal(restored.retired, 1);
});

test("texts are cut short, a bad date becomes today, colleagues are capped", () => {
  const colleagues = Array.from({ length: 600 }, (_, i) => ({ name: "p" + i, role: 7, answers: { "tool-crm": 2 } }));
  const { state } = store.restore({ team: "x".repeat(500), date: "30.06.2026", name: 42, colleagues }, TODAY);
  assert.equal(state.team.length, 120);
  assert.equal(state.date, TODAY);
  assert.equal(state.name, "");
  assert.equal(state.colleagues.length, store.MAX_COLLEAGUES);
  assert.deepStrictEqual(state.colleagues[0], { name: "p0", role: null, date: null, answers: { "tool-crm": 2 } });
});

test("a state saved with one previous assessment keeps finite scores of known rules as its history", () => {
  const { state } = store.restore({ previous: { label: "Q1", overall: "high", rules: { pipeline: 2.5, tooling: Infinity, gone: 1 } } }, TODAY);
  assert.deepStrictEqual(state.history, [{ label: "Q1", source: "Q1", date: null, overall: null,
                                           rules: { pipeline: 2.5, handoffs: null, tooling: null }, question_means: {} }]);
  assert.deepStrictEqual(store.restore({ previous: { rules: "nope" } }, TODAY).state.history, []);
  const dated = store.restore({ previous: { label: "2025-12-31 (q4.yaml)", overall: 2, rules: {} } }, TODAY).state;
  assert.equal(dated.history[0].date, "2025-12-31");
});

test("earlier assessments keep known rules and questions, oldest first, at most MAX", () => {
  const earlier = (date, extra) => Object.assign({ label: date + " (x.json)", source: "x.json", date, overall: 2.5,
                                                   rules: { pipeline: 3 }, question_means: { "tool-crm": 2.5, gone: 4, "pipe-stages": "4" } }, extra);
  const { state } = store.restore({ history: [earlier("2026-03-31"), earlier("2025-12-31", { date: "31.12.2025" }), "junk"] }, TODAY);
  assert.deepStrictEqual(state.history.map((e) => e.date), [null, "2026-03-31"]);
  assert.deepStrictEqual(state.history[1].question_means, { "tool-crm": 2.5, "pipe-stages": null });
  const many = Array.from({ length: 30 }, (_, i) => earlier("2020-01-" + String(i + 1).padStart(2, "0")));
  assert.equal(store.restore({ history: many }, TODAY).state.history.length, 20);
});

test("the profile and readings keep the bank's ids and usable numbers only", () => {
  const { state } = store.restore({ profile: { stage: "small", motion: "enterprise" },
                                    readings: { "stage-accuracy": 82, "days-to-fix": 9, unknown: 0.5 } }, TODAY);
  assert.deepStrictEqual(state.profile, { stage: "small", motion: null });
  assert.deepStrictEqual(state.readings, { "days-to-fix": 9 });
  const old = store.restore({ team: "T", answers: {} }, TODAY).state;  // saved before either existed
  assert.deepStrictEqual([old.profile, old.readings, old.history], [{ stage: null, motion: null }, {}, []]);
});

test("a state saved before the page kept evidence loads whole, with no evidence", () => {
  const { state } = store.restore({ team: "T", date: "2026-06-30", answers: { "tool-crm": 4 }, colleagues: [{ name: "Bo", answers: { "tool-crm": 2 } }] }, TODAY);
  assert.deepStrictEqual(state.answers, { "tool-crm": 4 });
  assert.deepStrictEqual(state.evidence, {});
  assert.deepStrictEqual(state.colleagues[0], { name: "Bo", role: null, date: null, answers: { "tool-crm": 2 } });
});

test("evidence keeps known questions and tidy entries; colleagues keep theirs", () => {
  const evidence = {
    "tool-crm": { text: "  https://crm.example/audit ", owner: "Dana", checked: "2026-05-01" },
    "pipe-stages": { text: "x".repeat(5000), owner: 7, checked: "last week" },
    "hand-sla": { text: "", owner: null, checked: null },
    "pipe-reviews": "a bare string",
    "old-question": { text: "kept nowhere" }
  };
  const { state } = store.restore({ answers: {}, evidence, colleagues: [{ name: "Bo", answers: {}, evidence }] }, TODAY);
  assert.deepStrictEqual(Object.keys(state.evidence).sort(), ["pipe-stages", "tool-crm"]);
  assert.deepStrictEqual(state.evidence["tool-crm"], { text: "https://crm.example/audit", owner: "Dana", checked: "2026-05-01" });
  assert.deepStrictEqual(state.evidence["pipe-stages"], { text: "x".repeat(2000), owner: null, checked: null });
  assert.deepStrictEqual(state.colleagues[0].evidence, state.evidence);
});

test("targets keep known rules at the bank's levels only; the plan's options whole numbers and a date", () => {
  const saved = { targets: { pipeline: 4, handoffs: "2", tooling: 9, gone: 3 },
                  plan: { start: "2026-01-31", quarters: 8, load: 0 } };
  const { state } = store.restore(saved, TODAY);
  assert.deepStrictEqual(state.targets, { pipeline: 4, handoffs: 2 });
  assert.deepStrictEqual(state.plan, { start: "2026-01-31", quarters: 8, load: null });
  const bad = store.restore({ targets: ["pipeline"], plan: { start: "31.01.2026", quarters: 2.5, load: "3" } }, TODAY).state;
  assert.deepStrictEqual(bad.targets, {});
  assert.deepStrictEqual(bad.plan, { start: "", quarters: null, load: null });
});

test("a state saved before the page kept targets restores with none and the plan's defaults", () => {
  const { state } = store.restore({ team: "T" }, TODAY);
  assert.deepStrictEqual(state.targets, {});
  assert.deepStrictEqual(state.plan, { start: "", quarters: null, load: null });
  assert.deepStrictEqual(store.empty(TODAY).targets, {});
});
