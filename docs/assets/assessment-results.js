/* The results panel of the assessment page, built from a report (see revops-score.js).
 * Every piece of text goes in with textContent, never as markup. */
(function (root) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var Company = root.RevOpsCompany, History = root.RevOpsHistory;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function fmt(value) { return value === null || value === undefined ? "–" : value.toFixed(2); }
  function fmtDelta(value) { return value === null || value === undefined ? "–" : (value >= 0 ? "+" : "") + value.toFixed(2); }

  /* A renderer for one page: the bank and scorer it was built with, and the site's root URL. */
  function create(bank, scorer, siteRoot) {
    var state;  // the page's state during one call of render()

    function latest() { return state.history[state.history.length - 1].label; }

    /* Rules without a score are not drawn at the centre, which would read as worse than
     * level 1: their spokes are dashed, their numbers bracketed, and the shape joins the rest. */
    function radar(report) {
      var size = 400, radius = 160, top = scorer.top, count = report.rules.length;
      var point = function (i, score) {
        var angle = -Math.PI / 2 + 2 * Math.PI * i / count, d = radius * (score || 0) / top;
        return [size / 2 + d * Math.cos(angle), size / 2 + d * Math.sin(angle)];
      };
      var svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("viewBox", "0 0 " + size + " " + size);
      svg.setAttribute("class", "revops-radar");
      svg.setAttribute("role", "img");
      var missing = report.rules.filter(function (r) { return r.score === null; }).length;
      svg.setAttribute("aria-label", "Radar chart of the score for each rule from 1 at the centre ring to " + top +
                       " at the edge, numbered as in the table" + (missing ? "; " + missing + " rule" +
                       (missing > 1 ? "s have" : " has") + " no score yet and " + (missing > 1 ? "are" : "is") + " shown with a dashed spoke" : ""));
      var add = function (tag, attributes, text) {
        var node = document.createElementNS(SVG, tag);
        Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
        if (text !== undefined) node.textContent = text;
        svg.appendChild(node);
        return node;
      };
      var poly = function (points, cls) {
        add("polygon", { points: points.map(function (xy) { return xy[0].toFixed(1) + "," + xy[1].toFixed(1); }).join(" "), "class": cls });
      };
      for (var level = 1; level <= top; level++) {
        poly(report.rules.map(function (r, i) { return point(i, level); }), "revops-ring");
      }
      report.rules.forEach(function (r, i) {
        var rim = point(i, top), xy = point(i, top * 1.13), scored = r.score !== null;
        add("line", { x1: size / 2, y1: size / 2, x2: rim[0].toFixed(1), y2: rim[1].toFixed(1),
                      "class": scored ? "revops-spoke" : "revops-spoke revops-unscored" });
        add("text", { x: xy[0].toFixed(1), y: xy[1].toFixed(1), "text-anchor": "middle", "dominant-baseline": "middle",
                      "class": scored ? "" : "revops-unscored-label" }, scored ? String(i + 1) : "(" + (i + 1) + ")");
      });
      for (var ring = 1; ring <= top; ring++) {  // the level of each ring, along the first spoke
        var at = point(0, ring);
        add("text", { x: (at[0] + 5).toFixed(1), y: (at[1] + 3).toFixed(1), "class": "revops-ring-label" }, String(ring));
      }
      var scored = function (rules, scoreOf) {
        return rules.map(function (r, i) { return [i, scoreOf(r, i)]; }).filter(function (p) { return p[1] !== null; });
      };
      if (report.comparison) {
        var before = scored(report.comparison.rules, function (c) { return c.previous; });
        if (before.length > 2) poly(before.map(function (p) { return point(p[0], p[1]); }), "revops-previous");
      }
      var now = scored(report.rules, function (r) { return r.score; });
      if (now.length > 2) poly(now.map(function (p) { return point(p[0], p[1]); }), "revops-current");
      now.forEach(function (p) {
        var xy = point(p[0], p[1]);
        add("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: 4, "class": "revops-dot" });
      });
      return svg;
    }

    /* With colleagues whose functions differ: each rule's score by function, as the HTML
     * report of `revops score` shows it. */
    function byFunction(report) {
      var roles = [];
      report.rules.forEach(function (rule) {
        Object.keys(rule.by_role || {}).forEach(function (role) { if (roles.indexOf(role) < 0) roles.push(role); });
      });
      if (roles.length < 2) return null;
      roles.sort();
      var box = el("div", null, "revops-table-box");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Scores by function");
      var t = el("table"), head = t.createTHead().insertRow();
      ["Rule"].concat(roles).forEach(function (h) {
        var th = el("th", h);
        th.scope = "col";
        head.appendChild(th);
      });
      var body = t.createTBody();
      report.rules.forEach(function (rule, i) {
        var row = body.insertRow(), name = el("th", (i + 1) + ". " + rule.title);
        name.scope = "row";
        row.appendChild(name);
        roles.forEach(function (role) {
          var cell = row.insertCell();
          cell.textContent = fmt((rule.by_role || {})[role]);
          cell.className = "revops-num";
        });
      });
      box.appendChild(t);
      var section = el("div", null, "revops-by-function");
      section.appendChild(el("h3", "Scores by function"));
      section.appendChild(box);
      return section;
    }

    /* The headline: the overall score says what it averages. Its level is stated once as large
     * a share of the rules has a score as a rule needs of its questions (min_answered_fraction),
     * so a mean of two rules is never read as the team's level. */
    function headline(report) {
      var overall = report.overall, line = el("p", null, "revops-overall"), total = report.rules.length;
      var scored = report.rules.filter(function (r) { return r.score !== null; }).length;
      var needed = Math.ceil(bank.parameters.min_answered_fraction * total);
      if (overall.score === null) {
        line.textContent = "No overall score yet: a rule is scored once at least half of its questions have a level.";
        return line;
      }
      var reach = { score: overall.score, scored: scored, total: total, needed: needed };
      var since = report.comparison ? ", " + fmtDelta(report.comparison.overall.delta) + " since " + latest() : "";
      if (scored < needed) {  // the sentences of texts.json, as the CLI's reports say them
        line.appendChild(el("strong", Company.say("overall_partial", reach)));
        line.appendChild(document.createTextNode(since + "; " + Company.say("overall_partial_why", reach)));
      } else {
        line.appendChild(el("strong", "Overall " + fmt(overall.score)));
        line.appendChild(document.createTextNode(", level " + overall.level + " (" + overall.level_name + ")" +
                                                 (scored < total ? ", " + Company.say("overall_across", reach) : "") + since));
      }
      return line;
    }

    /* The coverage first, then the headline that it qualifies. */
    function summary(report, people) {
      var box = el("div", null, "revops-summary"), overall = report.overall;
      var meta = [state.team, state.date].filter(Boolean).join(", ");
      meta += (meta ? " · " : "") + Math.round(overall.coverage * 100) + "% of questions have a level";
      if (state.colleagues.length) meta += " · team view: " + people + (people === 1 ? " respondent" : " respondents");
      var evidence = Company.evidenceText(report, bank.parameters);  // the CLI's sentence
      if (evidence) meta += " · " + evidence;
      box.appendChild(el("p", meta, "revops-meta"));
      box.appendChild(headline(report));
      return box;
    }

    function table(report) {
      var changes = {};
      if (report.comparison) report.comparison.rules.forEach(function (c) { changes[c.id] = c; });
      var t = el("table");  // no class: Material styles plain tables
      var head = t.createTHead().insertRow();
      ["#", "Rule", "Score", "Level"].concat(report.comparison ? ["Change"] : []).forEach(function (h) {
        var th = el("th", h);
        th.scope = "col";
        head.appendChild(th);
      });
      var body = t.createTBody();
      report.rules.forEach(function (rule, i) {
        var row = body.insertRow();
        row.setAttribute("data-rule", rule.id);
        row.insertCell().textContent = String(i + 1);
        row.insertCell().appendChild(link(siteRoot + bank.rules[i].path, rule.title));
        var score = row.insertCell();
        score.textContent = fmt(rule.score);
        score.className = "revops-num";
        var level = row.insertCell();
        level.textContent = rule.status === "insufficient"
          ? "insufficient: " + rule.answered + " of " + rule.questions + " with a level"
          : rule.level + " " + rule.level_name;
        if (rule.misaligned) {
          level.appendChild(document.createTextNode(" "));
          level.appendChild(el("strong", "misaligned (" + fmt(rule.spread.min) + "–" + fmt(rule.spread.max) + ")", "revops-flag"));
        }
        var gap = rule.role_gap;
        if (gap && gap.flagged) {  // as the reports of `revops score` say it
          level.appendChild(document.createTextNode(" "));
          level.appendChild(el("strong", "functions apart: " + gap.high.role + " " + fmt(gap.high.score) +
                               " vs " + gap.low.role + " " + fmt(gap.low.score), "revops-flag"));
        }
        if (rule.miscalibrated) {
          level.appendChild(document.createTextNode(" "));
          level.appendChild(el("strong", Company.calibrationText(rule), "revops-flag"));
        }
        if (rule.inconsistent && rule.inconsistent.count) {
          level.appendChild(document.createTextNode(" "));
          level.appendChild(el("strong", "inconsistent claims: " + rule.inconsistent.count, "revops-flag"));
        }
        var moved = Company.weightsMovedText(rule);
        if (moved) {  // the weights changed the rounded score: say from what
          level.appendChild(document.createTextNode(" "));
          level.appendChild(el("span", moved, "revops-weights"));
        }
        if (report.comparison) {
          var change = row.insertCell();
          change.textContent = fmtDelta(changes[rule.id].delta);
          change.className = "revops-num";
        }
      });
      return t;
    }

    /* Answers that claim a practice whose foundation the same person answered low, as the
     * reports of `revops score` list them. */
    function inconsistentClaims(report) {
      var rules = report.rules.filter(function (rule) { return Company.inconsistentText(rule, bank.parameters); });
      if (!rules.length) return null;
      var section = el("div", null, "revops-inconsistent");
      section.appendChild(el("h3", "Inconsistent claims"));
      section.appendChild(el("p", "Check these answers with the people who gave them: each claims a practice " +
                                  "that stands on a foundation the same person answered low."));
      var list = el("ul");
      rules.forEach(function (rule) {
        var item = el("li", rule.title + ": " + Company.inconsistentText(rule, bank.parameters) + ".");
        var claims = el("ul");
        rule.inconsistent.claims.forEach(function (claim) { claims.appendChild(el("li", Company.inconsistentClaimText(claim))); });
        item.appendChild(claims);
        list.appendChild(item);
      });
      section.appendChild(list);
      return section;
    }

    function recommendations(report) {
      var box = el("div", null, "revops-recommendations");
      var profile = Company.profileText(report);
      box.appendChild(el("h3", "What to do next" + (profile ? ", for " + profile : "")));
      if (!report.recommendations.length) {
        box.appendChild(el("p", "Recommendations appear once a rule below level " + scorer.top + " has a score."));
        return box;
      }
      var list = el("ol");
      report.recommendations.forEach(function (rec) {
        var item = el("li");
        var title = el("p", null, "revops-rec-title");
        title.appendChild(link(rec.url, rec.title));
        title.appendChild(document.createTextNode(": level " + rec.level + " → " + rec.next_level + " " + rec.next_level_name));
        if (rec.later) {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(el("span", "later", "revops-later"));
        }
        item.appendChild(title);
        if (rec.reason) {
          var why = el("p", null, "revops-reason");
          why.appendChild(el("em", rec.reason));
          if (rec.guidance) {
            why.appendChild(document.createTextNode(" ("));
            why.appendChild(link(rec.guidance, "guidance for your company"));
            why.appendChild(document.createTextNode(")"));
          }
          item.appendChild(why);
        }
        if (rec.misaligned) item.appendChild(el("p", "Your respondents disagree here: compare views before acting.", "revops-flag"));
        var aim = el("p");
        aim.appendChild(el("strong", "Aim for: "));
        aim.appendChild(document.createTextNode(rec.next_level_description));
        item.appendChild(aim);
        var actions = el("ul");
        rec.actions.forEach(function (a) {
          var li = el("li");
          li.appendChild(el("em", a.question));
          li.appendChild(document.createTextNode(" Next: " + a.next_option));
          actions.appendChild(li);
        });
        if (rec.actions.length) item.appendChild(actions);
        if (rec.unevidenced && rec.unevidenced.count) {
          var check = el("p", null, "revops-check-first");
          check.appendChild(el("strong", "Check first: "));
          check.appendChild(document.createTextNode(Company.unevidencedText(rec.unevidenced) + "."));
          item.appendChild(check);
          var hints = Company.claimHints(rec.unevidenced);
          if (hints.length) {
            var hintList = el("ul", null, "revops-claim-hints");
            hints.forEach(function (hint) { hintList.appendChild(el("li", hint)); });
            item.appendChild(hintList);
          }
        }
        var more = el("p", "Practices: ");
        rec.practices.forEach(function (p, i) {
          if (i) more.appendChild(document.createTextNode(", "));
          more.appendChild(link(p.url, p.name));
        });
        if (rec.steps.length) {
          more.appendChild(document.createTextNode(". Roadmap: "));
          rec.steps.forEach(function (s, i) {
            if (i) more.appendChild(document.createTextNode(", "));
            more.appendChild(link(s.url, s.title));
          });
        }
        more.appendChild(document.createTextNode("."));
        item.appendChild(more);
        list.appendChild(item);
      });
      box.appendChild(list);
      return box;
    }

    function answersForPrint() {
      var box = el("div", null, "revops-print-only");
      box.appendChild(el("h3", "Answers"));
      var names = { "n/a": "Not applicable", unknown: "Don't know" };
      bank.rules.forEach(function (rule) {
        box.appendChild(el("h4", rule.title));
        var list = el("ul");
        rule.questions.forEach(function (q) {
          var v = state.answers[q.id];
          var text = v === undefined || v === null ? "No answer" : names[v] || v + ": " + q.options[String(v)];
          var li = el("li"), evidence = state.evidence[q.id];
          li.appendChild(el("em", q.text));
          li.appendChild(document.createTextNode(" " + text + (evidence && evidence.text ? " Evidence: " + evidence.text : "")));
          list.appendChild(li);
        });
        box.appendChild(list);
      });
      return box;
    }

    /* Fill body with the results for report; people is how many respondents it covers,
     * answered whether this person has answered anything (their answers are printed). */
    return function render(body, report, pageState, people, answered) {
      state = pageState;
      body.textContent = "";
      body.appendChild(summary(report, people));
      var charts = el("div", null, "revops-charts");
      charts.appendChild(radar(report));
      var box = el("div", null, "revops-table-box");
      box.setAttribute("tabindex", "0");  // scrolls sideways on a phone: keyboard users too
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Scores by rule");
      box.appendChild(table(report));
      charts.appendChild(box);
      body.appendChild(charts);
      if (report.comparison) {
        body.appendChild(el("p", "On the chart, the dashed line is " + latest() +
                            " and the filled shape is now.", "revops-meta"));
      }
      if (report.rules.some(function (r) { return r.score === null; })) {
        body.appendChild(el("p", "Rules in brackets on the chart have no score yet: fewer than half of their questions have a level.", "revops-meta"));
      }
      // As the HTML report of `revops score`: the advice before the history of the scores.
      [Company.readingsList(report, el), inconsistentClaims(report), state.colleagues.length ? byFunction(report) : null,
       recommendations(report),
       History.section(report, state, scorer.top, el, Company), answered ? answersForPrint() : null]
        .forEach(function (part) { if (part) body.appendChild(part); });
    };
  }

  root.RevOpsResults = { create: create, el: el };
})(this);
