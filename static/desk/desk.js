// Small progressive enhancements. Pages work without this file; no inline scripts (CSP).
(function () {
  "use strict";

  // Submit buttons show a busy state so a slow action is not clicked twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-no-busy")) return;
    var button = event.submitter;
    if (button && !form.hasAttribute("hx-get")) {
      button.setAttribute("aria-busy", "true");
      setTimeout(function () { button.disabled = true; }, 0);
    }
  });

  // Elements with data-autosubmit submit their form when changed (filters, selectors).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });

  // Insert the text of a canned reply chosen from a list into its textarea.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches("[data-insert-into]")) return;
    var target = document.getElementById(el.getAttribute("data-insert-into"));
    var option = el.options[el.selectedIndex];
    if (target && option && option.value) {
      var text = option.getAttribute("data-body") || "";
      target.value = target.value ? target.value + "\n\n" + text : text;
      target.focus();
      el.selectedIndex = 0;
    }
  });

  // Rows' "select all" checkbox for bulk actions.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches("[data-select-all]")) return;
    var scope = document.querySelectorAll(el.getAttribute("data-select-all"));
    scope.forEach(function (box) { box.checked = el.checked; });
  });
})();

// Filing: a form that comes back with errors puts keyboard focus on its error summary, whose
// links lead to each field; screen readers announce it (role="alert") either way.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.getElementById("form-errors");
    if (summary) summary.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
