/* Evidence on answers, as `revops score` has it: the mapping form of an answer in YAML and JSON
 * files (values.parse_answer), what the page keeps of it and how an export writes it (the
 * sentences the reports say about it are assessment-company.js's). An entry is {text, owner,
 * checked}, each null when not given. No DOM here, so node can test it. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;
  var KEYS = ["level", "evidence", "owner", "checked"];
  var LIMIT = 2000;  // characters kept of a text; an evidence note is a link or a line
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /* A text stripped as Python strips it, or null when nothing is left. */
  function textOrNull(value) {
    var text = typeof value === "string" ? Csv.strip(value) : "";
    return text ? text.slice(0, LIMIT) : null;
  }

  /* An answer written as a mapping: {value, evidence}. parseValue and parseDate are the
   * readers' own, so their messages are the usual ones; the others are values.parse_answer's,
   * checked in the same order. */
  function fromMapping(raw, parseValue, parseDate) {
    var unknown = Object.keys(raw).filter(function (key) { return KEYS.indexOf(key) < 0; });
    if (unknown.length) {
      throw new Error("unknown key '" + unknown[0].slice(0, 40) + "' in the answer; allowed keys: " + KEYS.join(", "));
    }
    if (!has(raw, "level")) {
      throw new Error("an answer written as a mapping needs 'level' (1 to 5, n/a or unknown) beside its evidence");
    }
    var texts = {};
    ["evidence", "owner"].forEach(function (key) {
      var value = has(raw, key) ? raw[key] : null;
      if (value !== null && typeof value !== "string") throw new Error("'" + key + "' must be text");
      texts[key] = value && Csv.strip(value) ? Csv.strip(value) : null;
    });
    var checked = has(raw, "checked") ? raw.checked : null;
    checked = checked === null || checked === "" ? null : parseDate(checked);
    return { value: parseValue(raw.level), evidence: { text: texts.evidence, owner: texts.owner, checked: checked } };
  }

  /* One entry as the page keeps it, or null when it says nothing. */
  function cleanEntry(entry) {
    if (!entry || typeof entry !== "object") return null;
    var checked = typeof entry.checked === "string" && ISO_DATE.test(entry.checked) ? entry.checked : null;
    var clean = { text: textOrNull(entry.text), owner: textOrNull(entry.owner), checked: checked };
    return clean.text || clean.owner || clean.checked ? clean : null;
  }

  /* {question id: entry} for the known questions whose entry says something. */
  function clean(source, known) {
    var out = {};
    if (!source || typeof source !== "object") return out;
    Object.keys(source).forEach(function (id) {
      var entry = known[id] ? cleanEntry(source[id]) : null;
      if (entry) out[id] = entry;
    });
    return out;
  }

  /* The entry with the text typed on the page; its owner and check date stay. */
  function withText(entry, text) {
    return cleanEntry({ text: text, owner: entry && entry.owner, checked: entry && entry.checked });
  }

  /* An answer as an export writes it: the mapping form when it has evidence, else the value. */
  function answerOut(value, entry) {
    entry = cleanEntry(entry);
    if (!entry) return value;
    var out = { level: value };
    if (entry.text) out.evidence = entry.text;
    if (entry.owner) out.owner = entry.owner;
    if (entry.checked) out.checked = entry.checked;
    return out;
  }

  /* A mapping from answerOut as one YAML flow mapping; scalar writes a value. */
  function yamlFlow(mapping, scalar) {
    return "{" + Object.keys(mapping).map(function (key) {
      return key + ": " + (key === "checked" ? mapping[key] : scalar(mapping[key]));
    }).join(", ") + "}";
  }

  var api = { KEYS: KEYS, LIMIT: LIMIT, fromMapping: fromMapping, clean: clean, cleanEntry: cleanEntry,
              withText: withText, answerOut: answerOut, yamlFlow: yamlFlow };
  if (node) module.exports = api;
  else root.RevOpsEvidence = api;
})(this);
