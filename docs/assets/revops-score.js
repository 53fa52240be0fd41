/* RevOps Playbook scorer: the browser twin of src/revops/scoring.py.
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

  Scorer.prototype.ruleScore = function (questions, means) {
    var total = 0, weights = 0, answered = 0;
    for (var i = 0; i < questions.length; i++) {
      if (means[i] !== null) {
        total += questions[i].weight * means[i];
        weights += questions[i].weight;
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
      id: rule.id, title: rule.title, score: score, level: level,
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
      respondents.forEach(function (r, row) {
        var value = answerOf(r, q.id);
        if (!self.isClaim(value) || evidenced(r, q.id)) return;
        count += 1;
        if (claims.length < limit) {
          claims.push({ question_id: q.id, respondent: r.name || "respondent " + (row + 1), level: value });
        }
      });
    });
    return { count: count, claims: claims };
  };

  Scorer.prototype.recommend = function (rules, top, siteRoot, respondents) {
    var self = this;
    var candidates = rules.filter(function (r) { return r.score !== null && r.level < self.top; });
    candidates.sort(function (a, b) { return a.score - b.score; });  // stable: keeps rule order
    return candidates.slice(0, top).map(function (result) {
      var rule = self.bank.rules.filter(function (r) { return r.id === result.id; })[0];
      var next = result.level + 1;
      var weakest = rule.questions.map(function (q, i) {
        return { mean: result.question_means[q.id], index: i, question: q };
      }).filter(function (w) { return w.mean !== null && w.mean < self.top; });
      weakest.sort(function (a, b) { return a.mean - b.mean || a.index - b.index; });
      return {
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
        unevidenced: self.unevidenced(rule, respondents || [])
      };
    });
  };

  /* The same fields as the JSON report of `revops score`, for one or more respondents. */
  Scorer.prototype.score = function (respondents, options) {
    var self = this;
    options = options || {};
    var rules = this.bank.rules.map(function (rule) { return self.scoreRule(rule, respondents); });
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
                                      options.siteRoot || "", respondents)
    };
    if (options.previous) {
      report.comparison = {
        overall: { previous: options.previous.overall, current: overall,
                   delta: overall !== null && options.previous.overall !== null &&
                          options.previous.overall !== undefined
                     ? this.round(overall - options.previous.overall) : null },
        rules: rules.map(function (r) {
          var before = options.previous.rules[r.id];
          before = before === undefined ? null : before;
          return { id: r.id, previous: before, current: r.score,
                   delta: r.score !== null && before !== null ? self.round(r.score - before) : null };
        })
      };
    }
    return report;
  };

  var api = { Scorer: Scorer, roundHalfUp: roundHalfUp, questionMean: questionMean };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsScore = api;
})(this);
