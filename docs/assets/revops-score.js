/* RevOps Playbook scorer: the browser twin of src/revops/scoring/formula.py.
 * Same formula, same operations, same rounding (half up), so the numbers match
 * `revops score`. No dependencies; reads the bank generated from the YAML model. */
(function (root) {
  "use strict";

  function roundHalfUp(value, decimals) {
    var factor = Math.pow(10, decimals);
    return Math.floor(value * factor + 0.5) / factor;
  }

  function isLevel(value) {
    return typeof value === "number" && Number.isInteger(value);
  }

  function questionMean(values) {
    var sum = 0, count = 0;
    for (var i = 0; i < values.length; i++) {
      if (isLevel(values[i])) { sum += values[i]; count += 1; }
    }
    return count ? sum / count : null;
  }

  function Scorer(bank) {
    this.bank = bank;
    this.params = bank.parameters;
    this.levels = bank.levels.map(function (l) { return l.level; });
    this.top = this.levels[this.levels.length - 1];
    // An answer at this level or above is a claim that evidence should back; without it,
    // the claim counts as unevidenced_cap at most, when that is set (scoring.Scorer).
    this.evidenceFrom = has(this.params, "evidence_from_level") ? this.params.evidence_from_level : 3;
    this.cap = has(this.params, "unevidenced_cap") ? this.params.unevidenced_cap : null;
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) && object[key] !== undefined;
  }

  /* Whether a respondent's answer names its evidence: {question id: {text, owner, checked}}. */
  function evidenced(respondent, id) {
    var found = respondent.evidence && has(respondent.evidence, id) ? respondent.evidence[id] : null;
    return !!(found && typeof found.text === "string" && found.text);
  }

  Scorer.prototype.isClaim = function (value) {
    return isLevel(value) && value >= this.evidenceFrom;
  };

  Scorer.prototype.round = function (value) {
    return roundHalfUp(value, this.params.decimals);
  };

  Scorer.prototype.levelOf = function (score) {
    if (score === null) return null;
    var found = null;
    this.levels.forEach(function (n) { if (score >= n) found = n; });
    return found === null ? this.levels[0] : found;
  };

  Scorer.prototype.levelName = function (level) {
    if (level === null) return null;
    return this.bank.levels.filter(function (l) { return l.level === level; })[0].name;
  };

  /* The weighted mean of the answered questions (the plain mean when `plain`), or null when
   * too few are answered, as Scale.rule_score. */
  Scorer.prototype.ruleScore = function (questions, means, plain) {
    var total = 0, weights = 0, answered = 0;
    for (var i = 0; i < questions.length; i++) {
      if (means[i] !== null) {
        var weight = plain ? 1 : questions[i].weight;
        total += weight * means[i];
        weights += weight;
        answered += 1;
      }
    }
    if (!questions.length || answered < this.params.min_answered_fraction * questions.length) {
      return null;
    }
    return this.round(total / weights);
  };

  function answerOf(respondent, id) {
    var value = respondent.answers[id];
    return value === undefined ? null : value;
  }

  /* Each question's answers, one per respondent, with unevidenced claims capped when a cap is
   * set; counts the claims (as given) and those that name evidence into `evidence`. */
  Scorer.prototype.columns = function (questions, respondents, evidence) {
    var self = this;
    return questions.map(function (q) {
      return respondents.map(function (r) {
        var value = answerOf(r, q.id);
        if (!self.isClaim(value)) return value;
        var backed = evidenced(r, q.id);
        evidence.claims += 1;
        if (backed) evidence.evidenced += 1;
        return self.cap !== null && !backed ? Math.min(value, self.cap) : value;
      });
    });
  };

  Scorer.prototype.scoreRule = function (rule, respondents) {
    var self = this;
    var questions = rule.questions;
    var evidence = { claims: 0, evidenced: 0 };
    var byQuestion = this.columns(questions, respondents, evidence);
    var means = byQuestion.map(questionMean);
    var score = this.ruleScore(questions, means);
    var level = this.levelOf(score);
    var flat = [].concat.apply([], byQuestion);
    var count = function (v) { return flat.filter(function (x) { return x === v; }).length; };
    var questionMeans = {};
    questions.forEach(function (q, i) { questionMeans[q.id] = means[i]; });
    var result = {
      id: rule.id, title: rule.title, score: score, unweighted: this.ruleScore(questions, means, true),
      level: level,
      level_name: this.levelName(level),
      answered: means.filter(function (m) { return m !== null; }).length,
      questions: questions.length,
      status: score !== null ? "scored" : "insufficient",
      not_applicable: count("n/a"), unknown: count("unknown"), unanswered: count(null),
      spread: null, misaligned: false, by_role: {}, role_gap: null, question_means: questionMeans,
      evidence: evidence
    };
    if (respondents.length > 1) {
      var own = respondents.map(function (r, row) {
        return self.ruleScore(questions, byQuestion.map(function (column) {
          return questionMean([column[row]]);
        }));
      }).filter(function (s) { return s !== null; });
      if (own.length >= 2) {
        var sum = 0;
        own.forEach(function (s) { sum += s; });
        var mean = sum / own.length, squares = 0;
        own.forEach(function (s) { squares += (s - mean) * (s - mean); });
        var min = Math.min.apply(null, own), max = Math.max.apply(null, own);
        result.spread = { min: min, max: max, stdev: this.round(Math.sqrt(squares / own.length)),
                          respondents: own.length };
        result.misaligned = max - min >= this.params.misaligned_gap;
      }
      var roles = {};
      respondents.forEach(function (r, row) {
        var role = r.role || "unspecified";
        (roles[role] = roles[role] || []).push(row);
      });
      Object.keys(roles).sort().forEach(function (role) {
        result.by_role[role] = self.ruleScore(questions, byQuestion.map(function (column) {
          return questionMean(roles[role].map(function (row) { return column[row]; }));
        }));
      });
      result.role_gap = this.roleGap(result.by_role);
    }
    return result;
  };

  /* The highest-scoring named function and the lowest-scoring other one (the first in role
   * order on a tie), as scoring.Scorer.role_gap finds them. */
  Scorer.prototype.roleGap = function (byRole) {
    var named = Object.keys(byRole).sort().filter(function (role) {
      return byRole[role] !== null && role !== "unspecified";
    });
    if (named.length < 2) return null;
    var high = named[0];
    named.slice(1).forEach(function (role) { if (byRole[role] > byRole[high]) high = role; });
    var others = named.filter(function (role) { return role !== high; }), low = others[0];
    others.slice(1).forEach(function (role) { if (byRole[role] < byRole[low]) low = role; });
    var difference = this.round(byRole[high] - byRole[low]);
    return { high: { role: high, score: byRole[high] }, low: { role: low, score: byRole[low] },
             difference: difference, flagged: difference >= this.params.misaligned_gap };
  };

  /* A rule's claims that name no evidence: how many, and the first `limit` of them in question
   * then respondent order, with the level as given (scoring.Scorer.unevidenced). */
  Scorer.prototype.unevidenced = function (rule, respondents, limit) {
    var self = this, count = 0, claims = [];
    limit = limit === undefined ? 10 : limit;
    rule.questions.forEach(function (q) {
      var hints = q.evidence || {};
      respondents.forEach(function (r, row) {
        var value = answerOf(r, q.id);
        if (!self.isClaim(value) || evidenced(r, q.id)) return;
        count += 1;
        if (claims.length < limit) {
          var claim = { question_id: q.id, question: q.text, respondent: r.name || "respondent " + (row + 1),
                        level: value };
          if (has(hints, String(value)) && hints[String(value)]) claim.hint = hints[String(value)];
          claims.push(claim);
        }
      });
    });
    return { count: count, claims: claims };
  };

  /* A rule's answers at inconsistent_from_level or above from a person who answers one of its
   * foundational questions at foundation_at_most or below: how many, and the first `limit` in
   * question then respondent order, each with the first such foundation in bank order
   * (advice.consistency.inconsistent). */
  Scorer.prototype.inconsistent = function (rule, respondents, limit) {
    var high = has(this.params, "inconsistent_from_level") ? this.params.inconsistent_from_level : 4;
    var low = has(this.params, "foundation_at_most") ? this.params.foundation_at_most : 2;
    var weak = respondents.map(function (r) {
      var found = null;
      rule.questions.forEach(function (q) {
        var value = answerOf(r, q.id);
        if (!found && q.foundational && isLevel(value) && value <= low) {
          found = { question_id: q.id, question: q.text, level: value };
        }
      });
      return found;
    });
    var count = 0, claims = [];
    limit = limit === undefined ? 10 : limit;
    rule.questions.forEach(function (q) {
      respondents.forEach(function (r, row) {
        var value = answerOf(r, q.id);
        if (!weak[row] || !isLevel(value) || value < high) return;
        count += 1;
        if (claims.length < limit) {
          claims.push({ question_id: q.id, question: q.text, respondent: r.name || "respondent " + (row + 1),
                       level: value, because: weak[row] });
        }
      });
    });
    return { count: count, claims: claims };
  };

  /* What the guidance for the company's stage, then its motion, puts first and postpones
   * (advice.Advice.focus): rule id -> {entry, guide} for each. */
  Scorer.prototype.focus = function (profile) {
    var first = {}, later = {}, guides = this.bank.profiles || {};
    [["stages", "stage"], ["motions", "motion"]].forEach(function (pair) {
      var chosen = (profile || {})[pair[1]];
      (guides[pair[0]] || []).forEach(function (guide) {
        if (guide.id !== chosen) return;
        Object.keys(guide.foundations).forEach(function (rule) {
          if (!has(first, rule)) first[rule] = { entry: guide.foundations[rule], guide: guide };
        });
        Object.keys(guide.later).forEach(function (rule) {
          if (!has(later, rule)) later[rule] = { entry: guide.later[rule], guide: guide };
        });
      });
    });
    return { first: first, later: later };
  };

  /* The rules below the top level: the company's foundations first (while their advice aims
   * no higher than until_level), then the lowest scores, and advice its guidance postpones
   * last (advice.Advice.recommend). */
  /* The stage and motion ids with their guidance's names, as advice.assessment.named_profile. */
  Scorer.prototype.namedProfile = function (profile) {
    var named = {}, guides = this.bank.profiles || {};
    [["stage", "stages"], ["motion", "motions"]].forEach(function (pair) {
      var chosen = profile[pair[0]] || null;
      var guide = (guides[pair[1]] || []).filter(function (g) { return g.id === chosen; })[0];
      named[pair[0]] = chosen;
      named[pair[0] + "_name"] = guide ? guide.name : null;
    });
    return named;
  };

  Scorer.prototype.recommend = function (rules, top, siteRoot, respondents, profile) {
    var self = this, focus = this.focus(profile);
    function leads(r) {
      if (!has(focus.first, r.id)) return false;
      var until = focus.first[r.id].entry.until_level;
      return until === null || until === undefined || r.level + 1 <= until;
    }
    function waits(r) {
      return has(focus.later, r.id) && !has(focus.first, r.id) &&
             r.level + 1 >= focus.later[r.id].entry.from_level;
    }
    function rank(r) { return [waits(r) ? 1 : 0, leads(r) ? 0 : 1, r.score]; }
    var candidates = rules.filter(function (r) { return r.score !== null && r.level < self.top; });
    candidates.sort(function (a, b) {  // stable: ties keep the playbook's order
      var x = rank(a), y = rank(b);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
    return candidates.slice(0, top).map(function (result) {
      var rule = self.bank.rules.filter(function (r) { return r.id === result.id; })[0];
      var next = result.level + 1;
      var weakest = rule.questions.map(function (q, i) {
        return { mean: result.question_means[q.id], index: i, question: q };
      }).filter(function (w) { return w.mean !== null && w.mean < self.top; });
      weakest.sort(function (a, b) { return a.mean - b.mean || a.index - b.index; });
      var recommendation = {
        rule: rule.id, title: rule.title, score: result.score, level: result.level,
        next_level: next, next_level_name: self.levelName(next),
        next_level_description: rule.maturity[String(next)], misaligned: result.misaligned,
        url: siteRoot + rule.path,
        actions: weakest.slice(0, 2).map(function (w) {
          return { question_id: w.question.id, question: w.question.text, current: w.mean,
                   next_option: w.question.options[String(Math.min(Math.floor(w.mean) + 1, self.top))] };
        }),
        practices: rule.practices.map(function (p) { return { name: p.name, url: siteRoot + p.path }; }),
        steps: rule.steps.map(function (s) { return { title: s.title, url: siteRoot + s.path }; }),
        unevidenced: self.unevidenced(rule, respondents || []),
        reason: "Among your lowest scores (" + result.score.toFixed(2) + ").", later: false,
        guidance: null
      };
      var placed = waits(result) ? focus.later[result.id] : leads(result) ? focus.first[result.id] : null;
      if (placed) {
        recommendation.later = waits(result);
        recommendation.reason = (recommendation.later ? "Later for " : "First for ") +
          placed.guide.name.toLowerCase() + " companies: " + placed.entry.reason;
        recommendation.guidance = siteRoot + placed.guide.path;
      }
      return recommendation;
    });
  };

  /* The level a reading suggests (readings.level_for): the highest whose threshold it
   * reaches, reaching it exactly included; 1 when it reaches none. */
  function levelFor(spec, reading) {
    var found = 1;
    Object.keys(spec.levels).forEach(function (level) {
      var bar = spec.levels[level];
      if ((spec.higher_is_better ? reading >= bar : reading <= bar) && Number(level) > found) {
        found = Number(level);
      }
    });
    return found;
  }

  /* The level a rule's metric readings suggest beside the level it was rated
   * (scoring.Scorer.calibrate). */
  Scorer.prototype.calibrate = function (result, readings) {
    var specs = this.bank.readings || {};
    result.readings = Object.keys(specs).filter(function (id) {
      return specs[id].rule === result.id && has(readings, id);
    }).map(function (id) {
      return { metric: id, name: specs[id].name || id, value: readings[id],
               suggests: levelFor(specs[id], readings[id]) };
    });
    result.readings_level = null;
    result.calibration_gap = null;
    result.miscalibrated = false;
    if (!result.readings.length) return;
    result.readings_level = Math.min.apply(null, result.readings.map(function (r) { return r.suggests; }));
    if (result.level !== null) {
      result.calibration_gap = result.level - result.readings_level;
      var gap = has(this.params, "miscalibrated_gap") ? this.params.miscalibrated_gap : 2;
      result.miscalibrated = result.calibration_gap >= gap;
    }
  };

  /* Earlier assessments oldest first (previous.in_order): several need dates; none may share
   * a date or fall on or after the current one. Throws an Error listing every problem, each
   * starting with the earlier file's `source`. */
  function inOrder(earlier, currentDate) {
    var problems = [], seen = {};
    if (earlier.length > 1) {
      earlier.forEach(function (e) {
        if (!e.date) problems.push(e.source + ": has no date, so it cannot be placed among the other earlier assessments; add one");
      });
    }
    earlier.forEach(function (e) {
      if (e.date && currentDate && e.date >= currentDate) {
        problems.push(e.source + ": is dated " + e.date + ", " +
                      (e.date === currentDate ? "the same day as" : "after") +
                      " this assessment (" + currentDate + "); compare only with assessments dated before it, or change this assessment's date");
      }
      if (e.date && has(seen, e.date)) {
        problems.push(e.source + ": is dated " + e.date + ", like " + seen[e.date] + "; give one assessment per date");
      }
      if (e.date && !has(seen, e.date)) seen[e.date] = e.source;
    });
    if (problems.length) throw new Error(problems.join("\n"));
    return byDate(earlier);
  }

  function byDate(earlier) {
    return earlier.slice().sort(function (a, b) {  // stable; undated first, as Python's ""
      var x = a.date || "", y = b.date || "";
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  /* The change per rule and overall since an earlier assessment (scoring.Scorer.compare). */
  Scorer.prototype.compare = function (rules, overall, previous) {
    var self = this;
    return {
      overall: { previous: previous.overall, current: overall,
                 delta: overall !== null && previous.overall !== null && previous.overall !== undefined
                   ? this.round(overall - previous.overall) : null },
      rules: rules.map(function (r) {
        var before = previous.rules[r.id];
        before = before === undefined ? null : before;
        return { id: r.id, previous: before, current: r.score,
                 delta: r.score !== null && before !== null ? self.round(r.score - before) : null };
      })
    };
  };

  /* The questions whose means changed most since the last earlier assessment, largest change
   * first, ties in bank order (scoring.Scorer.add_history). */
  Scorer.prototype.moved = function (rules, last, limit) {
    var self = this, texts = {}, changes = [];
    this.bank.rules.forEach(function (rule) {
      rule.questions.forEach(function (q) { texts[q.id] = q.text; });
    });
    rules.forEach(function (rule) {
      Object.keys(rule.question_means).forEach(function (id) {
        var now = rule.question_means[id], before = (last.question_means || {})[id];
        if (now === null || before === null || before === undefined) return;
        var delta = self.round(now - before);
        if (!delta) return;
        changes.push({ question_id: id, question: texts[id], previous: self.round(before),
                       current: self.round(now), delta: delta });
      });
    });
    changes.sort(function (a, b) { return Math.abs(b.delta) - Math.abs(a.delta); });
    return changes.slice(0, limit);
  };

  /* Each rule's default target from the stage's guidance (advice.targets.stage_targets). */
  Scorer.prototype.stageTargets = function (stage) {
    var guide = ((this.bank.profiles || {}).stages || []).filter(function (g) { return g.id === stage; })[0];
    var targets = {};
    if (!guide || guide.target_level === undefined || guide.target_level === null) return targets;
    this.bank.rules.forEach(function (rule) {
      var level = guide.target_level, reason = guide.target_reason || null;
      var first = guide.foundations[rule.id], later = guide.later[rule.id];
      if (first && first.until_level && first.until_level > level) { level = first.until_level; reason = first.reason; }
      if (later && later.from_level - 1 < level) { level = later.from_level - 1; reason = later.reason; }
      targets[rule.id] = { level: level, source: "stage", reason: reason };
    });
    return targets;
  };

  /* A rule's target, gap and progress since each earlier assessment (advice.targets). */
  Scorer.prototype.ruleTarget = function (rule, target, earlier) {
    var self = this, score = rule.score;
    var progress = earlier.map(function (e) {
      var then = e.rules[rule.id];
      if (then === null || then === undefined) return { date: e.date, gap: null, closed: null };
      var gap = self.round(Math.max(0, target.level - then));
      return { date: e.date, gap: gap, closed: score === null ? null : self.round(Math.min(score - then, gap)) };
    });
    return { level: target.level, source: target.source, reason: target.reason || null,
             gap: score === null ? null : this.round(Math.max(0, target.level - score)),
             met: score !== null && score >= target.level, progress: progress };
  };

  /* The same fields as the JSON report of `revops score`, for one or more respondents. */
  Scorer.prototype.score = function (respondents, options) {
    var self = this;
    options = options || {};
    var rules = this.bank.rules.map(function (rule) { return self.scoreRule(rule, respondents); });
    rules.forEach(function (rule) { self.calibrate(rule, options.readings || {}); });
    var history = byDate(options.history || []);
    var targets = Object.assign(this.stageTargets((options.profile || {}).stage), options.targets || {});
    this.bank.rules.forEach(function (rule, i) {
      var target = targets[rule.id];
      rules[i].target = target ? self.ruleTarget(rules[i], target, history) : null;
      rules[i].inconsistent = self.inconsistent(rule, respondents);
    });
    var scored = rules.filter(function (r) { return r.score !== null; }).map(function (r) { return r.score; });
    var sum = 0;
    scored.forEach(function (s) { sum += s; });
    var overall = scored.length ? this.round(sum / scored.length) : null;
    var total = 0, answered = 0;
    rules.forEach(function (r) { total += r.questions; answered += r.answered; });
    var level = this.levelOf(overall);
    var report = {
      overall: { score: overall, level: level, level_name: this.levelName(level),
                 coverage: total ? roundHalfUp(answered / total, 2) : 0 },
      rules: rules,
      recommendations: this.recommend(rules, options.top === undefined ? 3 : options.top,
                                      options.siteRoot || "", respondents, options.profile),
      profile: this.namedProfile(options.profile || {}),
      metrics: Object.assign({}, options.readings || {})
    };
    if (history.length) {
      var last = history[history.length - 1];
      report.comparison = this.compare(rules, overall, last);
      report.history = history.map(function (e) {
        return { date: e.date, overall: e.overall, rules: Object.assign({}, e.rules) };
      });
      report.moved = this.moved(rules, last, 5);
    } else if (options.previous) {
      report.comparison = this.compare(rules, overall, options.previous);
    }
    return report;
  };

  var api = { Scorer: Scorer, roundHalfUp: roundHalfUp, questionMean: questionMean,
              inOrder: inOrder, levelFor: levelFor };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsScore = api;
})(this);
