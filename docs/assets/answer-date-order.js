/* The order of day and month, told by the whole date column rather than cell by cell, as
 * src/revops/answers/date_order.py tells it: `7/1/2026` alone could be the 7th of January or
 * the 1st of July; in a column that also holds `6/29/2026` it is the 1st of July. A cell the
 * numbers leave open is read once the column is read, in the order the column settles; only a
 * column that no row settles (or that settles both ways) leaves it ambiguous, and then the
 * person importing chooses the order. */
(function (root) {
  "use strict";

  var SLASHED = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{2}|[0-9]{4})$/;

  /* "dmy" or "mdy" when a slashed date's numbers tell the order, else null. */
  function settles(text) {
    var match = SLASHED.exec(text.trim());
    if (!match) return null;
    var first = +match[1], second = +match[2];
    if (first > 12 && second <= 12) return "dmy";
    if (second > 12 && first <= 12) return "mdy";
    return null;
  }

  /* The orders a column's dates have shown, and its cells left open until it is read
   * (cell text -> the line it is first on). */
  function ColumnOrder() { this.shown = new Set(); this.open = new Map(); }

  /* A date read: note the order it shows, if it shows one. */
  ColumnOrder.prototype.note = function (text) {
    var order = settles(text);
    if (order) this.shown.add(order);
  };

  /* The order the column settles, if it settles exactly one. */
  ColumnOrder.prototype.order = function () {
    return this.shown.size === 1 ? this.shown.values().next().value : null;
  };

  /* Each open cell read in the column's order: a Map of cell -> its date, or the Error read
   * throws (still ambiguous, or a column holding both orders). dateOf gives a cell's date part,
   * for the message. */
  ColumnOrder.prototype.settle = function (read, dateOf) {
    var order = this.order(), both = this.shown.size > 1, settled = new Map();
    this.open.forEach(function (line, cell) {
      try { settled.set(cell, read(cell, order)); } catch (refused) {
        var error = refused;
        if (both) {
          error = new Error("ambiguous date '" + dateOf(cell).trim().slice(0, 40) + "': some dates in this column put the day " +
                            "first and some put the month first; choose the order below, or write the dates as YYYY-MM-DD");
          error.ambiguous = true;
        }
        settled.set(cell, error);
      }
    });
    return settled;
  };

  var api = { settles: settles, ColumnOrder: ColumnOrder };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RevOpsDateOrder = api;
})(this);
