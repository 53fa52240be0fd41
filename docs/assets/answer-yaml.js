/* The YAML of answer files (and JSON, which is YAML too), parsed by the `yaml` package from npm
 * and read the way `revops score` reads it (src/revops/foundation/yamlsource.py): plain scalars
 * typed as PyYAML types them (answer-yaml-types.js), and refused as it refuses them: aliases,
 * tags, merge keys (each kind once, at its first), duplicate keys and keys that are lists or
 * mappings (each), nesting deeper than MAX_DEPTH, a second document, control characters.
 * The library is loaded on the page's first import (assessment-import.js); node requires it. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Types = node ? require("./answer-yaml-types.js") : root.RevOpsYamlTypes;
  var MAX_DEPTH = 50;  // yamlsource.MAX_DEPTH
  var CORE = "tag:yaml.org,2002:";
  // No schema of the library's types the scalars: its YAML 1.1 schema reads y, n, 1e5 and
  // 2026-6-3 as a boolean, a number and a date, which PyYAML reads as text.
  var OPTIONS = { version: "1.1", schema: "failsafe", uniqueKeys: false, prettyErrors: false };
  var REFUSED = {  // yamlsource._REFUSED
    alias: "aliases (*name) are not allowed{more}; write the value out in full",
    tag: "tag '{detail}' is not allowed{more}; these files use no tags, so write the plain value",
    merge: "merge keys (<<) are not allowed{more}; write the keys out in full",
    escaped: "escaped control character {detail} in a quoted value{more}; delete it"
  };
  var DEEP = "nested more than " + MAX_DEPTH + " levels deep; these files need only a few levels, so flatten it";

  /* Problems in a file: [{line, message}]; the first is also the error's own line and message. */
  function YamlError(problems) {
    this.problems = problems;
    this.line = problems[0].line;
    this.message = problems[0].message;
  }

  function library() {
    var found = node ? require("yaml") : root.RevOpsVendor && root.RevOpsVendor.yaml;
    if (!found) throw new Error("the YAML reader is not loaded yet");
    return found;
  }

  /* Nothing but blank lines and comments (the other breaks Python's splitlines() knows are
   * control characters, refused before this). */
  function isEmpty(text) {
    return text.split(/\r\n|[\n\r\u2028\u2029]/).every(function (line) { return /^\s*(#.*)?$/.test(line); });
  }

  /* A key as Python would print it: typed keys (1, true, ~) are not text in YAML. */
  function keyName(key) {
    if (key === null) return "None";
    if (key === true || key === false) return key ? "True" : "False";
    return String(key);
  }

  /* Plain data from the library's nodes, each value's and key's line recorded as yamlsource's
   * Located records them; problems collected as its _Builder collects them. */
  function Builder(Yaml, lines) {
    this.Yaml = Yaml;
    this.lines = lines;
    this.keys = new Map();
    this.values = new Map();
    this.problems = [];
    this.refused = {};  // kind -> [[line, detail]]
  }

  var B = Builder.prototype;
  B.lineOf = function (item) { return this.lines.linePos(item.range[0]).line; };
  B.refuse = function (kind, line, detail) { (this.refused[kind] = this.refused[kind] || []).push([line, detail || ""]); };

  /* The line of loc, or of its nearest ancestor that has one (Located.where). */
  B.where = function (loc) {
    for (loc = loc.slice(); ; loc.pop()) {
      var id = JSON.stringify(loc);
      if (this.keys.has(id)) return this.keys.get(id);
      if (this.values.has(id)) return this.values.get(id);
      if (!loc.length) return 1;
    }
  };

  /* The value of a node at loc (null for a missing one); keep is false inside a dropped key. */
  B.value = function (item, loc, keep, depth) {
    var Yaml = this.Yaml;
    if (item === null || item === undefined) return null;
    if (Yaml.isAlias(item)) { this.refuse("alias", this.where(loc)); return null; }
    if (keep) this.values.set(JSON.stringify(loc), this.lineOf(item));
    if (Yaml.isScalar(item)) return this.scalar(item);
    this.tagged(item);
    if (depth > MAX_DEPTH) throw new YamlError([{ line: this.lineOf(item), message: DEEP }]);
    if (Yaml.isSeq(item)) {
      var self = this;
      return item.items.map(function (entry, index) { return self.value(entry, loc.concat([index]), keep, depth + 1); });
    }
    return this.mapping(item, loc, keep, depth);
  };

  B.tagged = function (item) {
    if (!item.tag) return false;
    var tag = item.tag.indexOf(CORE) === 0 ? "!!" + item.tag.slice(CORE.length) : item.tag;
    this.refuse("tag", this.lineOf(item), tag.slice(0, 40));
    return true;
  };

  /* A scalar's value, typed; a tag is refused wherever it is, and its value left as text. */
  B.scalar = function (item) {
    if (this.tagged(item)) return item.value;
    if (item.type === "QUOTE_DOUBLE") {
      var hidden = Types.hidden(item.value, true);
      if (hidden) this.refuse("escaped", this.lineOf(item), Types.code(item.value.charAt(hidden.at)));
    }
    return item.type === "PLAIN" ? Types.typed(item.source) : item.value;
  };

  B.mapping = function (item, loc, keep, depth) {
    var map = Object.create(null), Yaml = this.Yaml;
    for (var i = 0; i < item.items.length; i++) {
      var pair = item.items[i], key = pair.key, name = null, line;
      if (key && !Yaml.isScalar(key)) {  // a list, mapping or alias as a key: its value is dropped
        if (Yaml.isAlias(key)) this.refuse("alias", this.where(loc));
        else if (keep) this.problems.push({ line: this.lineOf(key), message: "a key must be a plain value, not a list or mapping" });
        if (!Yaml.isAlias(key)) this.value(key, loc, false, depth + 1);
      } else {
        line = key ? this.lineOf(key) : this.lineOf(pair.value || item);
        name = keyName(key ? this.scalar(key) : null);
        if (key && key.type === "PLAIN" && !key.tag && key.source === "<<") this.refuse("merge", line);
        if (keep && name in map) {
          this.problems.push({ line: line, message: "duplicate key '" + name + "' (first used on line " +
                               this.keys.get(JSON.stringify(loc.concat([name]))) + "); keep one and delete the other" });
          name = null;
        } else if (keep) this.keys.set(JSON.stringify(loc.concat([name])), line);
      }
      var value = this.value(pair.value, loc.concat([name]), keep && name !== null, depth + 1);
      if (name !== null) map[name] = value;
    }
    return map;
  };

  B.refusals = function () {
    var refused = this.refused;
    return Object.keys(refused).map(function (kind) {
      var found = refused[kind], more = found.length > 1 ? " (" + found.length + " found; this is the first)" : "";
      return { line: found[0][0], message: REFUSED[kind].replace("{detail}", found[0][1]).replace("{more}", more) };
    });
  };

  /* The first thing the library could not parse, as yamlsource words it. */
  function parseProblem(error, lines) {
    var line = lines.linePos(error.pos[0]).line || 1;
    if (error.code === "MULTIPLE_DOCS") return { line: line, message: "invalid YAML: a second document starts here; keep one document per file" };
    if (error.code === "RESOURCE_EXHAUSTION") return { line: line, message: DEEP };
    var what = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    return { line: line, message: "invalid YAML: " + what + "; check indentation, quotes and colons here" };
  }

  /* {data, problems, where(loc) -> line} for a YAML (or JSON) text whose data can be read;
   * problems are those that leave the data readable (duplicate keys). Throws YamlError when
   * the data cannot be read, with every problem that says why. */
  function parse(text) {
    var hidden = Types.hidden(text, false);
    if (hidden) throw new YamlError([{ line: text.slice(0, hidden.at).split("\n").length, message: hidden.message }]);
    if (isEmpty(text)) throw new YamlError([{ line: 1, message: "file is empty; add content or delete the file" }]);
    // YAML 1.1 breaks lines at a lone CR and at U+2028 and U+2029 too; the library, at LF and CRLF.
    text = text.replace(/\r(?!\n)|[\u2028\u2029]/g, "\n");
    var Yaml = library(), lines = new Yaml.LineCounter();
    var options = Object.assign({ lineCounter: lines }, OPTIONS);
    var doc = Yaml.parseDocument(text, options);
    if (doc.errors.length) throw new YamlError([parseProblem(doc.errors[0], lines)]);
    var builder = new Builder(Yaml, lines), data = builder.value(doc.contents, [], true, 1);
    var refused = builder.refusals();
    if (refused.length) throw new YamlError(refused);
    return { data: data, problems: builder.problems, where: function (loc) { return builder.where(loc); } };
  }

  var api = { parse: parse, YamlError: YamlError, YamlFloat: Types.YamlFloat, YamlDate: Types.YamlDate,
              MAX_DEPTH: MAX_DEPTH };
  if (node) module.exports = api;
  else root.RevOpsYaml = api;
})(this);
