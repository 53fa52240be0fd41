/* The company profile (stage, motion) and metric readings on the assessment page: what is kept
 * of them, how a typed reading is checked (with answer-profile.js, the readers' twin of
 * readings.py), how an export writes them, and the sentences the reports share, from
 * src/revops/reports/texts.json (the site build ships it as assets/revops-texts.js).
 * bind() wires the fields; the rest has no DOM, so node tests it. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Profile = node ? require("./answer-profile.js") : root.RevOpsProfile;
  var PlanPage = node ? require("./assessment-plan.js") : root.RevOpsPlanPage;
  var TEXTS = node ? require("../../src/revops/reports/texts.json") : root.RevOpsTexts;
  var FORMATS = {  // the format specs texts.json uses, as Python's format() writes them
    g: Profile.formatG,
    ".2f": function (value) { return value.toFixed(2); },
    "+.2f": function (value) { return (value >= 0 ? "+" : "") + value.toFixed(2); }
  };
  var KINDS = ["stage", "motion"];
  var NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

  function has(object, key) { return !!object && Object.prototype.hasOwnProperty.call(object, key); }

  function create(bank) {
    var specs = bank.readings || {}, known = Profile.knownProfiles(bank);

    /* {stage, motion}: ids the bank's guidance offers, else null. */
    function cleanProfile(source) {
      var profile = { stage: null, motion: null };
      KINDS.forEach(function (key) {
        var value = source && typeof source === "object" ? source[key] : null;
        if (typeof value === "string" && known[key].indexOf(value) >= 0) profile[key] = value;
      });
      return profile;
    }

    function isSet(profile) { return !!(profile && (profile.stage || profile.motion)); }

    /* A reading as typed in its field: {value} (null when empty), or {problem} in the CLI's words. */
    function parse(id, text) {
      var typed = typeof text === "string" ? text.trim() : "";
      if (!typed) return { value: null };
      if (!NUMBER.test(typed)) return { problem: "a reading is a number, such as 0.82 for 82%; not '" + typed.slice(0, 40) + "'" };
      var value = Number(typed);
      if (!isFinite(value)) return { problem: "a reading is a finite number" };
      var why = Profile.readingProblem(id, value, specs);
      return why ? { problem: why } : { value: value };
    }

    /* {metric id: number} for the metrics that take a reading, each one usable. */
    function cleanReadings(source) {
      var out = {};
      if (!source || typeof source !== "object") return out;
      Object.keys(specs).forEach(function (id) {
        var value = has(source, id) ? source[id] : null;
        if (typeof value === "number" && isFinite(value) && !Profile.readingProblem(id, value, specs)) out[id] = value;
      });
      return out;
    }

    /* A number that YAML 1.1 and 1.2 both read as one: no exponent such as 1e-7, which the
     * readers of both `revops score` and this page take for text, in YAML and JSON alike. */
    function numberText(value) {
      var text = String(value);
      return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, "").replace(/\.$/, ".0") : text;
    }

    /* The profile, targets and readings an export adds, only when set. */
    function exportKeys(state) {
      var out = {}, profile = cleanProfile(state.profile), readings = cleanReadings(state.readings);
      var targets = PlanPage.cleanTargets(state.targets, bank);
      if (isSet(profile)) {
        out.profile = {};
        KINDS.forEach(function (key) { if (profile[key]) out.profile[key] = profile[key]; });
      }
      if (Object.keys(targets).length) out.targets = targets;
      if (Object.keys(readings).length) out.metrics = readings;
      return out;
    }

    /* An export with them added before `answers`, in the key order of formats.AnswerFile. */
    function toJson(text, state) {
      var doc = JSON.parse(text), extra = exportKeys(state), out = {}, numbers = [];
      Object.keys(extra.metrics || {}).forEach(function (id) {  // written by numberText, below
        numbers.push(numberText(extra.metrics[id]));
        extra.metrics[id] = "\ud800" + (numbers.length - 1);  // a lone surrogate: no text writes it so
      });
      Object.keys(doc).forEach(function (key) {
        if (key === "answers") Object.keys(extra).forEach(function (k) { out[k] = extra[k]; });
        out[key] = doc[key];
      });
      return JSON.stringify(out, null, 2).replace(/"\\ud800(\d+)"/g, function (all, i) { return numbers[i]; }) + "\n";
    }

    function toYaml(text, state) {
      var extra = exportKeys(state), lines = [];
      if (extra.profile) {
        lines.push("profile:");
        Object.keys(extra.profile).forEach(function (k) { lines.push("  " + k + ": " + JSON.stringify(extra.profile[k])); });
      }
      if (extra.targets) {
        lines.push("targets:  # the level to aim for per rule");
        Object.keys(extra.targets).forEach(function (id) { lines.push("  " + id + ": " + extra.targets[id]); });
      }
      if (extra.metrics) {
        lines.push("metrics:  # readings that check the ratings; 0.78 means 78%");
        Object.keys(extra.metrics).forEach(function (id) { lines.push("  " + id + ": " + numberText(extra.metrics[id])); });
      }
      return lines.length ? text.replace(/^answers:$/m, function () { return lines.join("\n") + "\nanswers:"; }) : text;
    }

    /* What colleagues' files add where the page has nothing: the profile's unset parts, and
     * readings of metrics and targets of rules without one (the first file that gives each).
     * Changes `state`. */
    function fillFrom(people, state) {
      var taken = [];
      if (!state.targets) state.targets = {};
      people.forEach(function (p) {
        var profile = cleanProfile(p.profile), readings = cleanReadings(p.metrics), targets = PlanPage.cleanTargets(p.targets, bank);
        Object.keys(targets).forEach(function (rule) {
          if (!has(state.targets, rule)) { state.targets[rule] = targets[rule]; taken.push(rule + " target"); }
        });
        KINDS.forEach(function (key) {
          if (profile[key] && !state.profile[key]) { state.profile[key] = profile[key]; taken.push(key); }
        });
        Object.keys(readings).forEach(function (id) {
          if (!has(state.readings, id)) { state.readings[id] = readings[id]; taken.push(id); }
        });
      });
      return taken;
    }

    /* Where colleagues' files disagree with each other on the profile, a reading or a rule's
     * target, in the words `revops score` refuses them with (profile.choose_profile,
     * readings.combine_readings, targets.files_targets); null when they agree. files:
     * [{name, people}]; settled: the page's own targets, which win as --target does. */
    function disagreement(files, settled) {
      var given = { stage: {}, motion: {} }, readings = {}, targets = {}, problems = [];
      files.forEach(function (file) {
        file.people.forEach(function (p) {
          var profile = cleanProfile(p.profile), metrics = cleanReadings(p.metrics), aims = PlanPage.cleanTargets(p.targets, bank);
          Object.keys(aims).forEach(function (rule) {
            if (has(settled || {}, rule)) return;
            targets[rule] = targets[rule] || {};
            if (!has(targets[rule], aims[rule])) targets[rule][aims[rule]] = file.name;
          });
          KINDS.forEach(function (key) {
            if (profile[key] && !has(given[key], profile[key])) given[key][profile[key]] = file.name;
          });
          Object.keys(metrics).forEach(function (id) {
            if (!has(readings, id)) { readings[id] = { value: metrics[id], name: file.name }; return; }
            if (readings[id].value !== metrics[id]) {
              problems.push(file.name + ": '" + id + "' reads " + Profile.formatG(metrics[id]) + " here but " +
                            Profile.formatG(readings[id].value) + " in " + readings[id].name +
                            "; give the company's reading in one file");
            }
          });
        });
      });
      KINDS.forEach(function (key) {
        var values = Object.keys(given[key]);
        if (values.length < 2) return;
        problems.push("the answer files name different " + key + "s (" + values.map(function (v) {
          return given[key][v] + " says " + v;
        }).join("; ") + "); choose one in About this assessment");
      });
      Object.keys(targets).forEach(function (rule) {
        var levels = Object.keys(targets[rule]);
        if (levels.length < 2) return;
        problems.push("the answer files give " + rule + " different targets (" + levels.map(function (v) {
          return targets[rule][v] + " says " + v;
        }).join("; ") + "); choose one in Targets and gaps first");
      });
      return problems.length ? problems.join("; ") : null;
    }

    return { cleanProfile: cleanProfile, cleanReadings: cleanReadings, isSet: isSet, parse: parse,
             toJson: toJson, toYaml: toYaml, fillFrom: fillFrom, disagreement: disagreement };
  }

  /* -- the reports' sentences, as reports/texts.py writes them from texts.json -- */

  /* The text under key with the values filled in, as texts.say; `count` chooses the `one` or
   * `other` form of a text that has both. */
  function say(key, values, count) {
    var text = TEXTS[key];
    if (typeof text === "object") text = text[count === 1 ? "one" : "other"];
    return text.replace(/\{(\w+)(?::([^}]+))?\}/g, function (all, name, spec) {
      if (spec && !FORMATS[spec]) throw new Error("texts.json: no format '" + spec + "' in " + key);
      return spec ? FORMATS[spec](values[name]) : String(values[name]);
    });
  }

  function profileText(report) {
    var profile = report.profile || {};
    var parts = ["stage", "motion"].filter(function (key) { return profile[key]; }).map(function (key) { return say("profile_" + key, profile); });
    return parts.join(TEXTS.separator) || null;
  }

  function calibrationText(rule) { return say("calibration", rule); }

  /* A question's text short enough to list several in a sentence, as texts.short_question:
   * whole when it has question_length characters or fewer; else the words before the last
   * space that leaves room for an ellipsis, without a trailing comma, semicolon, colon or
   * dash, and the ellipsis. Counted in characters (code points), as Python counts them. */
  function shortQuestion(text) {
    var limit = TEXTS.question_length;
    var chars = Array.from(String(text).split(/\s+/).filter(Boolean).join(" "));
    if (chars.length <= limit) return chars.join("");
    var space = chars.lastIndexOf(" ", limit - 1);
    var head = chars.slice(0, space > 0 ? space : limit - 1).join("");
    return head.replace(/[,;:\-\u2013\u2014 ]+$/, "") + "\u2026";
  }

  /* A claim's question as a sentence lists it, or its id in a report without the text. */
  function claimQuestion(claim) { return shortQuestion(claim.question || claim.question_id); }

  /* "Forecast accuracy 0.62 suggests level 1": the metric by its name, or its id in a report
   * without the name. */
  function readingText(reading) {
    return say("reading", Object.assign({}, reading, { name: reading.name || reading.metric }));
  }

  function movedText(change) { return say("moved", change); }

  /* "weights moved this score from 3.00 to 3.25" when the question weights changed a rule's
   * rounded score; null when they did not, as texts.weights_moved_text. */
  function weightsMovedText(rule) {
    var unweighted = rule.unweighted;
    if (rule.score === null || unweighted === null || unweighted === undefined || unweighted === rule.score) return null;
    return say("weights_moved", { unweighted: unweighted, score: rule.score });
  }

  /* How many of a rule's answers skip their foundation, or null, as texts.inconsistent_text. */
  function inconsistentText(rule, parameters) {
    var found = rule.inconsistent || {};
    if (!found.count) return null;
    return say("inconsistent", {
      count: found.count,
      level: has(parameters, "inconsistent_from_level") ? parameters.inconsistent_from_level : 4,
      at_most: has(parameters, "foundation_at_most") ? parameters.foundation_at_most : 2
    }, found.count);
  }

  /* One inconsistent claim and the foundation it skips, as texts.inconsistent_claim_text. */
  function inconsistentClaimText(claim) {
    return say("inconsistent_claim", Object.assign({}, claim, {
      foundation: claim.because.question, foundation_level: claim.because.level
    }));
  }

  /* "12 of 40 answers at level 3 or above name their evidence", as texts.evidence_text. */
  function evidenceText(report, parameters) {
    var claims = 0, evidenced = 0;
    report.rules.forEach(function (rule) {
      if (rule.evidence) { claims += rule.evidence.claims; evidenced += rule.evidence.evidenced; }
    });
    if (!claims) return null;
    var level = has(parameters, "evidence_from_level") ? parameters.evidence_from_level : 3;
    var text = say("evidence", { evidenced: evidenced, claims: claims, level: level }, claims);
    var cap = parameters.unevidenced_cap;
    return cap === null || cap === undefined ? text : text + say("evidence_cap", { cap: cap });
  }

  /* "3 answers at the evidence level name no evidence: Who owns the data? (Ann, 5; Bo, 4), …", as
   * texts.unevidenced_text. */
  function unevidencedText(unevidenced) {
    var groups = [];  // the claims come in question order: each question once, with its answers
    unevidenced.claims.slice(0, 3).forEach(function (claim) {
      var last = groups[groups.length - 1];
      if (last && last[0].question_id === claim.question_id) last.push(claim);
      else groups.push([claim]);
    });
    var shown = groups.map(function (group) {
      var answers = group.map(function (claim) { return say("unevidenced_answer", claim); });
      return say("unevidenced_claim", { question: claimQuestion(group[0]), answers: answers.join(TEXTS.answer_separator) });
    });
    var more = unevidenced.count - Math.min(unevidenced.claims.length, 3);
    var claims = shown.join(TEXTS.separator) + (more ? say("unevidenced_more", { more: more }) : "");
    return say("unevidenced", { count: unevidenced.count, claims: claims }, unevidenced.count);
  }

  /* What would back each claim unevidencedText shows, once per question and level, as
   * texts.claim_hints: "Who owns the data? At level 4, look for: The owner's name on …". */
  function claimHints(unevidenced) {
    var seen = {}, hints = [];
    unevidenced.claims.slice(0, 3).forEach(function (claim) {
      var key = claim.question_id + "\n" + claim.level;
      if (!claim.hint || has(seen, key)) return;
      seen[key] = true;
      hints.push(say("unevidenced_hint", { question: claimQuestion(claim), level: claim.level, hint: claim.hint }));
    });
    return hints;
  }

  /* The words of the history table: its first row, and the date of an assessment without one. */
  function historyWord(key) { return TEXTS["history_" + key]; }

  /* Each metric reading and the level it suggests, as `revops score` lists them; `el` makes
   * an element. Null without readings. */
  function readingsList(report, el) {
    var found = [];
    report.rules.forEach(function (rule) {
      (rule.readings || []).forEach(function (r) {
        found.push(readingText(r) + " for " + rule.title + (rule.level ? " (rated " + rule.level + ")" : ""));
      });
    });
    if (!found.length) return null;
    var box = el("div", null, "revops-readings-list"), list = el("ul");
    box.appendChild(el("h3", "Metric readings"));
    found.forEach(function (line) { list.appendChild(el("li", line)); });
    box.appendChild(list);
    return box;
  }

  /* Wire the profile selects and reading fields inside `scope`: `get()` returns the page's
   * state, `changed()` saves and scores. Returns apply(), which fills the fields from the state. */
  function bind(scope, bank, get, changed) {
    var kept = create(bank);
    var selects = scope.querySelectorAll("select[data-profile]"), inputs = scope.querySelectorAll("input[data-reading]");

    function showProblem(input, message) {
      var slot = document.getElementById(input.id + "-error");
      if (slot) slot.textContent = message || "";
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        var state = get(), profile = Object.assign({}, state.profile);
        profile[select.getAttribute("data-profile")] = select.value || null;
        state.profile = kept.cleanProfile(profile);
        changed();
      });
    });
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        var id = input.getAttribute("data-reading"), read = kept.parse(id, input.value), state = get();
        showProblem(input, read.problem);
        if (typeof read.value === "number") state.readings[id] = read.value;
        else delete state.readings[id];  // empty, or not usable: no reading
        changed();
      });
    });

    return function apply() {
      var state = get();
      selects.forEach(function (select) { select.value = state.profile[select.getAttribute("data-profile")] || ""; });
      inputs.forEach(function (input) {
        var value = state.readings[input.getAttribute("data-reading")];
        input.value = typeof value === "number" ? String(value) : "";
        showProblem(input, null);
      });
      var details = scope.querySelector("details.revops-readings");
      if (details && Object.keys(state.readings).length) details.open = true;
    };
  }

  var api = { create: create, bind: bind, say: say, profileText: profileText, calibrationText: calibrationText,
              readingText: readingText, movedText: movedText, weightsMovedText: weightsMovedText, shortQuestion: shortQuestion, evidenceText: evidenceText,
              unevidencedText: unevidencedText, claimHints: claimHints,
              inconsistentText: inconsistentText, inconsistentClaimText: inconsistentClaimText, historyWord: historyWord, readingsList: readingsList };
  if (node) module.exports = api;
  else root.RevOpsCompany = api;
})(this);
