/* Plain scalars in answer files, typed as PyYAML's resolver (YAML 1.1) types them for `revops
 * score`: null, booleans (yes/no/on/off too, but not y/n), integers (03, 0x3, 1_0, 3:00), floats
 * (with a dot: 1e5 is text), dates and timestamps, text; and what the readers refuse anywhere
 * (src/revops/foundation/characters.py, yamlsource.HIDDEN). Used by answer-yaml.js, and by
 * answer-csv.js for the characters no reader takes. */
(function (root) {
  "use strict";

  // As characters.REFUSED_CLASS, which every reader refuses: C0 but tab, LF and CR; DEL; C1;
  // the bidi embedding, override and isolate controls. HIDDEN adds what YAML refuses anyway
  // (yamlsource.HIDDEN): lone surrogates, U+FFFE and U+FFFF.
  var REFUSED_CLASS = "\\0-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069";
  var REFUSED = new RegExp("[" + REFUSED_CLASS + "]");
  var HIDDEN = new RegExp("[" + REFUSED_CLASS + "\\ufffe\\uffff]|\\p{Cs}", "u");
  var NULL = /^(?:~|null|Null|NULL|)$/;
  var BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
  var INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
  var FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
  var TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
  /* A float or a date: values PyYAML types that no answer-file field takes as they are. */
  function YamlFloat(text) { this.text = text; }
  YamlFloat.prototype.toString = function () { return this.text; };
  /* Its number, as PyYAML's construct_yaml_float reads the text (.inf, 1:30.5 too). */
  YamlFloat.prototype.number = function () {
    var text = this.text.replace(/_/g, "").toLowerCase(), sign = text[0] === "-" ? -1 : 1;
    if (/^[-+]/.test(text)) text = text.slice(1);
    if (text === ".inf") return sign * Infinity;
    if (text === ".nan") return NaN;
    return sign * text.split(":").reduce(function (total, part) { return total * 60 + parseFloat(part); }, 0);
  };
  /* A date; `time` when the text gave a time of day too (a datetime in Python). */
  function YamlDate(iso, time) { this.iso = iso; this.time = !!time; }
  YamlDate.prototype.toString = function () { return this.iso; };

  function code(character) {
    return "U+" + ("000" + character.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
  }

  function isoDate(match) {
    var year = +match[1], month = +match[2], day = +match[3];
    var date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1) return null;
    if (match[4] !== undefined && (+match[4] > 23 || +match[5] > 59 || +match[6] > 59)) return null;
    return match[1] + "-" + ("0" + month).slice(-2) + "-" + ("0" + day).slice(-2);
  }

  function integer(text) {
    var value = text.replace(/_/g, ""), sign = 1;
    if (value[0] === "-" || value[0] === "+") { sign = value[0] === "-" ? -1 : 1; value = value.slice(1); }
    if (value === "0") return 0;
    if (/^0b/.test(value)) return sign * parseInt(value.slice(2), 2);
    if (/^0x/.test(value)) return sign * parseInt(value.slice(2), 16);
    if (value.indexOf(":") >= 0) {
      return sign * value.split(":").reduce(function (total, part) { return total * 60 + parseInt(part, 10); }, 0);
    }
    return sign * parseInt(value, value[0] === "0" ? 8 : 10);
  }

  /* A plain (unquoted) scalar, typed as PyYAML's resolver types it. */
  function typed(text) {
    if (NULL.test(text)) return null;
    if (BOOL.test(text)) return /^(?:y|t|on)/i.test(text);
    if (FLOAT.test(text)) return new YamlFloat(text);
    if (INT.test(text)) return integer(text);
    var stamp = TIMESTAMP.exec(text);
    if (stamp && (stamp[4] !== undefined || (stamp[2].length === 2 && stamp[3].length === 2))) {
      var iso = isoDate(stamp);
      return iso ? new YamlDate(iso, stamp[4] !== undefined) : text;  // an impossible date stays text, for the caller to judge
    }
    return text;
  }

  /* How a message names a character, as characters.character_name. */
  function characterName(character) {
    var point = character.charCodeAt(0);
    if ((point >= 0x202a && point <= 0x202e) || (point >= 0x2066 && point <= 0x2069)) return "text-direction control character " + code(character);
    return (point <= 0x9f ? "control character " : "non-character ") + code(character);
  }

  /* The first match of pattern in text: {at, message}, or null. */
  function firstOf(pattern, text) {
    var found = pattern.exec(text);
    return found && { at: found.index, message: characterName(found[0]) + " is not allowed; delete it (most editors do not show it)" };
  }

  /* The first character no reader takes (CSV included): {at, message}, or null. */
  function refused(text) { return firstOf(REFUSED, text); }

  /* The first character the YAML reader refuses anywhere: {at, message}, or null. */
  function hidden(text, escaped) {
    var found = firstOf(HIDDEN, text);
    if (found && escaped) found.message = "escaped control character " + code(text.charAt(found.at)) + " in a quoted value; delete it";
    return found;
  }

  var api = { typed: typed, code: code, hidden: hidden, refused: refused,
              YamlFloat: YamlFloat, YamlDate: YamlDate, REFUSED_CLASS: REFUSED_CLASS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsYamlTypes = api;
})(this);
