/* One person's answer file, YAML or JSON, checked as `revops score` checks it
 * (src/revops/answers/answer_file.py parse_answer_document and model.AnswerFile): every problem
 * is collected with its line, as the CLI lists them. The value rules (foundation/values.py)
 * live here too, for the CSV reader in answer-files.js. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Types = node ? require("./answer-yaml-types.js") : root.RevOpsYamlTypes;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  var Evidence = node ? require("./answer-evidence.js") : root.RevOpsEvidence;
  var Profile = node ? require("./answer-profile.js") : root.RevOpsProfile;

  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var VALUE_HINT = "use 1 to 5, n/a, unknown, or leave it empty";
  var DOCUMENT_KEYS = ["team", "date", "respondent", "profile", "targets", "metrics", "answers"];
  var NESTED_KEYS = { respondent: ["name", "role"], profile: ["stage", "motion"] };
  var strip = Csv.strip;  // Python's str.strip(), so both sides keep the same text

  /* A file the page cannot use. problems: [{line, message}] when the file's lines are known. */
  function ImportError(message, problems) {
    this.message = message;
    this.problems = problems || null;
  }

  function fail(message) { throw new ImportError(message); }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
           !(value instanceof Types.YamlFloat) && !(value instanceof Types.YamlDate);
  }

  /* A float as Python's repr() writes it: 3.0, 0.5, 1e-05, 1e+16. */
  function floatText(number) {
    if (!isFinite(number)) return isNaN(number) ? "nan" : number > 0 ? "inf" : "-inf";
    var size = Math.abs(number);
    if (size && (size < 1e-4 || size >= 1e16)) return number.toExponential().replace(/e([-+])(\d)$/, "e$10$2");
    return Number.isInteger(number) ? number.toFixed(1) : String(number);
  }

  /* A value as Python's repr() shows it, for messages that must read the same; text is cut
   * to 40 characters, as the CLI's messages cut it. */
  function shown(value, inside) {
    if (value === null || value === undefined) return "None";
    if (value === true || value === false) return value ? "True" : "False";
    if (typeof value === "string") return "'" + (inside ? value : value.slice(0, 40)) + "'";
    if (value instanceof Types.YamlFloat) return floatText(value.number());
    if (value instanceof Types.YamlDate) return value.iso;
    if (Array.isArray(value)) return "[" + value.map(function (item) { return shown(item, true); }).join(", ") + "]";
    if (typeof value === "object") {
      return "{" + Object.keys(value).map(function (key) { return "'" + key + "': " + shown(value[key], true); }).join(", ") + "}";
    }
    return String(value);
  }

  function typeName(value) {
    if (Array.isArray(value)) return "list";
    if (value instanceof Types.YamlDate) return value.time ? "datetime" : "date";
    return "dict";
  }

  /* -- values, as values.parse_value and values.parse_date -- */
  function parseValue(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === "boolean" || raw instanceof Types.YamlFloat ||
        (typeof raw === "number" && !Number.isInteger(raw))) {
      fail(shown(raw) + " is not an answer");
    }
    if (typeof raw === "number") {
      if (raw >= 1 && raw <= 5) return raw;
      fail(raw + " is out of range");
    }
    if (typeof raw === "string") {
      var text = strip(raw).toLowerCase();
      if (text === "" || text === "~" || text === "null") return null;
      if (text === "n/a" || text === "unknown") return text;
      if (/^[1-5]$/.test(text)) return parseInt(text, 10);
      if (/^[0-9]+$/.test(text) && !/^0*[1-5]$/.test(text)) fail(parseInt(text, 10) + " is out of range");
      fail("'" + raw.slice(0, 40) + "' is not an answer");
    }
    fail("a " + typeName(raw) + " is not an answer");
  }

  /* A rule's target: a level from 1 to 5, or null for none (values.parse_target). */
  function parseTarget(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === "number" && Number.isInteger(raw) && raw >= 1 && raw <= 5) return raw;
    fail("a target is a level from 1 to 5, not " + (typeof raw === "string" ? shown(raw) : shown(raw).slice(0, 40)));
  }

  function parseDate(raw) {
    if (raw instanceof Types.YamlDate) return raw.iso;
    if (typeof raw === "string" && ISO_DATE.test(strip(raw))) {
      var text = strip(raw), date = new Date(text + "T00:00:00Z");
      if (!isNaN(date) && date.toISOString().slice(0, 10) === text && text > "0000") return text;
    }
    fail("bad date " + shown(raw) + "; write it as YYYY-MM-DD, e.g. 2026-03-31");
  }

  /* -- the bank's questions -- */
  function knownIds(bank) {
    var ids = Object.create(null);
    bank.rules.forEach(function (rule) { rule.questions.forEach(function (q) { ids[q.id] = true; }); });
    return ids;
  }

  function retiredIn(bank) { return bank.retired || Object.create(null); }

  /* What a file that still names a retired question is told (values.retired_message). */
  function retiredMessage(id, entry) {
    return "question '" + id + "' was retired: " + entry.reason +
      (entry.replaced_by ? "; answer '" + entry.replaced_by + "' instead" : "; leave it out");
  }

  function unknownQuestion(id, bank) {
    if (has(retiredIn(bank), id)) return retiredMessage(id, retiredIn(bank)[id]);
    return "unknown question id '" + String(id).slice(0, 60) + "': no question on this page has that id, so the file may be for another version of the assessment";
  }

  /* A target for no rule: the page lists the rules (Python adds the nearest id). */
  function unknownRule(id, rules) {
    return "unknown rule '" + String(id).slice(0, 40) + "'; use one of " + rules.join(", ");
  }

  /* The questions a company overlay hid (id -> text): answers to them are left out. */
  function setAside(bank) {
    return (bank.overlay && bank.overlay.set_aside) || Object.create(null);
  }

  /* -- the document -- */
  function unknownKey(key, where) {
    var allowed = where ? NESTED_KEYS[where] : DOCUMENT_KEYS;
    var report = !where && key === "schema_version" ? "this is a report, which holds scores but not answers: import it under Compare with earlier assessments" : "";
    return "unknown key '" + key.slice(0, 40) + "'" + (where ? " in " + where : "") + "; " + (report || "allowed keys: " + allowed.join(", "));
  }

  /* The message a check throws, or null. */
  function problemOf(check) {
    try { check(); return null; } catch (e) {
      if (e instanceof ImportError || e.constructor === Error) return e.message;
      throw e;
    }
  }

  /* A mapping of name and role, or of stage and motion: unknown keys and values not text. */
  function checkLabels(value, where, add) {
    Object.keys(value).forEach(function (key) {
      if (NESTED_KEYS[where].indexOf(key) < 0) add([where, key], unknownKey(key, where));
      else if (value[key] !== null && typeof value[key] !== "string") {
        add([where, key], where === "respondent" ? "respondent " + key + " must be text" : key + " must be text");
      }
    });
  }

  /* The checks of model.AnswerFile: each field's problems, through add(loc, message). */
  function checkFields(data, add) {
    Object.keys(data).forEach(function (key) { if (DOCUMENT_KEYS.indexOf(key) < 0) add([key], unknownKey(key)); });
    if (!has(data, "team")) add([], "'team' is required: the team's name, as text");
    else if (typeof data.team !== "string" || !strip(data.team)) add(["team"], "'team' is required: the team's name, as text");
    if (!has(data, "date")) add([], "'date' is required: as YYYY-MM-DD");
    else {
      var bad = problemOf(function () { parseDate(data.date); });
      if (bad) add(["date"], bad);
    }
    [["respondent", "'respondent' must be a mapping with name and role"],
     ["profile", "'profile' must be a mapping with stage and motion"]].forEach(function (field) {
      var value = has(data, field[0]) ? data[field[0]] : null;
      if (value !== null && !isMapping(value)) add([field[0]], field[1]);
      else if (value !== null) checkLabels(value, field[0], add);
    });
    if (has(data, "metrics") && data.metrics !== null && !isMapping(data.metrics)) {
      add(["metrics"], "'metrics' must be a mapping of metric id to reading");
    } else {
      Object.keys(data.metrics || {}).forEach(function (id) {
        var bad = problemOf(function () { Profile.parseReading(data.metrics[id]); });
        if (bad) add(["metrics", id], "reading of '" + id + "': " + bad);
      });
    }
    if (has(data, "targets") && data.targets !== null && !isMapping(data.targets)) {
      add(["targets"], "'targets' must be a mapping of rule id to level");
    } else {
      Object.keys(data.targets || {}).forEach(function (id) {
        var bad = problemOf(function () { parseTarget(data.targets[id]); });
        if (bad) add(["targets", id], "target for '" + id + "': " + bad);
      });
    }
    if (!has(data, "answers")) add([], "'answers' is required: a mapping of question id to answer");
    else if (data.answers !== null && !isMapping(data.answers)) add(["answers"], "'answers' must be a mapping of question id to answer");
    else {
      Object.keys(data.answers || {}).forEach(function (id) {
        var bad = problemOf(function () { readAnswer(data.answers[id]); });
        if (bad) add(["answers", id], "answer to '" + id + "': " + bad + (/not an answer|range/.test(bad) ? "; " + VALUE_HINT : ""));
      });
    }
  }

  /* A bare value, or the mapping form with its evidence: {value, evidence or null}. */
  function readAnswer(raw) {
    if (!isMapping(raw)) return { value: parseValue(raw), evidence: null };
    return Evidence.fromMapping(raw, parseValue, parseDate);
  }

  /* What parse_answer_document checks after the model: the readings each metric can take,
   * the profile's ids (only once the model took the file) and the question ids. */
  function checkIds(data, bank, fieldsOk, ignored, add) {
    var metrics = isMapping(data.metrics) ? data.metrics : {}, specs = bank.readings || {};
    Object.keys(metrics).forEach(function (id) {
      var raw = metrics[id], value = typeof raw === "number" ? raw : raw instanceof Types.YamlFloat ? raw.number() : 0;
      if (raw === null && has(specs, id)) return;  // left empty: no reading
      var problem = Profile.readingProblem(id, value, specs);
      if (problem) add(["metrics", id], problem);
    });
    if (fieldsOk && isMapping(data.profile)) {
      Object.keys(data.profile).forEach(function (key) {
        var only = {};
        only[key] = data.profile[key];
        var bad = problemOf(function () { Profile.readProfile(only, bank, isMapping, fail); });
        if (bad) add(["profile", key], bad);
      });
    }
    var rules = bank.rules.map(function (rule) { return rule.id; });
    Object.keys(isMapping(data.targets) ? data.targets : {}).forEach(function (id) {
      if (rules.indexOf(id) < 0) add(["targets", id], unknownRule(id, rules));
    });
    var ids = knownIds(bank);
    Object.keys(isMapping(data.answers) ? data.answers : {}).forEach(function (id) {
      if (ids[id]) return;
      if (ignored) ignored.count += 1;
      else add(["answers", id], unknownQuestion(id, bank));
    });
  }

  /* The data with the answers to questions set aside left out. */
  function withoutSetAside(data, bank) {
    var aside = setAside(bank);
    if (!isMapping(data.answers) || !Object.keys(aside).length) return data;
    var copy = Object.assign(Object.create(null), data), answers = Object.create(null);
    Object.keys(data.answers).forEach(function (id) { if (!has(aside, id)) answers[id] = data.answers[id]; });
    copy.answers = answers;
    return copy;
  }

  /* Problems sorted and without repeats, as InvalidInput keeps them. */
  function sorted(problems) {
    var seen = Object.create(null);
    return problems.filter(function (p) {
      var key = p.line + "\n" + p.message;
      return seen[key] ? false : (seen[key] = true);
    }).sort(function (a, b) { return a.line - b.line || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0); });
  }

  function problemsError(problems) {
    var list = sorted(problems);
    return new ImportError("line " + list[0].line + ": " + list[0].message, list);
  }

  /* The respondent of a parsed document; its evidence, profile and metrics only when given. */
  function respondentOf(data, bank) {
    var person = isMapping(data.respondent) ? data.respondent : {}, answers = Object.create(null), evidence = Object.create(null);
    var ids = knownIds(bank);
    Object.keys(data.answers || {}).forEach(function (id) {
      if (!ids[id]) return;
      var read = readAnswer(data.answers[id]);
      answers[id] = read.value;
      if (read.evidence) evidence[id] = read.evidence;
    });
    var found = { team: strip(data.team), date: parseDate(data.date), name: has(person, "name") ? person.name : null,
                  role: has(person, "role") ? person.role : null, answers: answers };
    if (Object.keys(evidence).length) found.evidence = evidence;
    var profile = isMapping(data.profile) && Object.keys(data.profile).length ? Profile.readProfile(data.profile, bank, isMapping, fail) : null;
    if (profile && (profile.stage || profile.motion)) found.profile = profile;  // else none named
    var metrics = Profile.readMetrics(has(data, "metrics") ? data.metrics : null, bank, isMapping, fail);
    if (metrics) found.metrics = metrics;
    var targets = Object.create(null);
    Object.keys(isMapping(data.targets) ? data.targets : {}).forEach(function (id) {
      if (data.targets[id] !== null) targets[id] = data.targets[id];
    });
    if (Object.keys(targets).length) found.targets = targets;  // only files that give one
    return found;
  }

  /* One respondent from a YAML or JSON text, or an ImportError listing every problem.
   * ignored: when given, unknown ids are counted in ignored.count instead of refused (an
   * earlier assessment may use questions that have since been renamed). */
  function fromText(text, bank, ignored) {
    var read, Yaml = node ? require("./answer-yaml.js") : root.RevOpsYaml;  // loaded on the first import
    try { read = Yaml.parse(text); } catch (e) {
      if (e instanceof Yaml.YamlError) throw problemsError(e.problems);
      throw e;
    }
    if (!isMapping(read.data)) {
      throw problemsError([{ line: 1, message: "an answer file is a mapping with team, date and answers, like the YAML this page exports" }]);
    }
    var data = withoutSetAside(read.data, bank), problems = read.problems.slice();
    var add = function (loc, message) { problems.push({ line: read.where(loc), message: message }); };
    checkFields(data, add);
    checkIds(data, bank, problems.length === read.problems.length, ignored, add);
    if (problems.length) throw problemsError(problems);
    return respondentOf(data, bank);
  }

  var api = { ImportError: ImportError, ISO_DATE: ISO_DATE, VALUE_HINT: VALUE_HINT, fromText: fromText,
              parseValue: parseValue, parseDate: parseDate, shown: shown, isMapping: isMapping, has: has,
              knownIds: knownIds, retiredIn: retiredIn, retiredMessage: retiredMessage, setAside: setAside,
              problemsError: problemsError };
  if (node) module.exports = api;
  else root.RevOpsDocument = api;
})(this);
