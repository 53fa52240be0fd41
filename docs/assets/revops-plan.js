/* The improvement plan on the assessment page, made from the page scorer's report: make() is
 * the twin of src/revops/advice/plan.py, markdown() and csv() of reports/plan_formats.py, with
 * the sentences of texts.json (its plan_ texts). Kept line for line with the Python, so the
 * page's plan and its downloads equal `revops plan`'s for the same answers, targets, start,
 * quarters and load (tests/cases/plan.json; the random teams of tests/test_shared_cases.py).
 * No DOM here, so node tests it. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Company = node ? require("./assessment-company.js") : root.RevOpsCompany;
  var Types = node ? require("./answer-yaml-types.js") : root.RevOpsYamlTypes;
  var TEXTS = node ? require("../../src/revops/reports/texts.json") : root.RevOpsTexts;
  // As advice/plan_limits.py and plan_model.py (UNOWNED); tests/cases/plan.json holds them in step.
  var DEFAULTS = { quarters: 2, maxQuarters: 8, load: 3, unowned: "unassigned" };

  /* -- the planner (advice/plan.py) -- */

  /* The plan for the report's rules below target, from `start` (YYYY-MM-DD), over `quarters`
   * three-month periods, at most `load` items per function per quarter; the report's plan as
   * `revops score --format json` writes it. `scorer` is the page's Scorer (its bank, its focus). */
  function make(scorer, report, start, quarters, load) {
    var steps = [];
    rulesInOrder(scorer, report).forEach(function (rule) { steps = steps.concat(stepsOf(scorer.bank, rule)); });
    var items = placed(steps, start, quarters, load);
    return { start: start, quarters: quarters, load: load, items: items, overloads: overloads(items, load) };
  }

  /* The scored rules below their target: foundations first, the largest gap next, postponed
   * advice last; ties keep the playbook's order (a stable sort). */
  function rulesInOrder(scorer, report) {
    var focus = scorer.focus(report.profile);
    var below = report.rules.filter(function (r) { return r.target && !r.target.met && r.level; });
    var key = function (r) { return placing(r, focus).concat([-(r.target.gap || 0)]); };
    return below.sort(function (a, b) {
      var x = key(a), y = key(b);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }

  /* (postponed, not put first) as numbers, 0 first: recommendations.placing. */
  function placing(rule, focus) {
    var first = Object.prototype.hasOwnProperty.call(focus.first, rule.id) ? focus.first[rule.id] : null;
    var later = Object.prototype.hasOwnProperty.call(focus.later, rule.id) ? focus.later[rule.id] : null;
    var until = first ? first.entry.until_level : null;
    var leads = !!first && (until === null || until === undefined || rule.level + 1 <= until);
    var waits = !!later && !first && rule.level + 1 >= later.entry.from_level;
    return [waits ? 1 : 0, leads ? 0 : 1];
  }

  /* Level by level up to the target, each question whose mean is below that level, the
   * weakest first (ties in bank order). */
  function stepsOf(bank, rule) {
    var questions = bank.rules.filter(function (r) { return r.id === rule.id; })[0].questions;
    var means = rule.question_means, steps = [];
    for (var level = (rule.level || 1) + 1; level <= rule.target.level; level++) {
      var below = questions.filter(function (q) {
        var mean = means[q.id];
        return mean !== null && mean !== undefined && mean < level;
      });
      below.sort(function (a, b) { return means[a.id] - means[b.id]; });  // stable
      below.forEach(function (q) { steps.push({ rule: rule, level: level, question: q }); });
    }
    return steps;
  }

  /* Each step in the earliest quarter its owner has room in, not before the quarter of its
   * rule's level below; the last quarter, overloaded, when none has room. */
  function placed(steps, start, quarters, load) {
    var carried = new Map(), floor = new Map(), items = [];  // floor: rule -> level -> latest quarter
    steps.forEach(function (step) {
      var owner = ownerOf(step.question), earliest = 1, quarter = null;
      (floor.get(step.rule.id) || new Map()).forEach(function (q, level) {
        if (level < step.level) earliest = Math.max(earliest, q);
      });
      for (var q = earliest; q <= quarters && quarter === null; q++) {
        if ((carried.get(owner + "\n" + q) || 0) < load) quarter = q;
      }
      var overloaded = quarter === null;
      if (overloaded) quarter = quarters;
      carried.set(owner + "\n" + quarter, (carried.get(owner + "\n" + quarter) || 0) + 1);
      if (!floor.has(step.rule.id)) floor.set(step.rule.id, new Map());
      var levels = floor.get(step.rule.id);
      levels.set(step.level, Math.max(levels.has(step.level) ? levels.get(step.level) : 1, quarter));
      items.push(itemOf(step, owner, quarter, quarterEnd(start, quarter), overloaded));
    });
    return items;
  }

  function orNull(value) { return value === undefined ? null : value; }

  function itemOf(step, owner, quarter, due, overloaded) {
    var question = step.question, links = question.plan || {}, evidence = question.evidence;
    if (evidence && typeof evidence === "object") evidence = evidence[String(step.level)];
    return { rule_id: step.rule.id, rule: step.rule.title, level: step.level, question_id: question.id,
             question: question.text, action: question.options[String(step.level)], owner: owner,
             forum: orNull(links.forum_name), metric: orNull(links.metric_name), evidence: orNull(evidence),
             quarter: quarter, due: due, overloaded: overloaded };
  }

  function ownerOf(question) { return (question.plan || {}).owner_name || DEFAULTS.unowned; }

  /* Two texts in the order Python sorts them: by code point (a UTF-16 comparison is not). */
  function byCodePoint(a, b) {
    var x = Array.from(a, function (c) { return c.codePointAt(0); });
    var y = Array.from(b, function (c) { return c.codePointAt(0); });
    for (var i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  /* Each function and quarter that carries more than the load, by quarter, then function. */
  function overloads(items, load) {
    var carried = new Map();
    items.forEach(function (item) {
      var key = JSON.stringify([item.owner, item.quarter]);
      carried.set(key, (carried.get(key) || 0) + 1);
    });
    var found = Array.from(carried, function (pair) {
      var key = JSON.parse(pair[0]);
      return { owner: key[0], quarter: key[1], items: pair[1], load: load };
    });
    found.sort(function (a, b) { return a.quarter - b.quarter || byCodePoint(a.owner, b.owner); });
    return found.filter(function (o) { return o.items > load; });
  }

  /* The last day of the `quarter`-th three-month period from `start` (1-based), YYYY-MM-DD. */
  function quarterEnd(start, quarter) {
    var parts = start.split("-").map(Number);
    var months = parts[1] - 1 + 3 * quarter;
    var year = parts[0] + Math.floor(months / 12), month = months % 12 + 1;
    var day = Math.min(parts[2], daysIn(year, month));
    var date = new Date(0);
    date.setUTCFullYear(year, month - 1, day - 1);  // day 0 is the month before's last: as Python's - 1 day
    return String(date.getUTCFullYear()).padStart(4, "0") + "-" + String(date.getUTCMonth() + 1).padStart(2, "0") +
      "-" + String(date.getUTCDate()).padStart(2, "0");
  }

  /* Whether the plan's last quarter ends in a year a date holds (api._check_plan_end). */
  function endsInTime(start, quarters) {
    var parts = start.split("-").map(Number);
    return parts[0] + Math.floor((parts[1] - 1 + 3 * quarters) / 12) <= 9999;
  }

  function daysIn(year, month) {
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }

  /* The plan's first day: the one given, else the assessment's date (the latest respondent's,
   * as `revops plan` takes it), else today. */
  function startOf(given, assessed, today) {
    var iso = /^\d{4}-\d{2}-\d{2}$/;
    return iso.test(given || "") ? given : iso.test(assessed || "") ? assessed : today;
  }

  /* -- text as the reports show values (foundation/characters.py, reports/documents.py) -- */

  // Python's str.split() and \s: the characters str.isspace() takes (JavaScript's \s differs).
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var REFUSED = new RegExp("[" + Types.REFUSED_CLASS + "]", "g");
  var SPACES = new RegExp("[" + SPACE + "]+");
  var SPECIAL = SPACE + Types.REFUSED_CLASS + "\\\\`*_{}\\[\\]#&<>";
  var PLAIN = new RegExp("^[^" + SPECIAL + "]+(?: [^" + SPECIAL + "]+)*$");
  var PUNCTUATION = /[\\`*_{}[\]#]/g;

  /* Text with every refused character written as a visible escape such as \u009b. */
  function shown(text) {
    return text.replace(REFUSED, function (c) { return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"); });
  }

  /* characters.one_line: refused characters escaped, runs of space and line breaks one space. */
  function oneLine(text) { return shown(text).split(SPACES).filter(Boolean).join(" "); }

  /* documents.markdown_text: a value as Markdown that reads as the same text and is nothing else. */
  function markdownText(text) {
    if (PLAIN.test(text)) return text;
    text = oneLine(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return text.replace(PUNCTUATION, function (c) { return "\\" + c; });
  }

  /* characters.map_strings: a copy with every string value changed. */
  function mapStrings(data, change) {
    if (typeof data === "string") return change(data);
    if (Array.isArray(data)) return data.map(function (value) { return mapStrings(value, change); });
    if (data && typeof data === "object") {
      var copy = {};
      Object.keys(data).forEach(function (key) { copy[key] = mapStrings(data[key], change); });
      return copy;
    }
    return data;
  }

  /* -- CSV as foundation/csvout.py writes it: safe to open in a spreadsheet -- */

  var FORMULA_START = /^[=+\-@\t\r]/;

  function neutralised(cell) { return FORMULA_START.test(cell) ? "'" + cell : cell; }

  /* One cell as Python's csv module writes it: quoted when asked (QUOTE_ALL), else only
   * when it must be (a comma, a quote, a line break, or the only cell of a row, empty). */
  function csvCell(cell, all, alone) {
    if (all || /[",\r\n]/.test(cell) || (alone && cell === "")) return "\"" + cell.replace(/"/g, "\"\"") + "\"";
    return cell;
  }

  /* csvout.csv_text: CRLF line ends; every cell neutralised; a row that holds a neutralised
   * cell or another locale's delimiter (; or tab) quoted whole. */
  function csvText(rows) {
    return rows.map(function (row) {
      var cells = row.map(function (cell) { return cell === null || cell === undefined ? "" : String(cell); });
      var written = cells.map(neutralised);
      var all = cells.some(function (cell, i) { return written[i] !== cell || /[;\t]/.test(cell); });
      return written.map(function (cell) { return csvCell(cell, all, written.length === 1); }).join(",") + "\r\n";
    }).join("");
  }

  /* -- the plan's sentences (reports/plan_texts.py) and formats (reports/plan_formats.py) -- */

  var say = Company.say;
  var DETAILS = ["action", "owner", "forum", "metric", "evidence"];
  var CSV_HEADER = ["Summary", "Description", "Due Date", "Labels", "Labels", "Labels", "Owner", "Quarter", "Question"];

  function planTitle(dump) { return say("plan_title", { team: dump.team || TEXTS.plan_unnamed_team }); }

  function planHead(plan) {
    var count = plan.items.length, quarters = plan.quarters;
    var items = say("plan_items", { count: count }, count), span = say("plan_quarters", { quarters: quarters }, quarters);
    return say("plan_head", Object.assign({}, plan, { items: items, span: span }));
  }

  function overloadText(o) { return say("plan_overload", Object.assign({}, o, { excess: o.items - o.load })); }

  function overloadLines(plan) {
    return plan.overloads.map(function (o) { return say("plan_overloaded_line", { overload: overloadText(o) }); });
  }

  function summaryOf(item) { return say("plan_summary", item); }

  function detailsOf(item) {
    return DETAILS.filter(function (field) { return item[field]; }).map(function (field) {
      return [TEXTS["plan_" + field], item[field]];
    });
  }

  /* The items quarter by quarter, each quarter in plan order: [[quarter, items], ...]. */
  function byQuarter(plan) {
    var ordered = plan.items.slice().sort(function (a, b) { return a.quarter - b.quarter; });  // stable
    var groups = [];
    ordered.forEach(function (item) {
      var last = groups[groups.length - 1];
      if (last && last[0] === item.quarter) last[1].push(item);
      else groups.push([item.quarter, [item]]);
    });
    return groups;
  }

  function quarterTitle(group) { return say("plan_quarter", { quarter: group[0], due: group[1][0].due }); }

  /* What render_plan formats: the plan with the team and date it was made for, each value
   * on one line. */
  function dumpOf(plan, team, assessed) {
    var dump = Object.assign({ team: team || null, assessed: assessed || null }, plan);
    if (!dump.overloads) dump.overloads = [];
    return mapStrings(dump, oneLine);
  }

  /* The Markdown checklist of `revops plan --format markdown`. */
  function markdown(plan, team, assessed) {
    var dump = mapStrings(dumpOf(plan, team, assessed), markdownText);
    var lines = ["# " + planTitle(dump), "", planHead(dump) + "."];
    var overloaded = overloadLines(dump);
    if (overloaded.length) lines.push("", ...overloaded.map(function (line) { return "> - **" + line + "**"; }));
    byQuarter(dump).forEach(function (group) {
      lines.push("", "## " + quarterTitle(group), "");
      group[1].forEach(function (item) {
        lines.push("- [ ] **" + summaryOf(item) + "**" + (item.overloaded ? " *(" + TEXTS.plan_overloaded + ")*" : ""));
        detailsOf(item).forEach(function (d) { lines.push("    - " + d[0] + ": " + d[1]); });
      });
    });
    if (!dump.items.length) lines.push("", TEXTS.plan_nothing);
    return lines.join("\n") + "\n";
  }

  /* The tracker import of `revops plan --format csv`: dates MM/DD/YYYY, labels without spaces. */
  function csv(plan, team, assessed) {
    var dump = dumpOf(plan, team, assessed);
    var rows = [CSV_HEADER];
    dump.items.forEach(function (item) {
      var due = item.due.split("-");
      rows.push([summaryOf(item), detailsOf(item).map(function (d) { return d[0] + ": " + d[1]; }).join("\n"),
                 due[1] + "/" + due[2] + "/" + Number(due[0]), item.overloaded ? "revops-overloaded" : "revops-plan",
                 item.rule_id, "level-" + item.level, item.owner, "Q" + item.quarter, item.question_id]);
    });
    return csvText(rows);
  }

  var api = { make: make, quarterEnd: quarterEnd, startOf: startOf, endsInTime: endsInTime, markdown: markdown, csv: csv, csvText: csvText,
              oneLine: oneLine, markdownText: markdownText, byQuarter: byQuarter, summaryOf: summaryOf,
              detailsOf: detailsOf, planHead: planHead, overloadLines: overloadLines,
              quarterTitle: quarterTitle, nothingText: TEXTS.plan_nothing, overloadedText: TEXTS.plan_overloaded,
              DEFAULTS: DEFAULTS };
  if (node) module.exports = api;
  else root.RevOpsPlan = api;
})(this);
