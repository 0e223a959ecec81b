/* Site-wide behaviour: the folding menu on phones, Escape to close disclosures, focus on the
   error summary of a refused form. Every page works without it. */
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");

  if (toggle && menu) {
    // The CSS folds the menu on narrow screens only once this class says the button works.
    toggle.closest(".site-header").classList.add("js-menu");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    // Escape closes the innermost open disclosure and gives focus back to what opened it.
    var panel = document.activeElement && document.activeElement.closest("details[open]");
    if (panel) {
      panel.open = false;
      panel.querySelector("summary").focus();
      return;
    }
    if (toggle && menu && menu.classList.contains("is-open") && menu.contains(document.activeElement)) {
      toggle.setAttribute("aria-expanded", "false");
      menu.classList.remove("is-open");
      toggle.focus();
    }
  });

  // After a refused submit the summary lists the errors: screen reader and keyboard users start there.
  var summary = document.querySelector(".form-error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
    summary.focus();
  }
}());
