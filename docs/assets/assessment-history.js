/* Earlier assessments on the page: what is kept of each (cleanEarlier, for storage), and the
 * results' history: a small line per rule and overall beside its scores, and what moved most
 * since the latest (as the HTML report of `revops score` draws them). Text goes in with
 * textContent, never as markup; only the drawing functions touch the DOM. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Files = node ? require("./answer-files.js") : root.RevOpsFiles;
  var Score = node ? require("./revops-score.js") : root.RevOpsScore;
  var SVG = "http://www.w3.org/2000/svg";
  var MAX = 20;  // earlier assessments kept; `revops score --previous` takes any number
  var WIDTH = 80, HEIGHT = 26;

  function has(object, key) { return !!object && Object.prototype.hasOwnProperty.call(object, key); }
  function text(value, limit) { return typeof value === "string" ? value.slice(0, limit) : ""; }
  function score(value) { return typeof value === "number" && isFinite(value) ? value : null; }
  function fmt(value) { return value === null || value === undefined ? "–" : value.toFixed(2); }

  function create(bank) {
    var known = Files.knownIds(bank);

    /* One earlier assessment as the page keeps it: {label, source, date, overall, rules,
     * question_means}, or null. `label` names it in the results, `source` in messages. */
    function cleanEarlier(e) {
      if (!e || typeof e !== "object" || !e.rules || typeof e.rules !== "object") return null;
      var rules = {}, means = {}, given = e.question_means && typeof e.question_means === "object" ? e.question_means : {};
      bank.rules.forEach(function (r) { rules[r.id] = score(e.rules[r.id]); });
      Object.keys(given).forEach(function (id) { if (known[id] && has(given, id)) means[id] = score(given[id]); });
      var label = text(e.label, 120) || "previous assessment";
      var date = typeof e.date === "string" && Files.ISO_DATE.test(e.date) ? e.date : null;
      if (!date && !has(e, "date")) {  // saved before the page kept dates: the label starts with it
        var found = /^\d{4}-\d{2}-\d{2}\b/.exec(label);
        date = found ? found[0] : null;
      }
      return { label: label, source: text(e.source, 200) || label, date: date, overall: score(e.overall),
               rules: rules, question_means: means };
    }

    /* The saved list, oldest first; a state saved with one `previous` becomes a list of one. */
    function cleanHistory(history, previous) {
      var list = Array.isArray(history) ? history : previous ? [previous] : [];
      return list.slice(-MAX).map(cleanEarlier).filter(Boolean).sort(function (a, b) {
        var x = a.date || "", y = b.date || "";
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }

    /* An earlier assessment read from a file: Files.previousScores(...) and the file's name. */
    function fromFile(scores, name) {
      return cleanEarlier(Object.assign({}, scores, { label: scores.date ? scores.date + " (" + name + ")" : name,
                                                      source: name }));
    }

    /* The history with the files just read added, oldest first: `parsed` as Files.readFile
     * returns them, `names` their file names. Throws an Error with the CLI's words when they
     * cannot be ordered (Score.inOrder), or when there would be more than MAX. */
    function add(history, parsed, names, scorer, now) {
      var added = parsed.map(function (result, i) { return fromFile(Files.previousScores(result, scorer), names[i]); });
      var all = Score.inOrder(history.concat(added), now || null);
      if (all.length > MAX) {
        throw new Error("this page keeps " + MAX + " earlier assessments at most; remove earlier assessments, then compare with the most recent ones");
      }
      return all;
    }

    return { cleanEarlier: cleanEarlier, cleanHistory: cleanHistory, fromFile: fromFile, add: add, MAX: MAX };
  }

  /* A small line of scores from 1 to `top`, oldest left; a missing score breaks it. */
  function sparkline(values, top, label) {
    var svg = document.createElementNS(SVG, "svg"), step = WIDTH / Math.max(values.length - 1, 1);
    svg.setAttribute("viewBox", "-4 -3 " + (WIDTH + 8) + " " + (HEIGHT + 6));
    svg.setAttribute("width", String(WIDTH + 8));
    svg.setAttribute("height", String(HEIGHT + 6));
    svg.setAttribute("class", "revops-spark");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label + ": " + values.map(fmt).join(", "));
    var pieces = [[]];
    values.forEach(function (value, i) {
      if (value === null || value === undefined) { pieces.push([]); return; }
      var y = HEIGHT - (value - 1) / (top - 1) * HEIGHT;
      pieces[pieces.length - 1].push([(i * step).toFixed(1), y.toFixed(1)]);
    });
    pieces.filter(function (p) { return p.length; }).forEach(function (piece) {
      if (piece.length > 1) {
        var line = document.createElementNS(SVG, "polyline");
        line.setAttribute("points", piece.map(function (xy) { return xy.join(","); }).join(" "));
        svg.appendChild(line);
      }
      var end = piece[piece.length - 1], dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", end[0]);
      dot.setAttribute("cy", end[1]);
      dot.setAttribute("r", "2.5");
      svg.appendChild(dot);
    });
    return svg;
  }

  /* The history table and what moved most, or null without earlier assessments; `el` makes
   * an element, `state` is the page's (its date and earlier assessments), `texts` the reports'
   * words (assessment-company.js). */
  function section(report, state, top, el, texts) {
    var history = report.history || [], now = state.date;
    if (!history.length) return null;
    var dates = history.map(function (e) { return e.date || texts.historyWord("earlier"); }).concat([now || texts.historyWord("now")]);
    var rows = [[texts.historyWord("overall"), history.map(function (e) { return e.overall; }).concat([report.overall.score])]];
    report.rules.forEach(function (rule, i) {
      rows.push([(i + 1) + ". " + rule.title, history.map(function (e) {
        return has(e.rules, rule.id) ? e.rules[rule.id] : null;
      }).concat([rule.score])]);
    });
    var box = el("div", null, "revops-history");
    box.appendChild(el("h3", "History"));
    try { Score.inOrder(state.history, now || null); } catch (e) {  // the date was changed since
      box.appendChild(el("p", "Earlier assessments: " + e.message.split("\n").join("; ") + ".", "revops-error"));
    }
    var scroll = el("div", null, "revops-table-box");
    scroll.setAttribute("tabindex", "0");
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", "History of the scores");
    var table = el("table"), head = table.createTHead().insertRow();
    ["Rule", "Trend"].concat(dates).forEach(function (h, i) {
      var th = el("th", h, i > 1 ? "revops-num" : null);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow(), name = el("th", row[0]);
      name.scope = "row";
      tr.appendChild(name);
      tr.insertCell().appendChild(sparkline(row[1], top, row[0]));
      row[1].forEach(function (value) { tr.appendChild(el("td", fmt(value), "revops-num")); });
    });
    scroll.appendChild(table);
    box.appendChild(scroll);
    if (report.moved && report.moved.length) {
      var since = el("h3", "What moved most since ");
      since.appendChild(el("span", dates[dates.length - 2], "revops-nowrap"));  // not broken at a hyphen
      box.appendChild(since);
      var list = el("ul");
      report.moved.forEach(function (change) { list.appendChild(el("li", texts.movedText(change))); });
      box.appendChild(list);
    }
    return box;
  }

  var api = { create: create, sparkline: sparkline, section: section };
  if (node) module.exports = api;
  else root.RevOpsHistory = api;
})(this);
