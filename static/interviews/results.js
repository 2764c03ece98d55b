// Results page: consensus and non-negotiable results save through htmx without a reload.
// A refused save (400, 409) still swaps in its fragment, which explains what went wrong;
// after a swap, focus returns to the control the lead was using. No inline scripts (CSP).
(function () {
  "use strict";
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    var status = event.detail.xhr.status;
    if (form && form.closest("[data-htmx-errors]") && status >= 400 && status < 500) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (form && form.closest("[data-htmx-errors]")) {
      window.alert("Not saved: the server could not be reached or failed. Reload and try again.");
    }
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.elt;
    var focus = target && target.querySelector && target.querySelector("[data-focus-after-swap]");
    if (focus) { focus.focus(); }
  });
})();
