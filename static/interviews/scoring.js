// The scoring page saves through htmx (templates/interviews/_autosave_attrs.html): delayed
// triggers, one save at a time per form with its latest values and version (hx-sync), and
// the answer swapped in out of band. This file keeps what htmx does not do: the page's
// summary and rated count, retrying after a lost connection, and holding submit and unload
// while a change is not saved. No inline scripts (CSP).
(function () {
  "use strict";
  var root = document.querySelector("[data-scoring]");
  if (!root || !window.htmx) { return; }
  var RETRY_DELAY = 4000;
  var unsent = new Set(); // forms changed since their last save was sent
  var sending = new Set(); // forms whose save is on its way
  var summary = document.getElementById("save-summary");
  var progress = document.getElementById("rated-count");
  var submitForm = document.getElementById("submit-scorecard");
  // A refused save (400, 409, 423) answers with the sentence that explains it: swap it in.
  htmx.config.responseHandling.unshift({ code: "^(400|409|423)$", swap: true });

  function stateOf(form) {
    var shown = form.querySelector("[data-save-state] [data-state]");
    return shown ? shown.dataset.state : "";
  }

  function show(form, state, text) {
    var shown = document.createElement("span");
    shown.dataset.state = state;
    shown.textContent = text;
    form.querySelector("[data-save-state]").replaceChildren(shown);
  }

  function failedCount() {
    var shown = "[data-save-state] [data-state=failed], [data-save-state] [data-state=conflict]";
    return root.querySelectorAll(shown).length;
  }

  function busy() {
    return unsent.size > 0 || sending.size > 0;
  }

  function refresh() {
    var rated = root.querySelectorAll("form[data-rating] input[type=radio]:checked").length;
    var unrated = Number(progress.dataset.total) - rated;
    progress.textContent = String(rated);
    // The submit confirmation says how many look-fors are still unrated.
    submitForm.dataset.confirm = (unrated > 0
      ? unrated + (unrated === 1 ? " look-for is" : " look-fors are") + " not rated yet. "
      : "") + submitForm.dataset.confirmBase;
    var failed = failedCount();
    summary.dataset.state = failed ? "failed" : busy() ? "saving" : "saved";
    summary.textContent = failed === 1 ? "1 change not saved — see the message next to it"
      : failed ? failed + " changes not saved — see the messages next to them"
        : busy() ? "Saving…" : "All changes saved";
  }

  if (!submitForm) { return; } // submitted: the page is read-only
  root.addEventListener("input", function (event) {
    var form = event.target.closest("form[data-hx-post]");
    if (!form) { return; }
    unsent.add(form);
    show(form, "saving", "Unsaved change…");
    refresh();
  });
  root.addEventListener("htmx:beforeRequest", function (event) {
    unsent.delete(event.detail.elt);
    sending.add(event.detail.elt);
    show(event.detail.elt, "saving", "Saving…");
    refresh();
  });
  root.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt, status = event.detail.xhr.status;
    sending.delete(form);
    if (status === 0) {
      show(form, "failed", "Not saved: no connection. Retrying…");
      setTimeout(function () {
        if (stateOf(form) === "failed" && !unsent.has(form)) { form.requestSubmit(); }
      }, RETRY_DELAY);
    } else if (stateOf(form) === "saving") { // no save state came back: a server error
      show(form, "failed", "Not saved (error " + status + "). Reload the page and try again.");
    }
    refresh();
  });
  // Submitting waits for pending saves and refuses while something is not saved.
  submitForm.addEventListener("submit", function (event) {
    var waiting = busy();
    if (!waiting && !failedCount()) { return; }
    event.preventDefault();
    event.stopPropagation();
    unsent.forEach(function (form) { form.requestSubmit(); });
    window.alert(waiting ? "Saving your last changes — submit again in a moment."
      : "Some changes are not saved. Fix them (or reload the page) before submitting.");
  }, true);
  window.addEventListener("beforeunload", function (event) {
    if (busy() || failedCount()) { event.preventDefault(); event.returnValue = ""; }
  });
  refresh();
})();
