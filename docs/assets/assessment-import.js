/* Importing files on the assessment page: files are read one at a time, with a progress line
 * for a large import and pauses that let the page paint, and colleagues are merged in linear
 * time, one answer set per person as `revops score` keeps them. An import that would take the
 * page past its colleague cap is refused whole. Only readEach touches the browser. */
(function (root) {
  "use strict";

  // The readers of files, and the npm packages the YAML reader and the zip reader use (yaml
  // and fflate, copied into vendor/ by scripts/vendor.py when the site is built): loaded on
  // the first import that needs them, so the page loads without them.
  var ASSETS = assetsFolder();
  var NEEDS_YAML = /\.(ya?ml|json)$/i;  // JSON answer files are read as YAML, as the CLI reads them
  var NEEDS_CSV = /\.(csv|zip|xlsx|xlsm)$/i;  // a zip and a workbook are read as the CSV they hold
  var NEEDS_ZIP = /\.(zip|xlsx|xlsm)$/i;     // and a .csv that is a zip, told by its first bytes
  var loading = {};
  // An import this large shows progress; smaller ones end before a progress line could be read.
  var LARGE_BYTES = 200000, MANY_FILES = 20;
  var PAUSE_EVERY_MS = 100;  // work between two chances for the page to paint and take input
  var SAY_EVERY_MS = 1000;   // a new progress line at most this often, so a screen reader keeps up

  function number(n) { return n.toLocaleString("en-US"); }

  /* "1 colleague", "2 colleagues": a count with its noun in the right form. */
  function count(n, one, many) { return number(n) + " " + (n === 1 ? one : many || one + "s"); }

  /* Who a name, email address or response id stands for, ignoring case and spacing
   * (answers.person_key); null for Microsoft Forms' word for no one in particular. */
  function textKey(text) {
    var key = typeof text === "string" ? text.toLowerCase().split(/\s+/).filter(Boolean).join(" ") : "";
    return key && key !== "anonymous" && key !== "anon" ? key : null;
  }

  function emailKey(p) { return textKey(p.email); }

  function nameKey(p) { return textKey(p.name); }

  /* The same person with the same answers: a second copy adds nothing. */
  function personKey(p) {
    var answers = {}, evidence = {};
    Object.keys(p.answers || {}).sort().forEach(function (id) { answers[id] = p.answers[id]; });
    Object.keys(p.evidence || {}).sort().forEach(function (id) { evidence[id] = p.evidence[id].text; });
    return JSON.stringify([p.name || "", p.role || "", answers, evidence]);
  }

  function tooManyFiles(files, most) {
    return "you chose " + number(files) + " files, and each holds at least one person's answers, but this page " +
           "holds at most " + number(most) + " colleagues; choose fewer files, or score a team this large with the " +
           "playbook's command-line tool";
  }

  /* Who a colleague is, for a message: their name, or their email address. */
  function label(p) { return p.name || p.email || "a respondent without a name"; }

  /* Who an answer set is from, as the CLI tells (answers.people.who): its email address,
   * else its name, else the survey tool's id of the response; null when it names nobody in
   * particular. */
  function whoKey(p) { return emailKey(p) || nameKey(p) || (p.responseId ? "#" + textKey(p.responseId) : null); }

  /* Colleagues already loaded (`loaded`, not changed) with files' respondents added by add(), a
   * file at a time. `mine` (the page's own answers) is never added twice as a colleague. One
   * person, one respondent: the same email address (case and spacing ignored) or, without one,
   * the same name is one person, whose later submission (by date, then order) counts and takes
   * the later one's place, as `drop_repeats` keeps it for the CLI. */
  function colleagues(loaded, mine, most) {
    var people = [], size = 0, seen = new Map(), at = new Map(), repeated = [], counts = { loaded: 0, twice: 0 };
    var rows = new WeakMap();  // where a file's respondent came from: {file, line}

    function repeat(earlier, later, email) {
      repeated.push({ earlier: earlier, later: later, email: email, rows: [rows.get(earlier), rows.get(later)] });
    }

    function place(p) {
      var key = whoKey(p), earlier = key && at.has(key) ? people[at.get(key)] : null;
      if (earlier && (p.date || "") < (earlier.date || "")) {  // an earlier submission arrives late
        repeat(p, earlier, !!emailKey(p));
        return;
      }
      if (earlier) {
        repeat(earlier, p, !!emailKey(p));
        people[at.get(key)] = null;  // a hole, so the merge stays linear: people() leaves it out
        size -= 1;
      }
      if (key) at.set(key, people.length);
      people.push(p);
      size += 1;
    }

    loaded.forEach(function (p) { seen.set(personKey(p), "loaded"); place(p); });
    repeated = [];  // only repeats among the new files are reported
    var before = size;
    if (mine) seen.set(personKey(mine), "loaded");

    /* Adds a file's respondents; returns why the page cannot hold them, or null. */
    function add(respondents, fileName, lines) {
      respondents.forEach(function (p, i) {
        if (lines && lines[i]) rows.set(p, { file: fileName, line: lines[i] });
        var key = personKey(p), earlier = seen.get(key);
        if (earlier) { counts[earlier] += 1; return; }
        seen.set(key, "twice");
        place(p);
      });
      if (size <= most) return null;
      var already = loaded.length ? "with the " + count(loaded.length, "colleague") + " already here, " : "";
      return fileName + ": " + already + "this file would bring the team to " + number(size) +
             " people, but this page holds at most " + number(most) + " colleagues; " +
             (loaded.length ? "remove colleagues first, or " : "") + "score a team this large with the playbook's command-line tool";
    }

    /* What the import changed, for the status line. */
    function summary() {
      return { added: size - before, repeated: repeated.slice(), skipped: counts.loaded, twice: counts.twice };
    }

    return { add: add, people: function () { return people.filter(Boolean); }, summary: summary };
  }

  function assetsFolder() {
    var script = typeof document !== "undefined" && (document.currentScript || document.querySelector("script[src*='assessment-import.js']"));
    return script ? script.src.replace(/[^/]*$/, "") : null;
  }

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = ASSETS + name;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function loadYaml() {
    return import(ASSETS + "vendor/yaml/index.js").then(function (yaml) {
      root.RevOpsVendor = { yaml: yaml };
      return loadScript("answer-yaml.js");
    });
  }

  /* fflate (copied into vendor/ as the yaml package is), then the zip and workbook readers. */
  function loadZip() {
    return loadScript("vendor/fflate/index.js").then(function () { return loadScript("answer-zip.js"); })
      .then(function () { return loadScript("answer-workbook.js"); });
  }

  function isZip(bytes) { return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4; }

  function loadCsv() {
    return Promise.all(["answer-regional.js", "answer-survey.js", "answer-exports.js", "answer-date-order.js",
                        "answer-identity.js", "answer-csv-rows.js"].map(loadScript));
  }

  /* Once: load(), remembered; after a failure the next import tries again. */
  function once(key, load) {
    loading[key] = loading[key] || load().catch(function () {
      loading[key] = null;
      throw new root.RevOpsFiles.ImportError("the page's file reader could not be loaded; check the connection, reload the page and import the file again");
    });
    return loading[key];
  }

  /* Resolves once the readers the files need are loaded. */
  function readersFor(files) {
    var names = files.map(function (file) { return file.name; });
    return Promise.all([
      names.some(function (name) { return NEEDS_YAML.test(name); }) ? once("yaml", loadYaml) : null,
      names.some(function (name) { return NEEDS_CSV.test(name); }) ? once("csv", loadCsv) : null,
      names.some(function (name) { return NEEDS_ZIP.test(name); }) ? once("zip", loadZip) : null
    ]);
  }

  function progressText(file, index, count) {
    if (count === 1) return "Reading " + file.name + " (" + (file.size / 1000000).toFixed(1) + " MB)…";
    return "Reading file " + number(index + 1) + " of " + number(count) + " (" + file.name + ")…";
  }

  /* Resolves once the page has painted, so a progress line shows before a long step; at once
   * in a hidden tab, which paints nothing and would never call back. */
  function painted() {
    return new Promise(function (resolve) {
      if (document.hidden) { resolve(); return; }
      window.requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  /* Reads the files one after another, once the readers they need are loaded: handle(bytes,
   * name) parses one (it may throw to stop) and its results are returned in order. say(text)
   * shows progress for a large import. */
  async function readEach(files, handle, say) {
    await readersFor(files);
    var size = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    var large = files.length >= MANY_FILES || size >= LARGE_BYTES, results = [], pausedAt = -Infinity, saidAt = -Infinity;
    for (var i = 0; i < files.length; i++) {
      if (large && performance.now() - pausedAt >= PAUSE_EVERY_MS) {
        if (performance.now() - saidAt >= SAY_EVERY_MS) {
          say(progressText(files[i], i, files.length));
          saidAt = performance.now();
        }
        await painted();
        pausedAt = performance.now();
      }
      var bytes = new Uint8Array(await files[i].arrayBuffer());
      if (isZip(bytes)) await once("zip", loadZip);  // a Google Forms download saved under a .csv name
      results.push(handle(bytes, files[i].name));
    }
    return results;
  }

  /* Where the two submissions of one person are: "rows 2 and 4 of a.csv", or each file's row. */
  function rowsText(rows) {
    if (!rows[0] || !rows[1]) return "";
    if (rows[0].file === rows[1].file) return "rows " + number(rows[0].line) + " and " + number(rows[1].line) + " of " + rows[0].file;
    return rows.map(function (at) { return "row " + number(at.line) + " of " + at.file; }).join(" and ");
  }

  /* What the import says about one person who submitted twice: {earlier, later, email, rows}. */
  function repeatText(repeat) {
    var first = label(repeat.earlier), second = label(repeat.later), where = rowsText(repeat.rows || []);
    var same = first.toLowerCase() === second.toLowerCase();
    var who = same ? first + " answered twice" + (where ? " (" + where + ")" : "")
      : first + " and " + second + " are one person (the same " + (repeat.email ? "email address" : "name") + (where ? "; " + where : "") + ")";
    return who + ": only the later answers count" + (same ? "" : ", " + second + "'s");
  }

  var api = { colleagues: colleagues, readEach: readEach, tooManyFiles: tooManyFiles, nameKey: nameKey,
              emailKey: emailKey, personKey: personKey, number: number, count: count, repeatText: repeatText };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsImport = api;
})(this);
