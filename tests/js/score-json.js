/* Score teams given as JSON on stdin with the page's scorer; print their reports as JSON.
 * Input: {bank, siteRoot, teams: [{respondents, previous?, history?, profile?, readings?,
 * parameters?, targets?, plan?}]}; `parameters` overrides the bank's for that team, `targets`
 * are given per rule ({rule: level}) and `plan` ({start, quarters, load}) adds the improvement
 * plan, as the page makes it, once a rule has a target. tests/test_shared_cases.py compares the output with the
 * Python scorer's reports for the same random teams. */
"use strict";

const { Scorer } = require("../../docs/assets/revops-score.js");
const Plan = require("../../docs/assets/revops-plan.js");
const PlanPage = require("../../docs/assets/assessment-plan.js");
const { respondentOf } = require("./case-respondents.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { bank, siteRoot, teams } = JSON.parse(input);
  const scorers = new Map();  // one scorer per set of parameters
  const scorerFor = (parameters) => {
    const key = JSON.stringify(parameters || {});
    if (!scorers.has(key)) {
      scorers.set(key, new Scorer({ ...bank, parameters: { ...bank.parameters, ...parameters } }));
    }
    return scorers.get(key);
  };
  const reports = teams.map((team) => {
    const scorer = scorerFor(team.parameters);
    const report = scorer.score(
      team.respondents.map(respondentOf), { previous: team.previous, siteRoot, profile: team.profile,
                                            readings: team.readings, history: team.history,
                                            targets: PlanPage.optionTargets(team.targets) });
    const options = team.plan;
    if (options && report.rules.some((rule) => rule.target)) {
      report.plan = Plan.make(scorer, report, options.start, options.quarters, options.load);
    }
    return report;
  });
  process.stdout.write(JSON.stringify(reports));
});
