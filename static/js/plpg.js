// PLPG site-wide behaviour. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";
  // Elements with data-autosubmit submit their form when they change (filters, switchers).
  document.addEventListener("change", function (event) {
    var el = event.target.closest("[data-autosubmit]");
    if (el && el.form && !el.form.hasAttribute("data-hx-get")) { el.form.requestSubmit(); }
  });
  // Buttons and forms with data-confirm ask before they go on (deletes of district data).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
