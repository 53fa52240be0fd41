// Material wraps wide tables in a scrolling box; let keyboard users reach and scroll it
// (axe rule scrollable-region-focusable). document$ fires on every page view.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    box.setAttribute("tabindex", "0");
  });
});
