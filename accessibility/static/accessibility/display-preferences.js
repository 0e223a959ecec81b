/* Applies display preferences at once (classes on <html>), keeps them in a cookie and on the
   account, and says what changed in a live region. Without JavaScript the form posts and returns. */
(function () {
  "use strict";
  var root = document.documentElement;
  var COOKIE = "epop_affichage";

  function markMissingEasyRead() {
    // FALC mode must keep the standard text when the easy-to-read block is present but empty.
    document.querySelectorAll(".dual-text").forEach(function (block) {
      var easy = block.querySelector(":scope > .text-easy-read");
      block.classList.toggle("no-easy-read", !easy || !easy.textContent.trim());
    });
  }

  function chosen(form) {
    return Array.prototype.filter.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.name; });
  }

  function apply(form) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      root.classList.toggle(box.dataset.class, box.checked);
      document.querySelectorAll("[data-display-prefs] input[name=" + box.name + "]").forEach(function (other) {
        other.checked = box.checked;
      });
    });
    document.cookie = COOKIE + "=" + chosen(form).join(".") + "; path=/; max-age=31536000; samesite=lax";
  }

  function announce(form, text) {
    var status = form.querySelector("[data-status]");
    // Emptying first makes screen readers announce the same message twice in a row.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function save(form, box) {
    var label = form.querySelector("label[for='" + box.id + "']").textContent.trim();
    var message = (box.checked ? form.dataset.msgOn : form.dataset.msgOff).replace("%s", label);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (response) {
      announce(form, response.ok ? message : form.dataset.msgError);
    }).catch(function () {
      announce(form, form.dataset.msgError);
    });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    var form = box.closest && box.closest("[data-display-prefs]");
    if (!form || box.type !== "checkbox") { return; }
    apply(form);
    save(form, box);
  });

  markMissingEasyRead();
})();
