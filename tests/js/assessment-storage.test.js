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

test("a previous assessment keeps finite scores of known rules only", () => {
  const { state } = store.restore({ previous: { label: "Q1", overall: "high", rules: { pipeline: 2.5, tooling: Infinity, gone: 1 } } }, TODAY);
  assert.deepStrictEqual(state.previous, { label: "Q1", overall: null, rules: { pipeline: 2.5, handoffs: null, tooling: null } });
  assert.equal(store.restore({ previous: { rules: "nope" } }, TODAY).state.previous, null);
});
