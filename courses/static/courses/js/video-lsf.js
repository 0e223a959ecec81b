/* Accessible videos: a toggle button (aria-pressed, constant label) shows or hides the French Sign Language (LSF) video, which then
   plays, pauses, seeks and changes speed together with the main video. */
(function () {
  'use strict';
  document.querySelectorAll('[data-video-block]').forEach(function (block) {
    var main = block.querySelector('.video-block__main');
    var lsf = block.querySelector('.video-block__lsf');
    var toggle = block.querySelector('[data-lsf-toggle]');
    if (!main || !lsf || !toggle) { return; }

    function sync() {
      if (lsf.hidden) { return; }
      if (Math.abs(lsf.currentTime - main.currentTime) > 0.3) { lsf.currentTime = main.currentTime; }
      lsf.playbackRate = main.playbackRate;
      if (main.paused) { lsf.pause(); } else { lsf.play().catch(function () {}); }
    }

    toggle.addEventListener('click', function () {
      var show = lsf.hidden;
      lsf.hidden = !show;
      toggle.setAttribute('aria-pressed', show ? 'true' : 'false');
      if (show) { sync(); } else { lsf.pause(); }
    });
    ['play', 'pause', 'seeked', 'ratechange'].forEach(function (name) { main.addEventListener(name, sync); });
    main.addEventListener('timeupdate', function () {
      if (!lsf.hidden && Math.abs(lsf.currentTime - main.currentTime) > 0.5) { lsf.currentTime = main.currentTime; }
    });
  });
}());
