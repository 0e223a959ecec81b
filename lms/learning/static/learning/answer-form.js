/* The intersession answer form: shows only the part of the chosen answer form, and records audio or
   video in the browser (MediaRecorder) into the form's own file input, so the recording is sent and
   checked like an uploaded file. Without JavaScript every part shows and the file inputs remain. */
(function () {
  "use strict";

  function showChosenPart(form) {
    var chosen = form.querySelector("input[name=answer_form]:checked");
    var parts = form.querySelectorAll("[data-answer-part]");
    if (!chosen) {
      // Nothing chosen yet: show nothing but the choice, so the page does not ask for everything.
      parts.forEach(function (part) { part.hidden = true; });
      return;
    }
    parts.forEach(function (part) {
      part.hidden = part.dataset.answerPart.split(" ").indexOf(chosen.value) === -1;
    });
  }

  function duration(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = Math.round(seconds % 60);
    return (minutes ? minutes + " min " : "") + rest + " s";
  }

  function extensionFor(type) {
    if (type.indexOf("ogg") !== -1) { return "ogg"; }
    if (type.indexOf("mp4") !== -1) { return type.indexOf("audio") === 0 ? "m4a" : "mp4"; }
    return "webm";
  }

  function setUpRecorder(box) {
    var input = document.getElementById(box.dataset.input);
    var kind = box.dataset.recorder;
    if (!input || !window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia
        || typeof DataTransfer === "undefined") {
      return;  // the plain file input stays
    }
    box.hidden = false;
    var start = box.querySelector("[data-recorder-start]");
    var stop = box.querySelector("[data-recorder-stop]");
    var status = box.querySelector("[data-recorder-status]");
    var replay = box.querySelector("[data-recorder-replay]");
    var preview = box.querySelector("[data-recorder-preview]");
    var recorder = null;
    var stream = null;
    var chunks = [];
    var startedAt = 0;

    function say(text) { status.textContent = text; }

    start.addEventListener("click", function () {
      var constraints = kind === "video" ? { audio: true, video: true } : { audio: true };
      navigator.mediaDevices.getUserMedia(constraints).then(function (media) {
        stream = media;
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", function (event) {
          if (event.data && event.data.size) { chunks.push(event.data); }
        });
        recorder.addEventListener("stop", function () {
          var type = recorder.mimeType || (kind === "video" ? "video/webm" : "audio/webm");
          var blob = new Blob(chunks, { type: type.split(";")[0] });
          var file = new File([blob], "enregistrement." + extensionFor(type), { type: blob.type });
          var transfer = new DataTransfer();
          transfer.items.add(file);
          input.files = transfer.files;
          replay.src = URL.createObjectURL(blob);
          replay.hidden = false;
          if (preview) { preview.hidden = true; preview.srcObject = null; }
          stream.getTracks().forEach(function (track) { track.stop(); });
          say(box.dataset.msgDone.replace("%s", duration((Date.now() - startedAt) / 1000)));
          start.disabled = false;
          start.focus();
        });
        if (preview) { preview.srcObject = stream; preview.hidden = false; preview.play(); }
        replay.hidden = true;
        startedAt = Date.now();
        recorder.start();
        start.disabled = true;
        stop.disabled = false;
        stop.focus();
        say(box.dataset.msgRecording);
      }).catch(function () {
        say(box.dataset.msgDenied);
      });
    });

    stop.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") {
        stop.disabled = true;
        recorder.stop();
      }
    });
  }

  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("[data-answer-part]")) { return; }
    form.querySelectorAll("input[name=answer_form]").forEach(function (radio) {
      radio.addEventListener("change", function () { showChosenPart(form); });
    });
    showChosenPart(form);
  });
  document.querySelectorAll("[data-recorder]").forEach(setUpRecorder);
}());
