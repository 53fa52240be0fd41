/* Who answered a row of a survey export: the first filled of several columns, as
 * src/revops/answers/identity.py tells it. A Microsoft Forms export holds the tool's own Name
 * (empty when anonymous) beside the form's "What is your name?": the typed name wins where both
 * are filled. A person is known by their email address when there is one, then by their name,
 * then by the tool's id of the response (assessment-import.js counts each person once). */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Csv = node ? require("./answer-csv.js") : root.RevOpsCsv;

  /* The stripped text of the first of `columns` filled in a row's cells, else null. */
  function firstFilled(cells, columns) {
    for (var i = 0; i < columns.length; i++) {
      var text = Csv.strip(cells[columns[i]]);
      if (text) return text;
    }
    return null;
  }

  /* What tells who a row is from, for the page's count of people: {email} or {responseId},
   * the first filled as the layout orders them (emails, names, ids); {} when it is the name. */
  function whoFields(cells, found) {
    var emails = found.emails || [], ids = found.ids || [];
    for (var i = 0; i < found.identity.length; i++) {
      var column = found.identity[i], text = Csv.strip(cells[column]);
      if (!text) continue;
      if (emails.indexOf(column) >= 0) return { email: text };
      return ids.indexOf(column) >= 0 ? { responseId: text } : {};
    }
    return {};
  }

  var api = { firstFilled: firstFilled, whoFields: whoFields };
  if (node) module.exports = api;
  else root.RevOpsIdentity = api;
})(this);
