/* Score teams given as JSON on stdin with the page's scorer; print their reports as JSON.
 * Input: {bank, siteRoot, teams: [{respondents, previous?}]}. tests/test_shared_cases.py
 * compares the output with the Python scorer's reports for the same random teams. */
"use strict";

const { Scorer } = require("../../docs/assets/revops-score.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { bank, siteRoot, teams } = JSON.parse(input);
  const scorer = new Scorer(bank);
  const reports = teams.map((team) => scorer.score(team.respondents,
                                                   { previous: team.previous, siteRoot }));
  process.stdout.write(JSON.stringify(reports));
});
