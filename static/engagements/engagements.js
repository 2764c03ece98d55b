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
  // "Cancel" on a new plan row that was never saved just removes it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-row]");
    if (button) { button.closest("tr").remove(); }
  });
  // After an inline edit is swapped in, move focus to its first field (keyboard users).
  document.addEventListener("htmx:load", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.querySelector || document.readyState !== "complete") { return; }
    var focus = elt.matches("[data-autofocus]") ? elt : elt.querySelector("[data-autofocus]");
    if (focus) { focus.focus(); }
  });
})();
