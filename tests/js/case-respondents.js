/* Respondents as the shared cases and the random teams write them, made into what the page's
 * scorer takes: their evidence, given there as {question id: text}, becomes
 * {question id: {text, owner, checked}}, an empty text standing for none (as in
 * tests/test_shared_cases.py, where Evidence(text or None) is made). */
"use strict";

function respondentOf(r) {
  const person = { name: r.name, role: r.role, answers: r.answers };
  if (r.evidence) {
    person.evidence = Object.fromEntries(Object.entries(r.evidence).map(
      ([id, text]) => [id, { text: text || null, owner: null, checked: null }]));
  }
  return person;
}

module.exports = { respondentOf };
