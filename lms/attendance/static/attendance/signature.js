/* Signature pad: pointer and touch drawing on a canvas, a clear button, and the drawing sent as a PNG.
   Shown only when JavaScript runs; the other ways of signing always work without it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var emptyMessage = script ? script.getAttribute("data-empty-message") : "";
  document.querySelectorAll("[data-signature-pad]").forEach(function (section) {
    var canvas = section.querySelector("canvas");
    var form = section.querySelector("form");
    var input = form.querySelector("input[name=image]");
    var error = section.querySelector("#pad-error");
    var context = canvas.getContext("2d");
    var drawing = false;
    var drawn = false;
    section.hidden = false;
    context.lineWidth = 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#1b1b1b";

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - box.left) * (canvas.width / box.width),
        y: (event.clientY - box.top) * (canvas.height / box.height)
      };
    }
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      drawing = true;
      if (canvas.setPointerCapture) { canvas.setPointerCapture(event.pointerId); }
      var p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
      context.lineTo(p.x + 0.1, p.y + 0.1);
      context.stroke();
      drawn = true;
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    // Touch scrolling would steal the finger while signing.
    canvas.style.touchAction = "none";
    section.querySelector("[data-clear]").addEventListener("click", function () {
      context.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      input.value = "";
      error.textContent = "";
    });
    form.addEventListener("submit", function (event) {
      if (!drawn) {
        event.preventDefault();
        error.textContent = emptyMessage;
        return;
      }
      input.value = canvas.toDataURL("image/png");
    });
  });
})();
