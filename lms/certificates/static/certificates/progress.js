/* Follows an issuing batch: polls its counters and updates the progress bar and the live region.
   Without JavaScript the page offers a link to refresh instead. */
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box || box.getAttribute("data-active") !== "1") { return; }
  var bar = document.getElementById("batch-progress-bar");
  var text = document.getElementById("batch-progress-text");
  var refresh = box.querySelector(".batch-refresh");
  if (refresh) { refresh.hidden = true; }
  function set(field, value) {
    var node = text.querySelector('[data-field="' + field + '"]');
    if (node) { node.textContent = value; }
  }
  function poll() {
    fetch(box.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.percent;
        bar.textContent = data.percent + " %";
        set("status", data.status_label);
        set("processed", data.processed);
        set("total", data.total);
        set("issued", data.issued);
        set("existing", data.existing);
        set("incomplete", data.incomplete);
        set("revoked", data.revoked);
        if (data.active) { window.setTimeout(poll, 1500); }
        else { box.setAttribute("data-active", "0"); }
      })
      .catch(function () { if (refresh) { refresh.hidden = false; } });
  }
  window.setTimeout(poll, 1000);
})();
