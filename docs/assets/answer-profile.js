/* The company profile and metric readings of an answer file, read as src/revops/bank/profile.py
 * and readings.py read them: `profile: {stage, motion}` by the ids of the bank's guidance,
 * `metrics: {id: number}` for the metrics whose thresholds the bank carries. Problems are
 * thrown as the caller's error type, with the CLI's messages (tests/cases/reading-*.json). */
(function (root) {
  "use strict";

  var KINDS = [["stage", "stages"], ["motion", "motions"]];

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /* 'stage' and 'motion' -> the ids the bank's guidance offers (profile.known_profiles). */
  function knownProfiles(bank) {
    var guides = bank.profiles || {}, known = {};
    KINDS.forEach(function (kind) {
      known[kind[0]] = (guides[kind[1]] || []).map(function (guide) { return guide.id; });
    });
    return known;
  }

  /* `profile: {stage, motion}`, each an id or null; `fail(message)` throws. */
  function readProfile(raw, bank, isMapping, fail) {
    if (raw === null || raw === undefined) return null;
    if (!isMapping(raw)) fail("'profile' must be a mapping with stage and motion");
    var known = knownProfiles(bank), profile = { stage: null, motion: null };
    Object.keys(raw).forEach(function (key) {
      if (!has(profile, key)) {
        fail("unknown key '" + key.slice(0, 40) + "' in profile; allowed keys: stage, motion");
      }
    });
    KINDS.forEach(function (kind) {
      var key = kind[0], value = has(raw, key) ? raw[key] : null;
      if (value === null || value === undefined) return;
      if (typeof value !== "string") fail(key + " must be text");
      if (known[key].indexOf(value) < 0) {
        fail("unknown " + key + " '" + value.slice(0, 40) + "'; use one of " + known[key].join(", "));
      }
      profile[key] = value;
    });
    return profile;
  }

  /* A number as Python's format(x, "g") writes it, for the magnitudes readings have. */
  function formatG(value) {
    return String(Number(value.toPrecision(6)));
  }

  function typeName(value) {
    if (typeof value === "boolean") return "bool";
    if (Array.isArray(value)) return "list";
    if (value && value.iso !== undefined) return "date";
    return "dict";
  }

  /* A reading as readings.parse_reading takes it: a finite number (YAML floats arrive as
   * objects holding their text), or null for none. */
  function parseReading(raw) {
    if (raw === null || raw === undefined) return null;
    var text = raw && typeof raw === "object" && typeof raw.text === "string" ? raw.text : null;
    if (text !== null) {
      var number = Number(text.replace(/_/g, ""));
      if (!isFinite(number)) throw new Error("a reading is a finite number");
      return number;
    }
    if (typeof raw === "number" && isFinite(raw)) return raw;
    if (typeof raw === "string") {
      throw new Error("a reading is a number, such as 0.82 for 82%; not '" + raw.slice(0, 40) + "'");
    }
    throw new Error("a reading is a number, such as 0.82 for 82%; not " + typeName(raw));
  }

  /* Why a reading cannot be used (readings.reading_problem), or null. */
  function readingProblem(id, value, specs) {
    if (!has(specs, id)) {
      return "no metric '" + String(id).slice(0, 60) + "' takes a reading; readings are taken for " +
             (Object.keys(specs).join(", ") || "no metric in this playbook");
    }
    var spec = specs[id], bars = Object.keys(spec.levels).map(function (k) { return spec.levels[k]; });
    if (spec.unit === "ratio" && value > 1 && Math.max.apply(null, bars) <= 1) {
      return "'" + id + "' is a ratio from 0 to 1: write " + formatG(value) + "% as " + formatG(value / 100);
    }
    if (value < 0) return "'" + id + "' cannot be negative";
    return null;
  }

  /* `metrics: {id: number}` -> the readings given (empty ones left out), or null. */
  function readMetrics(raw, bank, isMapping, fail) {
    if (raw === null || raw === undefined) return null;
    if (!isMapping(raw)) fail("'metrics' must be a mapping of metric id to reading");
    var specs = bank.readings || {}, readings = {}, any = false;
    Object.keys(raw).forEach(function (id) {
      if (raw[id] === null && has(specs, id)) return;  // left empty: no reading
      if (!has(specs, id)) fail(readingProblem(id, 0, specs));
      var value;
      try { value = parseReading(raw[id]); } catch (e) { fail("reading of '" + id + "': " + e.message); }
      var problem = readingProblem(id, value, specs);
      if (problem) fail(problem);
      readings[id] = value;
      any = true;
    });
    return any ? readings : null;
  }

  var api = { knownProfiles: knownProfiles, readProfile: readProfile, readMetrics: readMetrics,
              parseReading: parseReading, readingProblem: readingProblem, formatG: formatG };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsProfile = api;
})(this);
