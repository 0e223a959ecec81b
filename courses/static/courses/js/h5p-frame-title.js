/* Gives every H5P player iframe a title (WCAG 4.1.2, axe "frame-title"): h5p-standalone creates its
   iframe without one. The title comes from the container's data-frame-title. */
(function () {
  'use strict';
  function titleFrames(container) {
    container.querySelectorAll('iframe').forEach(function (frame) {
      if (!frame.getAttribute('title')) { frame.setAttribute('title', container.dataset.frameTitle || 'H5P'); }
    });
  }
  document.querySelectorAll('.lms-h5p-activity').forEach(function (container) {
    new MutationObserver(function () { titleFrames(container); })
      .observe(container, { childList: true, subtree: true });
    titleFrames(container);
  });
}());
