/* Targets and the improvement plan on the assessment page: what is kept of them (clean*),
 * how the scorer takes them (optionTargets), and bind(), which fills the "Targets and gaps"
 * table and the plan the template lays out. The planner itself (revops-plan.js, the twin of
 * `revops plan`) is fetched the first time a rule has a target, so a first visit does not
 * load it. Every text goes in with textContent. */
(function (root) {
  "use strict";

  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var MOST = 99;  // the most quarters or load the page keeps: the controls offer fewer
  var ASSETS = (function () {
    var script = typeof document !== "undefined" && document.currentScript;
    return script ? script.src.replace(/[^/]*$/, "") : "";
  })();

  /* {rule id: level} for the bank's rules and levels only: what the page saves, and what a
   * target read from a file goes through (assessment.js, setTargets). */
  function cleanTargets(source, bank) {
    var targets = {}, levels = bank.levels.map(function (l) { return l.level; });
    if (!source || typeof source !== "object" || Array.isArray(source)) return targets;
    bank.rules.forEach(function (rule) {
      if (!Object.prototype.hasOwnProperty.call(source, rule.id)) return;
      var level = source[rule.id];
      if (typeof level === "string" && /^\d{1,2}$/.test(level.trim())) level = Number(level);
      if (levels.indexOf(level) >= 0) targets[rule.id] = level;
    });
    return targets;
  }

  function whole(value) { return Number.isInteger(value) && value >= 1 && value <= MOST ? value : null; }

  /* The plan's start ("" for the assessment's date), quarters and load as saved; null for
   * the page's default. */
  function cleanOptions(source) {
    var s = source && typeof source === "object" ? source : {};
    return { start: typeof s.start === "string" && ISO_DATE.test(s.start) ? s.start : "",
             quarters: whole(s.quarters), load: whole(s.load) };
  }

  /* Targets chosen per rule as the scorer takes a target given over the stage's default
   * (advice/targets.py: source "option"). */
  function optionTargets(given) {
    var targets = {};
    Object.keys(given || {}).forEach(function (rule) { targets[rule] = { level: given[rule], source: "option" }; });
    return targets;
  }

  function fmt(value) { return value === null || value === undefined ? "–" : value.toFixed(2); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  var loading = null;

  /* revops-plan.js, fetched once from the page's own assets folder. */
  function planner() {
    if (root.RevOpsPlan) return Promise.resolve(root.RevOpsPlan);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = ASSETS + "revops-plan.js";
        script.onload = function () { resolve(root.RevOpsPlan); };
        script.onerror = function () { loading = null; reject(new Error("revops-plan.js did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  /* Wire the table and controls; page = {state(), changed(), setTargets({rule id: level}),
   * status(text, isError), today(), saveFile(text, type, name), slug(team)}.
   * Returns render(report), which fills them from the page scorer's report. */
  function bind(app, bank, scorer, page) {
    var byId = function (id) { return document.getElementById(id); };
    var rows = Array.prototype.slice.call(app.querySelectorAll("[data-target-rule]"));
    var quarters = byId("revops-plan-quarters"), load = byId("revops-plan-load"), start = byId("revops-plan-start");
    var body = byId("revops-plan-body"), buttons = [byId("revops-plan-csv"), byId("revops-plan-markdown")];
    var defaults = { quarters: Number(quarters.querySelector("option[selected]").value), load: Number(load.defaultValue) };
    var drawn = 0, current = null;

    app.querySelectorAll("select[data-target]").forEach(function (select) {
      select.addEventListener("change", function () {  // through setTargets, as a file's targets will go
        var targets = Object.assign({}, page.state().targets), rule = select.getAttribute("data-target");
        if (select.value) targets[rule] = Number(select.value);
        else delete targets[rule];
        page.setTargets(targets);
      });
    });
    quarters.addEventListener("change", function () { page.state().plan.quarters = Number(quarters.value); page.changed(); });
    load.addEventListener("input", function () {
      var typed = load.value.trim(), value = /^\d+$/.test(typed) ? whole(Number(typed)) : null;
      load.setAttribute("aria-invalid", typed && value === null ? "true" : "false");
      if (typed && value === null) return;  // kept as it was until the number is whole, 1 to 99
      page.state().plan.load = value;
      page.changed();
    });
    start.addEventListener("change", function () {
      page.state().plan.start = ISO_DATE.test(start.value) ? start.value : "";
      page.changed();
    });
    buttons[0].addEventListener("click", function () { download("csv"); });
    buttons[1].addEventListener("click", function () { download("markdown"); });

    /* The plan's quarters and load: the person's, else the defaults `revops plan` has. */
    function options(state) {
      var chosen = state.plan, offered = chosen.quarters && chosen.quarters <= quarters.options.length;
      return { quarters: offered ? chosen.quarters : defaults.quarters, load: chosen.load || defaults.load };
    }

    function showOptions(state) {
      var chosen = options(state);
      quarters.value = String(chosen.quarters);
      if (document.activeElement !== load) load.value = String(chosen.load);
      if (document.activeElement !== start) start.value = state.plan.start;
    }

    /* Where the targets come from: the stage's default, the playbook's heuristic, and why. */
    function helpText(state) {
      var guide = ((bank.profiles || {}).stages || []).filter(function (g) { return g.id === state.profile.stage; })[0];
      if (guide && guide.target_level) {
        return "Each rule's target starts from the " + guide.name + " stage's default. " + (guide.target_reason || "") +
          " Choose another level for any rule where your aim differs.";
      }
      return "Choose the company stage under \u201cAbout this assessment\u201d for the playbook's default targets " +
        "(its heuristic for what good looks like at that stage), or choose a target for a rule here.";
    }

    function fillRow(row, rule, state, stageTargets) {
      var select = row.querySelector("select"), chosen = state.targets[rule.id], target = rule.target;
      var fallback = stageTargets[rule.id];
      select.options[0].textContent = fallback ? "Default: " + fallback.level : "No target";
      select.value = chosen ? String(chosen) : "";
      row.querySelector('[data-cell="score"]').textContent = fmt(rule.score);
      row.querySelector('[data-cell="gap"]').textContent = !target ? "–"
        : rule.score === null ? "no score yet" : target.met ? "met" : fmt(target.gap);
    }

    function render(report) {
      var state = page.state(), stageTargets = scorer.stageTargets(state.profile.stage);
      byId("revops-targets-help").textContent = helpText(state);
      report.rules.forEach(function (rule, i) { fillRow(rows[i], rule, state, stageTargets); });
      showOptions(state);
      var generation = ++drawn;
      if (!report.rules.some(function (rule) { return rule.target; })) {
        show(null, [el("p", "No rule has a target yet: choose the company stage, or a target for a rule above.", "revops-meta")]);
        return;
      }
      planner().then(function (Plan) {
        if (generation === drawn) draw(Plan, report, state);
      }, function () {
        if (generation === drawn) show(null, [el("p", "The plan could not be loaded: reload the page to try again.", "revops-error")]);
      });
    }

    function show(plan, parts) {
      current = plan;
      body.textContent = "";
      parts.forEach(function (part) { body.appendChild(part); });
      buttons.forEach(function (button) { button.disabled = !plan; });
    }

    function draw(Plan, report, state) {
      var chosen = options(state);
      var first = Plan.startOf(state.plan.start, state.date, page.today());
      if (!Plan.endsInTime(first, chosen.quarters)) {  // as `revops plan` refuses it
        show(null, [el("p", "A plan from " + first + " over " + chosen.quarters + " quarters ends after 9999: choose an earlier start.", "revops-error")]);
        return;
      }
      var plan = Plan.make(scorer, report, first, chosen.quarters, chosen.load);
      var parts = [el("p", Plan.planHead(plan) + ".", "revops-meta")];
      Plan.overloadLines(plan).forEach(function (line) { parts.push(el("p", line, "revops-flag revops-overload")); });
      if (!plan.items.length) parts.push(el("p", Plan.nothingText));
      Plan.byQuarter(plan).forEach(function (group) {
        parts.push(el("h4", Plan.quarterTitle(group)));
        var list = el("ol", null, "revops-plan-items");
        group[1].forEach(function (item) { list.appendChild(itemView(Plan, item)); });
        parts.push(list);
      });
      show({ plan: plan, team: state.team, assessed: state.date }, parts);
    }

    function itemView(Plan, item) {
      var li = el("li"), title = el("p", null, "revops-plan-summary");
      title.appendChild(el("strong", Plan.summaryOf(item)));
      if (item.overloaded) {
        title.appendChild(document.createTextNode(" "));
        title.appendChild(el("span", Plan.overloadedText, "revops-later"));
      }
      li.appendChild(title);
      var details = el("ul");
      Plan.detailsOf(item).concat([["Due", item.due]]).forEach(function (pair) {
        var line = el("li");
        line.appendChild(el("span", pair[0] + ": ", "revops-plan-label"));
        line.appendChild(document.createTextNode(pair[1]));
        details.appendChild(line);
      });
      li.appendChild(details);
      return li;
    }

    /* The plan as `revops plan --format csv` or `--format markdown` writes it, to a file. */
    function download(kind) {
      var Plan = root.RevOpsPlan;
      if (!current || !Plan) return;
      var text = Plan[kind](current.plan, current.team, current.assessed);
      var name = "revops-plan-" + page.slug(current.team) + "-" + current.plan.start + (kind === "csv" ? ".csv" : ".md");
      page.saveFile(text, kind === "csv" ? "text/csv;charset=utf-8" : "text/markdown;charset=utf-8", name);
      page.status("Downloaded " + name + ".", false);
    }

    return render;
  }

  var api = { cleanTargets: cleanTargets, cleanOptions: cleanOptions, optionTargets: optionTargets, bind: bind };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsPlanPage = api;
})(this);
