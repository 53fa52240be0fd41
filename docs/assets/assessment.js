/* The assessment page: autosave, live results, import and export. All text from files and
 * storage is inserted with textContent, never as markup. Scoring lives in revops-score.js. */
(function () {
  "use strict";
  var app = document.getElementById("revops-app");
  if (!app || !window.RevOpsScore || !window.RevOpsFiles || !window.RevOpsResults || !window.RevOpsStorage ||
      !window.RevOpsEvidence || !window.RevOpsCompany || !window.RevOpsHistory || !window.RevOpsImport ||
      !window.RevOpsPlanPage) return;
  var Files = window.RevOpsFiles, Evidence = window.RevOpsEvidence, Company = window.RevOpsCompany;
  var Import = window.RevOpsImport;
  var bank = JSON.parse(document.getElementById("revops-bank").textContent);
  var scorer = new window.RevOpsScore.Scorer(bank);
  var Storage = window.RevOpsStorage.create(bank);
  var company = Company.create(bank), History = window.RevOpsHistory.create(bank);
  var KEY = "revops-assessment-v1";
  var siteRoot = new URL(app.getAttribute("data-site-root"), window.location.href).href;
  var form = document.getElementById("revops-form");
  var ids = Files.allIds(bank);
  var known = Files.knownIds(bank);
  var byId = function (id) { return document.getElementById(id); };
  var state = emptyState();
  var pendingRows = [];
  var renderResults = window.RevOpsResults.create(bank, scorer, siteRoot);
  var applyCompany = Company.bind(form, bank, function () { return state; }, function () { save(); render(); });
  var PlanPage = window.RevOpsPlanPage;
  var renderPlan = PlanPage.bind(app, bank, scorer, {
    state: function () { return state; }, changed: function () { save(); render(); }, setTargets: setTargets,
    status: function (text, isError) { status(text, isError); }, today: today, saveFile: saveFile, slug: slug
  });

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function emptyState() { return Storage.empty(today()); }

  var el = window.RevOpsResults.el;
  var cleanText = Storage.cleanText;

  /* -- storage: assessment-storage.js checks everything again on the way in -- */
  function load() {
    var saved;
    try { saved = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    var restored = Storage.restore(saved, today());
    if (!restored) return;
    state = restored.state;
    var retired = restored.retired;
    if (retired) {
      status(retired + " saved answer" + (retired > 1 ? "s were" : " was") + " to questions that have " +
             "since been replaced; please answer the new ones.", false);
    }
  }

  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      byId("revops-save-warning").hidden = true;
    } catch (e) {
      byId("revops-save-warning").hidden = false;
    }
  }

  /* -- form <-> state -- */
  function applyState() {
    byId("revops-team").value = state.team;
    byId("revops-date").value = state.date;
    byId("revops-name").value = state.name;
    byId("revops-role").value = state.role;
    ids.forEach(function (id) {
      var value = state.answers[id];
      form.querySelectorAll('input[type="radio"][name="' + id + '"]').forEach(function (input) {
        input.checked = value !== undefined && value !== null && String(value) === input.value;
      });
    });
    form.querySelectorAll("input[data-evidence]").forEach(function (input) {
      var entry = state.evidence[input.getAttribute("data-evidence")];
      var text = entry && entry.text ? entry.text : "";
      // Writing a text field's value builds its editor even off screen: only write changes.
      if (input.value !== text) input.value = text;
    });
    applyCompany();
  }

  /* The evidence typed for a question, kept stripped as the CLI reads it back from an export,
   * so the page and `revops score` count the same claims as evidenced. */
  function setEvidence(id, text) {
    var entry = Evidence.withText(state.evidence[id], text);
    if (entry) state.evidence[id] = entry;
    else delete state.evidence[id];
  }

  /* Each question's evidence field waits in a <template> until the question nears the screen
   * or takes focus. Built at load, the 42 text fields made the browser lay out every question,
   * content-visibility notwithstanding: a third to a half of the page's blocking time on a
   * phone-speed CPU. */
  function buildEvidenceField(fieldset) {
    var template = fieldset.querySelector("template[data-evidence-field]");
    if (!template) return;
    var field = template.content.cloneNode(true);
    var entry = state.evidence[template.getAttribute("data-evidence-field")];
    if (entry && entry.text) field.querySelector("input[data-evidence]").value = entry.text;
    template.replaceWith(field);
  }

  function buildEvidenceFieldsNearScreen() {
    var questions = form.querySelectorAll("fieldset.revops-question");
    if (!("IntersectionObserver" in window)) return questions.forEach(buildEvidenceField);
    var near = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        buildEvidenceField(entry.target);
        near.unobserve(entry.target);
      });
    }, { rootMargin: "100% 0px" });  // a screen ahead, so scrolling never meets a missing field
    questions.forEach(function (fieldset) { near.observe(fieldset); });
    form.addEventListener("focusin", function (event) {  // Tab from an option reaches its field
      var fieldset = event.target.closest("fieldset.revops-question");
      if (fieldset) buildEvidenceField(fieldset);
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "radio" && known[input.name]) {
      state.answers[input.name] = Files.parseValue(input.value);
      save();
      render();
    }
  });

  form.addEventListener("input", function (event) {
    var field = { "revops-team": "team", "revops-date": "date", "revops-name": "name", "revops-role": "role" }[event.target.id];
    var evidenceOf = event.target.getAttribute("data-evidence");
    if (field) state[field] = event.target.value;
    else if (evidenceOf && known[evidenceOf]) setEvidence(evidenceOf, event.target.value);
    else return;
    save(); render();
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); });

  /* -- results -- */
  function isAnswered(id) {
    return state.answers[id] !== undefined && state.answers[id] !== null;
  }

  function answeredAny() {
    return ids.some(isAnswered);
  }

  function me() {
    return { name: state.name || null, role: state.role || null, answers: state.answers, evidence: state.evidence };
  }


  function render() {
    var answered = ids.filter(isAnswered).length;
    byId("revops-progress-text").textContent = answered + " of " + ids.length + " questions answered";
    byId("revops-progress-bar").value = answered;
    bank.rules.forEach(function (rule) {
      var done = rule.questions.filter(function (q) { return isAnswered(q.id); }).length;
      var node = app.querySelector('[data-rule-progress="' + rule.id + '"]');
      if (node) node.textContent = done + " of " + rule.questions.length + " answered";
    });
    // A facilitator who loads a team's answers without answering is not a respondent.
    var people = (answeredAny() || !state.colleagues.length ? [me()] : []).concat(state.colleagues);
    var report = scorer.score(people, { history: state.history, profile: state.profile, readings: state.readings,
                                        siteRoot: siteRoot, targets: PlanPage.optionTargets(state.targets) });
    window.revopsReport = report;
    renderResults(byId("revops-results-body"), report, state, people.length, answeredAny());
    renderPlan(report);
    byId("revops-clear-team").hidden = !state.colleagues.length;
    byId("revops-colleagues").textContent = state.colleagues.length
      ? "Colleagues loaded (" + state.colleagues.length + "): " + state.colleagues.map(function (p, i) {
          return (p.name || "respondent " + (i + 1)) + (p.role ? " (" + p.role + ")" : "");
        }).join(", ") + "."
      : "";
    byId("revops-clear-previous").hidden = !state.history.length;
  }

  /* Targets per rule, {rule id: level}, in place of those chosen so far: what a file that
   * names its targets gives (levels and rules the bank lacks are left out). */
  function setTargets(given) {
    state.targets = PlanPage.cleanTargets(given, bank);
    save(); render();
  }

  /* -- import -- */
  /* The page's one status line: each message replaces the last, so nothing stale stays. */
  function status(message, isError) {
    var node = byId("revops-import-status");
    node.textContent = message;
    node.className = "revops-status" + (isError ? " revops-error" : "");
    byId("revops-leave-out").hidden = true;
    byId("revops-date-order").hidden = true;
  }

  /* A file refused for what the person can decide in place: columns that match no question
   * (imported again without them, the other columns read as before), or dates whose order of
   * day and month no row tells (read again in the order chosen). again(choice) imports the same
   * files again with the choice added to those already made. */
  function offerChoices(error, again) {
    if (error.columns && error.columns.length) {
      var button = byId("revops-leave-out");
      button.textContent = "Import without " + (error.columns.length === 1 ? "this column" : "these " + error.columns.length + " columns");
      button.setAttribute("aria-describedby", "revops-import-status");
      button.hidden = false;
      button.onclick = function () { again({ leaveOut: error.columns }); };
    }
    if (error.ambiguousDates) {
      var group = byId("revops-date-order");
      group.hidden = false;
      group.querySelectorAll("button").forEach(function (choice) {
        choice.onclick = function () { again({ dateOrder: choice.getAttribute("data-date-order") }); };
      });
    }
  }

  /* What the status line adds once a file is read as the person chose. */
  function choiceText(options) {
    if (!options || !options.dateOrder) return "";
    return " Dates were read with the " + (options.dateOrder === "dmy" ? "day first (31/12/2026)" : "month first (12/31/2026)") + ", as you chose.";
  }

  /* Bytes, not text: a file that is not UTF-8 is refused, as `revops score` refuses it. Every
   * size is checked, and with {most: n} the number of files, before any file is read. `each`,
   * when given, turns a file's result into what handle() gets as soon as the file is read; it
   * may throw an ImportError to stop the import. restart(input, options), when given, imports
   * again once the person has chosen in place (offerChoices); else the same handle and each do. */
  function readFiles(input, handle, options, each, restart) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    Promise.resolve().then(function () {
      files.forEach(function (file) { Files.checkSize(file.size, file.name); });
      if (options && options.most && files.length > options.most) {
        throw new Files.ImportError(Import.tooManyFiles(files.length, options.most));
      }
      return Import.readEach(files, function (bytes, name) {
        var parsed = Files.readFile(bytes, name, bank, options);
        return each ? each(parsed, name) : parsed;
      }, function (text) { status(text, false); });
    }).then(function (parsed) {
      handle(parsed, files.map(function (f) { return f.name; }));
      var node = byId("revops-import-status");
      if (/revops-error/.test(node.className)) return;
      var notes = parsed.map(function (p) { return p.notice; }).filter(Boolean);  // e.g. the encoding used
      if (notes.length) node.textContent += " Note: " + notes.join("; ") + ".";
      node.textContent += choiceText(options);
    }).catch(function (error) {
      var message = error instanceof Files.ImportError ? error.message : "the file could not be read";
      status("Could not import: " + message + ". Nothing was changed.", true);
      if (error instanceof Files.ImportError) {
        offerChoices(error, function (choice) {
          var same = { files: files, value: "" }, chosen = Object.assign({}, options || {}, choice);
          if (restart) restart(same, chosen);
          else readFiles(same, handle, chosen, each);
        });
      }
    }).then(function () { input.value = ""; });
  }

  function useRespondent(person, label) {
    var count = ids.filter(isAnswered).length;
    if (count && !window.confirm("Replace your " + Import.count(count, "current answer") + " with those from " + label + "?")) {
      status("Import cancelled. Nothing was changed.", false);
      return;
    }
    state.answers = Storage.cleanAnswers(person.answers);
    state.evidence = Storage.cleanEvidence(person.evidence);
    if (person.team) state.team = cleanText(person.team, 120);
    if (person.date) state.date = person.date;
    state.name = cleanText(person.name, 120);
    state.role = cleanText(person.role, 60);
    // The file's profile, targets and readings, when it gives them; a CSV row cannot, and keeps the page's.
    if (person.profile) state.profile = company.cleanProfile(person.profile);
    if (person.metrics) state.readings = company.cleanReadings(person.metrics);
    if (person.targets) state.targets = PlanPage.cleanTargets(person.targets, bank);
    save(); applyState(); render();
    var extra = [person.profile ? "profile" : "", person.targets ? "targets" : "", person.metrics ? "metric readings" : ""];
    status("Loaded the answers" + extra.filter(Boolean).map(function (e) { return ", " + e; }).join("").replace(/, ([^,]*)$/, " and $1") +
           " from " + label + ".", false);
  }

  byId("revops-import-resume").addEventListener("change", function (event) {
    readFiles(event.target, function (parsed, names) {
      var result = parsed[0];
      if (result.respondents.length === 1) { useRespondent(result.respondents[0], names[0]); return; }
      pendingRows = result.respondents;
      var select = byId("revops-row");
      select.textContent = "";
      pendingRows.forEach(function (p, i) {
        var option = el("option", (p.name || "Row " + (i + 1)) + (p.role ? " (" + p.role + ")" : ""));
        option.value = String(i);
        select.appendChild(option);
      });
      byId("revops-row-picker").hidden = false;
      status(names[0] + " has " + pendingRows.length + " rows: choose yours.", false);
      select.focus();
    });
  });

  byId("revops-row-use").addEventListener("click", function () {
    var person = pendingRows[Number(byId("revops-row").value)];
    if (!person) return;
    byId("revops-row-picker").hidden = true;
    useRespondent(person, (person.name || "the chosen row"));
    pendingRows = [];
  });

  /* Colleagues are merged a file at a time, so a file that would pass the cap stops the import
   * before the next is read; the page's state changes only once every file is in. */
  function importTeam(input, options) {
    var before = state, loaded = state.colleagues, most = Storage.MAX_COLLEAGUES;
    var team = Import.colleagues(loaded, me(), most), firstTeam = null, latest = "";
    readFiles(input, function (files, names) {
      if (state !== before || state.colleagues !== loaded) {
        status("Could not import: the colleagues changed while the files were read; import them again. Nothing was changed.", true);
        return;
      }
      var disagreement = company.disagreement(files, state.targets);
      if (disagreement) { status("Could not import: " + disagreement + ". Nothing was changed.", true); return; }
      state.colleagues = team.people();
      if (!state.team) state.team = cleanText(firstTeam, 120);
      if (latest && !answeredAny()) state.date = latest;
      // as `revops score` takes them from the files
      var taken = company.fillFrom([].concat.apply([], files.map(function (f) { return f.people; })), state);
      save(); applyState(); render();
      status(addedText(team.summary(), names, taken), false);
    }, Object.assign({}, options, { most: most, emails: true }), function (parsed, name) {
      var refused = team.add(parsed.respondents.map(Storage.cleanPerson), name, parsed.respondents.map(function (p) { return p.line; }));
      if (refused) throw new Files.ImportError(refused);
      parsed.respondents.forEach(function (p) {
        if (!firstTeam && p.team) firstTeam = p.team;
        if (p.date && p.date > latest) latest = p.date;
      });
      // Only a YAML or JSON file gives a profile, targets or readings: the rows need not be kept.
      return { name: name, notice: parsed.notice,
               people: parsed.respondents.filter(function (p) { return p.profile || p.metrics || p.targets; }) };
    }, importTeam);
  }
  byId("revops-import-team").addEventListener("change", function (event) { importTeam(event.target, {}); });

  function listed(items, most) {
    return items.length > most ? items.slice(0, most).join(", ") + " and " + Import.number(items.length - most) + " more"
      : items.join(", ");
  }

  function addedText(done, names, taken) {
    var count = Import.count;
    return "Added " + count(done.added, "colleague") + " from " +
      (names.length > 3 ? count(names.length, "file") : names.join(", ")) +
      (done.skipped ? "; " + count(done.skipped, "already loaded was", "already loaded were") + " skipped" : "") +
      (done.twice ? "; " + count(done.twice, "row repeated word for word was", "rows repeated word for word were") + " counted once" : "") +
      (done.repeated.length ? "; " + listed(done.repeated.map(Import.repeatText), 10) : "") +
      (taken.length ? "; their files gave the " + taken.join(", ") + " this page had not set" : "") + ".";
  }

  /* Earlier assessments: several at once, added to those already here, oldest first. */
  byId("revops-import-previous").addEventListener("change", function (event) {
    readFiles(event.target, function (parsed, names) {
      try { state.history = History.add(state.history, parsed, names, scorer, state.date); } catch (e) {
        status("Could not import: " + e.message.split("\n").join("; ") + ". Nothing was changed.", true);
        return;
      }
      save(); render();
      var ignored = parsed.reduce(function (sum, r) { return sum + (r.ignored || 0); }, 0);
      status("Comparing with " + state.history.map(function (e) { return e.label; }).join(", ") + "." + (ignored ? " " +
             Import.count(ignored, "answer to a question", "answers to questions") + " no longer in the assessment " +
             (ignored === 1 ? "was" : "were") + " left out." : ""), false);
    }, { previous: true });
  });

  byId("revops-clear-team").addEventListener("click", function () {
    state.colleagues = []; save(); render(); status("Colleagues removed.", false);
  });
  byId("revops-clear-previous").addEventListener("click", function () {
    state.history = []; save(); render(); status("Comparison removed.", false);
  });

  /* -- export, print, start over -- */
  /* A team's name as it goes into a file name: lower case, words joined by hyphens. */
  function slug(team) {
    return String(team || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "team";
  }

  /* The text handed to the browser as a download named `name`. */
  function saveFile(text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function download(text, type, extension) {
    if (!state.team.trim()) { status("Enter your team's name before exporting.", true); byId("revops-team").focus(); return; }
    if (!Files.ISO_DATE.test(state.date)) { status("Enter the date of the assessment before exporting.", true); byId("revops-date").focus(); return; }
    var name = "revops-assessment-" + slug(state.team) + "-" + state.date + "." + extension;
    saveFile(text, type, name);
    status("Exported " + name + ".", false);
  }

  byId("revops-export-yaml").addEventListener("click", function () {
    download(company.toYaml(Files.toYaml(state, bank), state), "application/yaml", "yaml");
  });
  byId("revops-export-json").addEventListener("click", function () {
    download(company.toJson(Files.toJson(state, bank), state), "application/json", "json");
  });
  byId("revops-print").addEventListener("click", function () { window.print(); });
  byId("revops-reset").addEventListener("click", function () {
    if (!window.confirm("Start over? This clears your answers, profile, metric readings, colleagues, earlier assessments, targets and plan choices from this browser.")) return;
    state = emptyState();
    save(); applyState(); render();
    status("Started over.", false);
  });

  var warning = el("p", "This browser is not saving your answers (storage is off or full): export them before you leave.", "revops-error");
  warning.id = "revops-save-warning";
  warning.setAttribute("role", "alert");
  warning.hidden = true;
  byId("revops-progress").parentNode.appendChild(warning);
  // "Back to top" opens below the sticky bar (extra.css), however tall the bar is.
  var toolbar = app.querySelector(".revops-toolbar");
  var measureToolbar = function () {
    document.body.style.setProperty("--revops-toolbar-height", toolbar.getBoundingClientRect().height + "px");
  };
  if ("ResizeObserver" in window) new ResizeObserver(measureToolbar).observe(toolbar);
  measureToolbar();
  // The toolbar's file buttons open the import section's file fields, so a returning leader
  // need not scroll past every question to find them.
  app.querySelectorAll("[data-opens]").forEach(function (button) {
    button.addEventListener("click", function () { byId(button.getAttribute("data-opens")).click(); });
  });
  app.querySelectorAll("[hidden]").forEach(function (node) {
    if (node.matches(".revops-actions, .revops-import, .revops-results, .revops-jump")) node.hidden = false;
  });
  // Another tab changed the saved answers: take them, so neither tab overwrites the other.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY) return;
    state = emptyState();
    load();
    applyState();
    render();
  });
  load();
  applyState();
  buildEvidenceFieldsNearScreen();
  render();
})();
