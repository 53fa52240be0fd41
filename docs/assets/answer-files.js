/* Reading and writing answer files in the browser: the formats `revops score` accepts.
 * Every problem becomes an ImportError with a plain message; nothing here touches the DOM. */
(function (root) {
  "use strict";

  var MAX_BYTES = 2000000;

  function ImportError(message) { this.message = message; }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function fail(where, message) { throw new ImportError((where ? where + ": " : "") + message); }

  /* -- a small YAML reader for answer files: mappings two levels deep, plain scalars -- */
  function yamlScalar(raw, where) {
    var text = raw.trim();
    if (text === "" || text === "~" || text === "null" || text === "Null" || text === "NULL") return null;
    if (text[0] === '"') {
      var end = text.lastIndexOf('"');
      if (end <= 0 || text.slice(end + 1).replace(/\s+#.*$/, "").trim()) fail(where, "unclosed or malformed quoted text");
      try { return JSON.parse(text.slice(0, end + 1)); } catch (e) { fail(where, "malformed quoted text"); }
    }
    if (text[0] === "'") {
      var match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
      if (!match) fail(where, "unclosed or malformed quoted text");
      return match[1].replace(/''/g, "'");
    }
    text = text.replace(/\s+#.*$/, "").trim();
    if (/^[&*!|>\[{]/.test(text)) fail(where, "only plain values are supported here (no anchors, aliases, tags, lists or blocks)");
    if (/^[-+]?\d+$/.test(text)) return parseInt(text, 10);
    if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return parseFloat(text);
    if (/^(true|false|yes|no|on|off)$/i.test(text)) return /^(true|yes|on)$/i.test(text);
    return text;
  }

  function parseYaml(text) {
    var rootMap = Object.create(null), current = null, currentIndent = null;
    var lines = text.replace(/^\ufeff/, "").split(/\r\n|\n|\r/);
    for (var i = 0; i < lines.length; i++) {
      var where = "line " + (i + 1), line = lines[i];
      if (/^\s*(#.*)?$/.test(line) || line === "---") continue;
      if (/\t/.test(line.match(/^\s*/)[0])) fail(where, "indent with spaces, not tabs");
      var indent = line.match(/^ */)[0].length;
      var match = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"][^:#]*?)\s*:(?:\s+(.*))?$/.exec(line);
      if (!match) fail(where, "expected 'key: value'");
      var key = yamlScalar(match[1], where);
      key = key === null ? "null" : String(key);
      var rest = match[2] === undefined ? "" : match[2];
      var target;
      if (indent === 0) { target = rootMap; current = null; currentIndent = null; }
      else {
        if (current === null) fail(where, "unexpected indentation");
        if (currentIndent === null) currentIndent = indent;
        if (indent !== currentIndent) fail(where, "inconsistent indentation");
        target = current;
      }
      if (has(target, key)) fail(where, "duplicate key '" + key + "'");
      var valueText = rest.replace(/^\s+/, "");
      if (indent === 0 && (valueText === "" || /^#/.test(valueText))) {
        current = Object.create(null); currentIndent = null;
        target[key] = current;
        current.__line__ = i + 1;
        continue;
      }
      target[key] = yamlScalar(rest, where);
    }
    return stripLines(rootMap);
  }

  function stripLines(map) {
    var out = Object.create(null);
    Object.keys(map).forEach(function (k) {
      if (k === "__line__") return;
      var v = map[k];
      if (v && typeof v === "object") {
        var inner = stripLines(v);
        out[k] = Object.keys(inner).length ? inner : null;
      } else out[k] = v;
    });
    return out;
  }

  /* -- CSV, RFC 4180 -- */
  function parseCsv(text) {
    var rows = [], row = [], field = "", i = 0, quoted = false, line = 1, rowLine = 1;
    text = text.replace(/^\ufeff/, "");
    while (i < text.length) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (c === '"') {
          quoted = false; i += 1;
          if (i < text.length && !/[,\r\n]/.test(text[i])) fail("line " + line, "text after a closing quote");
          continue;
        }
        if (c === "\n") line += 1;
        field += c; i += 1; continue;
      }
      if (c === '"' && field === "") { quoted = true; i += 1; continue; }
      if (c === ",") { row.push(field); field = ""; i += 1; continue; }
      if (c === "\r" || c === "\n") {
        row.push(field); rows.push({ line: rowLine, cells: row }); row = []; field = "";
        if (c === "\r" && text[i + 1] === "\n") i += 1;
        i += 1; line += 1; rowLine = line; continue;
      }
      field += c; i += 1;
    }
    if (quoted) fail("line " + rowLine, "a quoted field is never closed");
    if (field !== "" || row.length) { row.push(field); rows.push({ line: rowLine, cells: row }); }
    return rows.filter(function (r) {
      return !/^\s*#/.test(r.cells[0] || "") && r.cells.some(function (c) { return c.trim() !== ""; });
    });
  }

  /* -- answers -- */
  function knownIds(bank) {
    var ids = Object.create(null);
    bank.rules.forEach(function (rule) { rule.questions.forEach(function (q) { ids[q.id] = true; }); });
    return ids;
  }

  function parseValue(raw, where) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === "number") {
      if (Number.isInteger(raw) && raw >= 1 && raw <= 5) return raw;
      fail(where, String(raw) + " is not an answer; use 1 to 5, n/a, unknown, or leave it empty");
    }
    if (typeof raw === "string") {
      var text = raw.trim().toLowerCase();
      if (text === "" || text === "null" || text === "~") return null;
      if (text === "n/a" || text === "unknown") return text;
      if (/^[1-5]$/.test(text)) return parseInt(text, 10);
    }
    fail(where, "'" + String(raw).slice(0, 40) + "' is not an answer; use 1 to 5, n/a, unknown, or leave it empty");
  }

  /* ignored: when given, unknown ids are counted in ignored.count instead of refused
   * (an earlier assessment may use questions that have since been renamed). */
  function readAnswers(source, bank, where, ignored) {
    if (source === null || typeof source !== "object" || Array.isArray(source)) {
      fail(where, "'answers' must map question ids to answers");
    }
    var ids = knownIds(bank), answers = Object.create(null);
    Object.keys(source).forEach(function (id) {
      if (!ids[id]) {
        if (ignored) { ignored.count += 1; return; }
        fail(where, "unknown question id '" + id.slice(0, 60) + "'");
      }
      answers[id] = parseValue(source[id], where + ", " + id);
    });
    return answers;
  }

  function text(value, label, where) {
    if (value === null || value === undefined) return null;
    if (typeof value !== "string" && typeof value !== "number") fail(where, label + " must be text");
    return String(value).slice(0, 200);
  }

  function fromDocument(data, bank, name, ignored) {
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      fail(name, "an answer file is a mapping with team, date and answers");
    }
    Object.keys(data).forEach(function (key) {
      if (["team", "date", "respondent", "answers"].indexOf(key) < 0) fail(name, "unknown key '" + key.slice(0, 40) + "'");
    });
    if (!has(data, "answers")) fail(name, "there is no 'answers' section");
    var person = data.respondent || {};
    if (typeof person !== "object" || Array.isArray(person)) fail(name, "'respondent' must have name and role");
    return [{
      team: text(data.team, "team", name), date: text(data.date, "date", name),
      name: text(person.name, "name", name), role: text(person.role, "role", name),
      answers: readAnswers(data.answers || {}, bank, name, ignored)
    }];
  }

  function fromCsv(textValue, bank, name, ignored) {
    var rows = parseCsv(textValue);
    if (!rows.length) fail(name, "the file is empty");
    var header = rows[0].cells.map(function (c) { return c.trim(); });
    if (header[0].toLowerCase() !== "respondent" || (header[1] || "").toLowerCase() !== "role") {
      fail(name, "the first two columns must be 'respondent' and 'role'");
    }
    var ids = knownIds(bank), seen = Object.create(null);
    header.slice(2).forEach(function (column) {
      if (seen[column]) fail(name, "duplicate column '" + column.slice(0, 60) + "'");
      seen[column] = true;
      if (!ids[column] && column !== "team" && column !== "date") {
        if (ignored) ignored.count += 1;
        else fail(name, "unknown question id '" + column.slice(0, 60) + "'");
      }
    });
    if (rows.length < 2) fail(name, "there are no respondent rows");
    return rows.slice(1).map(function (row) {
      var where = name + " line " + row.line;
      if (row.cells.length !== header.length) fail(where, "the row has " + row.cells.length + " fields but the header has " + header.length);
      var answers = Object.create(null), person = { team: null, date: null };
      header.forEach(function (column, i) {
        if (i < 2) return;
        if (ids[column]) answers[column] = parseValue(row.cells[i], where + ", " + column);
        else if (column === "team" || column === "date") person[column] = row.cells[i].trim().slice(0, 200) || null;
      });
      return { team: person.team, date: person.date, name: row.cells[0].trim().slice(0, 200) || null,
               role: row.cells[1].trim().slice(0, 200) || null, answers: answers };
    });
  }

  function fromReport(data, name) {
    if (data.schema_version !== 1) fail(name, "this report version is not supported");
    var rules = Object.create(null);
    if (!Array.isArray(data.rules) || !data.overall || typeof data.overall !== "object") {
      fail(name, "not a complete revops JSON report");
    }
    data.rules.forEach(function (rule) {
      if (!rule || typeof rule.id !== "string" || !(rule.score === null || typeof rule.score === "number")) {
        fail(name, "each rule in the report needs an id and a score");
      }
      rules[rule.id] = rule.score;
    });
    var overall = data.overall.score;
    if (!(overall === null || typeof overall === "number")) fail(name, "the overall score must be a number");
    return { overall: overall, rules: rules };
  }

  /* Parse a file's text. Returns {respondents} or, for a JSON report, {report}.
   * Every message starts with the file's name. */
  function parseFile(textValue, name, bank, options) {
    var ignored = options && options.ignoreUnknownQuestions ? { count: 0 } : null;
    try {
      var result = parseNamedFile(textValue, name, bank, ignored);
      result.ignored = ignored ? ignored.count : 0;
      return result;
    } catch (e) {
      if (e instanceof ImportError && e.message.indexOf(name) !== 0) fail(name, e.message);
      throw e;
    }
  }

  function parseNamedFile(textValue, name, bank, ignored) {
    if (textValue.length > MAX_BYTES) fail(name, "the file is too large (over 2 MB)");
    if (!textValue.replace(/^\ufeff/, "").trim()) fail(name, "the file is empty");
    var lower = name.toLowerCase();
    if (/\.csv$/.test(lower)) return { respondents: fromCsv(textValue, bank, name, ignored) };
    var data;
    if (/\.json$/.test(lower)) {
      try { data = JSON.parse(textValue.replace(/^\ufeff/, "")); } catch (e) { fail(name, "this is not valid JSON"); }
      if (data && typeof data === "object" && has(data, "schema_version")) return { report: fromReport(data, name) };
    } else if (/\.ya?ml$/.test(lower)) {
      data = parseYaml(textValue);
    } else {
      fail(name, "choose a .yaml, .yml, .json or .csv file");
    }
    return { respondents: fromDocument(data, bank, name, ignored) };
  }

  /* -- writing -- */
  function allIds(bank) {
    return [].concat.apply([], bank.rules.map(function (r) { return r.questions.map(function (q) { return q.id; }); }));
  }

  function toDocument(state, bank) {
    var answers = {};
    allIds(bank).forEach(function (id) { answers[id] = has(state.answers, id) ? state.answers[id] : null; });
    var doc = { team: state.team, date: state.date, answers: answers };
    if (state.name || state.role) doc.respondent = { name: state.name || null, role: state.role || null };
    return doc;
  }

  function yamlValue(value) {
    if (value === null || value === undefined || value === "") return "null";
    if (typeof value === "number") return String(value);
    return JSON.stringify(String(value));  // a JSON string is a valid YAML double-quoted scalar
  }

  function toYaml(state, bank) {
    var doc = toDocument(state, bank);
    var out = ["# RevOps maturity assessment, exported from the playbook site.",
               "# Score it with: revops score THIS_FILE",
               "team: " + yamlValue(doc.team), "date: " + (doc.date || "null")];
    if (doc.respondent) {
      out.push("respondent:", "  name: " + yamlValue(doc.respondent.name), "  role: " + yamlValue(doc.respondent.role));
    }
    out.push("answers:");
    bank.rules.forEach(function (rule) {
      out.push("  # " + rule.title.replace(/[\r\n]+/g, " "));
      rule.questions.forEach(function (q) { out.push("  " + q.id + ": " + yamlValue(doc.answers[q.id])); });
    });
    return out.join("\n") + "\n";
  }

  function toJson(state, bank) {
    return JSON.stringify(toDocument(state, bank), null, 2) + "\n";
  }

  var api = { ImportError: ImportError, parseFile: parseFile, parseYaml: parseYaml, parseCsv: parseCsv,
              parseValue: parseValue, toYaml: toYaml, toJson: toJson, knownIds: knownIds, allIds: allIds };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsFiles = api;
})(this);
