// Engagement pages: let htmx swap in the validation (400) and stale-version (409) responses
// of the inline editors, so the user sees the message where they were typing.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // The "No plan yet" note shows only while the plan table has no rows (new or saved).
  function syncPlanEmpty() {
    var rows = document.getElementById("plan-rows");
    var note = document.getElementById("plan-empty");
    if (rows && note) { note.hidden = rows.querySelector("tr") !== null; }
  }
  document.addEventListener("htmx:afterSettle", syncPlanEmpty);
  // "Cancel" on a new plan row that was never saved just removes it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-row]");
    if (button) { button.closest("tr").remove(); syncPlanEmpty(); }
  });
  // After an inline edit is swapped in, move focus to its first field (keyboard users).
  document.addEventListener("htmx:load", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.querySelector || document.readyState !== "complete") { return; }
    var focus = elt.matches("[data-autofocus]") ? elt : elt.querySelector("[data-autofocus]");
    // A row moved to the top or bottom has its arrow disabled: focus its other arrow.
    if (focus && focus.disabled) {
      focus = focus.parentElement.querySelector("button:not([disabled])") || focus;
    }
    if (focus) { focus.focus(); }
  });
})();
