// Autosave for the scoring page: every change saves itself, debounced, through ONE queue so
// saves reach the server in the order they were made. Each form carries its rating's version;
// the server refuses a stale one (409) and the panelist sees why. No inline scripts (CSP).
(function () {
  "use strict";
  var root = document.querySelector("[data-scoring]");
  if (!root) { return; }
  var TEXT_DELAY = 700, CHOICE_DELAY = 150, RETRY_DELAY = 4000;
  var queue = [], busy = false, timers = new WeakMap(), dirty = new Set(), failed = new Set();
  var globalState = document.getElementById("save-summary");
  var progress = document.getElementById("rated-count");

  function stateEl(form) { return form.querySelector("[data-save-state]"); }

  function setState(form, state, text) {
    var el = stateEl(form);
    if (el) { el.dataset.state = state; el.textContent = text; }
    form.dataset.state = state;
    if (state === "failed" || state === "conflict") { failed.add(form); } else { failed.delete(form); }
    updateSummary();
  }

  function updateSummary() {
    if (progress) {
      var rated = root.querySelectorAll("form[data-rating] input[type=radio]:checked").length;
      var unrated = Number(progress.dataset.total) - rated;
      progress.textContent = String(rated);
      // The submit confirmation says how many look-fors are still unrated.
      var submitForm = document.getElementById("submit-scorecard");
      if (submitForm && submitForm.dataset.confirmBase) {
        submitForm.setAttribute("data-confirm", (unrated > 0
          ? unrated + (unrated === 1 ? " look-for is" : " look-fors are") + " not rated yet. "
          : "") + submitForm.dataset.confirmBase);
      }
    }
    if (!globalState) { return; }
    var text, state;
    if (failed.size) {
      state = "failed";
      text = failed.size === 1 ? "1 change not saved — see the message next to it" : failed.size + " changes not saved — see the messages next to them";
    } else if (busy || queue.length || dirty.size) {
      state = "saving"; text = "Saving…";
    } else {
      state = "saved"; text = "All changes saved";
    }
    globalState.dataset.state = state;
    globalState.textContent = text;
  }

  function schedule(form, delay) {
    clearTimeout(timers.get(form));
    dirty.add(form);
    setState(form, "saving", "Unsaved change…");
    timers.set(form, setTimeout(function () { enqueue(form); }, delay));
  }

  function enqueue(form) {
    clearTimeout(timers.get(form));
    dirty.delete(form);
    if (queue.indexOf(form) === -1) { queue.push(form); }
    pump();
  }

  function textOf(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent.trim();
  }

  function pump() {
    if (busy) { return; }
    var form = queue.shift();
    if (!form) { updateSummary(); return; }
    busy = true;
    setState(form, "saving", "Saving…");
    // The form is read when its turn comes, so the latest value is what is sent.
    var body = new FormData(form);
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Autosave": "1", "X-CSRFToken": body.get("csrfmiddlewaretoken") }
    }).then(function (response) {
      return response.text().then(function (html) {
        var message = textOf(html) || ("Not saved (error " + response.status + ")");
        if (response.ok) {
          var version = response.headers.get("X-Version");
          if (version) { form.querySelector("input[name=version]").value = version; }
          setState(form, "saved", message);
        } else if (response.status === 409) {
          setState(form, "conflict", message);
        } else {
          setState(form, "failed", message);
        }
      });
    }).catch(function () {
      setState(form, "failed", "Not saved: no connection. Retrying…");
      setTimeout(function () { if (form.dataset.state === "failed") { enqueue(form); } }, RETRY_DELAY);
    }).then(function () {
      busy = false;
      pump();
    });
  }

  root.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosave]");
    if (!form) { return; }
    schedule(form, event.target.type === "radio" || event.target.tagName === "SELECT" ? CHOICE_DELAY : TEXT_DELAY);
  });
  root.addEventListener("input", function (event) {
    var form = event.target.closest("form[data-autosave]");
    if (form && event.target.tagName === "TEXTAREA") { schedule(form, TEXT_DELAY); }
  });
  // Leaving a note field saves it at once.
  root.addEventListener("focusout", function (event) {
    var form = event.target.closest("form[data-autosave]");
    if (form && dirty.has(form)) { enqueue(form); }
  });
  // Without JavaScript each form has a Save button; with it, saving is automatic.
  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-autosave]");
    if (form) { event.preventDefault(); enqueue(form); }
  });
  // The submit button waits for pending saves and refuses while something failed.
  var submit = document.getElementById("submit-scorecard");
  if (submit) {
    submit.addEventListener("submit", function (event) {
      if (dirty.size || queue.length || busy) {
        event.preventDefault();
        event.stopPropagation();
        root.querySelectorAll("form[data-autosave]").forEach(function (f) { if (dirty.has(f)) { enqueue(f); } });
        window.alert("Saving your last changes — submit again in a moment.");
      } else if (failed.size) {
        event.preventDefault();
        event.stopPropagation();
        window.alert("Some changes are not saved. Fix them (or reload the page) before submitting.");
      }
    }, true);
  }
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size || queue.length || busy || failed.size) { event.preventDefault(); event.returnValue = ""; }
  });
  updateSummary();
})();
