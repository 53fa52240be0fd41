/* The YAML that answer files use, read the way `revops score` reads it (PyYAML, YAML 1.1):
 * block and flow mappings and lists, quoted and plain scalars (typed by answer-yaml-types.js),
 * and JSON, which is YAML too. Refused as src/revops/foundation/yamlsource.py refuses them: aliases, tags,
 * merge keys, duplicate keys, nesting deeper than MAX_DEPTH, control characters. Multi-line text
 * (| and >, values folded over lines) and complex keys are not read: answer files never need them,
 * and tests/cases lists that difference. */
(function (root) {
  "use strict";

  var Types = typeof module !== "undefined" && module.exports ? require("./answer-yaml-types.js") : root.RevOpsYamlTypes;
  var typed = Types.typed;
  var MAX_DEPTH = 50;  // yamlsource.MAX_DEPTH
  var BREAK = /[\n\r\u2028\u2029]/;  // line breaks in YAML 1.1 (U+0085 is refused as hidden)
  var DASH = /^-(?=[ \t]|$)/;  // a block list item

  function YamlError(line, message) { this.line = line; this.message = message; }

  function Parser(text) {
    this.text = text;
    this.pos = this.lineBegin = 0;
    this.line = 1;
    this.started = this.marked = false;  // content has begun; a "---" has been seen
  }

  var P = Parser.prototype;
  P.fail = function (message) { throw new YamlError(this.line, message); };
  P.invalid = function (what) { this.fail("invalid YAML: " + what + "; check indentation, quotes and colons here"); };
  P.peek = function (ahead) { return this.text.charAt(this.pos + (ahead || 0)); };
  P.column = function () { return this.pos - this.lineBegin; };
  P.place = function () { return [this.pos, this.line, this.lineBegin]; };
  P.goBack = function (place) { this.pos = place[0]; this.line = place[1]; this.lineBegin = place[2]; };
  P.atLineEnd = function () { var c = this.peek(); return c === "" || BREAK.test(c); };
  P.skipComment = function () { while (!this.atLineEnd()) this.pos += 1; };
  P.skipBlanks = function () { while (this.peek() === " " || this.peek() === "\t") this.pos += 1; };
  P.deeper = function (depth) {
    if (depth > MAX_DEPTH) this.fail("nested more than " + MAX_DEPTH + " levels deep; these files need only a few levels, so flatten it");
  };
  P.duplicate = function (key, first) {
    this.fail("duplicate key '" + key + "' (first used on line " + first + "); keep one and delete the other");
  };

  /* The text from here to the end of the line (never the whole rest: files reach 1 MB). */
  P.lineRest = function () {
    var end = this.pos;
    while (end < this.text.length && !BREAK.test(this.text[end])) end += 1;
    return this.text.slice(this.pos, end);
  };

  /* Skips spaces, tabs and a comment, staying on the line. */
  P.skipInline = function () {
    this.skipBlanks();
    if (this.peek() === "#" && (this.pos === 0 || /\s/.test(this.text.charAt(this.pos - 1)))) this.skipComment();
  };

  P.newline = function () {
    if (this.peek() === "\r" && this.peek(1) === "\n") this.pos += 1;
    this.pos += 1;
    this.line += 1;
    this.lineBegin = this.pos;
  };

  /* At the start of a line: document marks, and tabs used to indent. */
  P.lineStart = function () {
    var mark = /^(---|\.\.\.)(?=[ \t]|$)/.exec(this.lineRest());
    if (mark) {
      if (mark[1] === "---" && (this.started || this.marked)) this.fail("invalid YAML: a second document starts here; keep one document per file");
      this.pos += 3;
      this.marked = this.marked || mark[1] === "---";
      return;
    }
    while (this.peek() === " ") this.pos += 1;
    if (this.peek() === "\t" && !/^[ \t]*(#|$)/.test(this.lineRest())) {
      this.fail("invalid YAML: a tab indents this line; indent with spaces");
    }
  };

  /* Moves to the next content, on this line or a later one; false at the end of the text. */
  P.nextContent = function () {
    for (;;) {
      this.skipInline();
      if (this.peek() === "") return false;
      if (!this.atLineEnd()) return true;
      this.newline();
      this.lineStart();
    }
  };

  P.document = function () {
    this.lineStart();
    if (!this.nextContent()) return undefined;
    this.started = true;
    var value = this.blockNode(this.column(), 1);
    if (this.nextContent()) this.invalid(this.column() > 0 ? "unexpected indentation" : "content after the end of the document");
    return value;
  };

  /* The node that starts here: a block list or mapping, a flow collection, or a scalar. */
  P.blockNode = function (indent, depth) {
    if (DASH.test(this.lineRest())) return this.blockList(indent, depth);
    if (this.mappingKeyAhead()) return this.blockMapping(indent, depth);
    return this.endOfLine(this.inlineValue(depth));
  };

  P.endOfLine = function (value) {
    this.skipInline();
    if (this.peek() === "#") this.skipComment();  // libyaml reads "x"#note as a value and a comment
    if (!this.atLineEnd()) this.invalid("unexpected text after a value");
    return value;
  };

  P.mappingKeyAhead = function () {
    var rest = this.lineRest();
    if (/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)/.test(rest)) return true;
    if (/^[[{"'|>*&!%@`#]/.test(rest) || /^[?:-](?=[ \t]|$)/.test(rest)) return false;
    var colon = rest.search(/:(?=[ \t]|$)|[ \t]#/);
    return colon >= 0 && rest.charAt(colon) === ":";
  };

  P.blockMapping = function (indent, depth) {
    this.deeper(depth);
    var map = Object.create(null), lines = Object.create(null);
    for (;;) {
      var keyLine = this.line, key = this.mappingKey();
      if (key in lines) this.duplicate(key, lines[key]);
      lines[key] = keyLine;
      map[key] = this.valueAfterKey(indent, depth);
      if (!this.nextContent() || this.column() < indent) return map;
      if (this.column() > indent) this.invalid("unexpected indentation");
      if (!this.mappingKeyAhead()) this.invalid("expected 'key: value'");
    }
  };

  P.mappingKey = function () {
    var key;
    if (this.peek() === '"' || this.peek() === "'") key = this.quoted();
    else {
      var rest = this.lineRest(), colon = rest.search(/:(?=[ \t]|$)/);
      var text = rest.slice(0, colon).replace(/[ \t]+$/, "");
      if (text === "<<") this.fail("merge keys (<<) are not allowed; write the keys out in full");
      this.pos += colon;
      key = typed(text);
    }
    this.skipBlanks();
    this.pos += 1;  // the colon
    return keyName(key);
  };

  /* A key as Python would print it: typed keys (1, true, ~) are not text in YAML. */
  function keyName(key) {
    if (key === null) return "None";
    if (key === true || key === false) return key ? "True" : "False";
    return String(key);
  }

  function isCollection(value) {
    return Array.isArray(value) || (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null);
  }

  /* After 'key:': a value on the line, a nested block on the next lines, or nothing (null). */
  P.valueAfterKey = function (indent, depth) {
    this.skipInline();
    if (!this.atLineEnd()) return this.endOfLine(this.inlineValue(depth + 1));
    var here = this.place();
    if (this.nextContent()) {
      if (this.column() > indent) return this.blockNode(this.column(), depth + 1);
      if (this.column() === indent && DASH.test(this.lineRest())) return this.blockList(indent, depth + 1);
    }
    this.goBack(here);
    return null;
  };

  P.blockList = function (indent, depth) {
    this.deeper(depth);
    var list = [];
    for (;;) {
      this.pos += 1;  // the dash
      this.skipInline();
      if (!this.atLineEnd()) list.push(this.blockNode(this.column(), depth + 1));
      else {
        var here = this.place();
        if (this.nextContent() && this.column() > indent) list.push(this.blockNode(this.column(), depth + 1));
        else { this.goBack(here); list.push(null); }
      }
      if (!this.nextContent() || this.column() < indent) return list;
      if (this.column() === indent && DASH.test(this.lineRest())) continue;
      if (this.column() === indent && this.mappingKeyAhead()) return list;  // the list was a key's value
      this.invalid("expected '- ' for the next item of the list");
    }
  };

  /* What YAML allows before any value and this reader refuses, or an anchor, which it skips. */
  P.properties = function () {
    var c = this.peek(), token = this.lineRest().match(/^[^\s,[\]{}]*/)[0];
    if (c === "*") this.fail("aliases (*name) are not allowed; write the value out in full");
    if (c === "!") this.fail("tag '" + token.slice(0, 40) + "' is not allowed; these files use no tags, so write the plain value");
    if (c !== "&") return;
    this.pos += token.length;  // an anchor alone is harmless: the value is kept as written
    this.skipBlanks();
    if (/[&*!]/.test(this.peek())) this.invalid("a value takes one anchor and nothing more");
  };

  /* A value that starts on this line: a flow collection, a quoted scalar or a plain one. */
  P.inlineValue = function (depth) {
    this.properties();
    if (this.atLineEnd() || this.peek() === "#") return null;
    var c = this.peek(), rest = this.lineRest();
    if (c === "{" || c === "[") return this.flowNode(depth);
    if (c === '"' || c === "'") return this.quoted();
    if (c === "|" || c === ">") this.fail("multi-line text (| or >) is not read here; write the value on one line");
    if (/^(?:[-?:](?=[ \t]|$)|[@`,\]}%])/.test(rest)) this.invalid("a value cannot start with '" + c + "'");
    var end = rest.search(/[ \t]#|:(?=[ \t]|$)/);
    if (end >= 0 && rest.charAt(end) === ":") this.invalid("mapping values are not allowed here");
    var text = (end < 0 ? rest : rest.slice(0, end)).replace(/[ \t]+$/, "");
    this.pos += text.length;
    return typed(text);
  };

  P.quoted = function () {
    var quote = this.peek(), out = "";
    this.pos += 1;
    for (;;) {
      var c = this.peek();
      if (c === "" || BREAK.test(c)) this.fail("invalid YAML: quoted text is not closed on its line; close the quote or write it on one line");
      this.pos += 1;
      if (c === quote && quote === "'" && this.peek() === "'") { out += "'"; this.pos += 1; }
      else if (c === quote) break;
      else if (c === "\\" && quote === '"') {
        var found = Types.escapeAt(this.text, this.pos - 1);
        if (!found) this.invalid("unknown escape '\\" + this.peek() + "' in quoted text");
        out += found.text;
        this.pos += found.length - 1;
      } else out += c;
    }
    var hidden = quote === '"' && Types.hidden(out, true);
    if (hidden) this.fail(hidden.message);
    return out;
  };

  /* Flow style, { } and [ ], which may run over several lines: JSON is written this way. */
  P.skipFlowSpace = function () {
    for (this.skipInline(); this.peek() !== "" && BREAK.test(this.peek()); this.skipInline()) this.newline();
  };

  P.flowNode = function (depth) {
    this.deeper(depth);
    var open = this.peek(), close = open === "{" ? "}" : "]";
    var result = open === "{" ? Object.create(null) : [], lines = Object.create(null);
    this.pos += 1;
    for (;;) {
      this.skipFlowSpace();
      if (this.peek() === close) { this.pos += 1; return result; }
      if (this.peek() === "") this.invalid("'" + open + "' is never closed");
      var line = this.line, item = this.flowItem(depth);
      this.skipFlowSpace();
      if (open === "[") result.push(item);
      else {
        if (isCollection(item)) this.fail("a key must be a plain value, not a list or mapping");
        var key = keyName(item), value = null;
        if (this.peek() === ":") {
          if (this.line !== line) this.invalid("expected ',' or '}' (a key and its ':' go on one line)");
          this.pos += 1;
          this.skipFlowSpace();
          if (this.peek() !== "," && this.peek() !== "}") value = this.flowItem(depth);
          this.skipFlowSpace();
        }
        if (key in lines) { this.line = line; this.duplicate(key, lines[key]); }
        lines[key] = line;
        result[key] = value;
      }
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== close) this.invalid("expected ',' or '" + close + "'");
    }
  };

  P.flowItem = function (depth) {
    if (/^\?(?=[ \t]|$)/.test(this.lineRest())) { this.pos += 1; this.skipFlowSpace(); }  // "? key": an explicit key
    this.properties();
    var c = this.peek();
    if (c === "{" || c === "[") return this.flowNode(depth + 1);
    if (c === '"' || c === "'") return this.quoted();
    var rest = this.lineRest(), end = rest.search(/[,[\]{}]|[ \t]#|:(?=[ \t,[\]{}]|$)/);
    var text = (end < 0 ? rest : rest.slice(0, end)).replace(/[ \t]+$/, "");
    if (!text) this.invalid("a value is missing");
    this.pos += text.length;
    return typed(text);
  };

  /* The data in a YAML (or JSON) text. Throws YamlError with a line number and a message. */
  function parse(text) {
    var hidden = Types.hidden(text, false);
    if (hidden) throw new YamlError(text.slice(0, hidden.at).split("\n").length, hidden.message);
    var value = new Parser(text).document();
    if (value === undefined) throw new YamlError(1, "file is empty; add content or delete the file");
    return value;
  }

  var api = { parse: parse, YamlError: YamlError, YamlFloat: Types.YamlFloat, YamlDate: Types.YamlDate,
              MAX_DEPTH: MAX_DEPTH };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsYaml = api;
})(this);
