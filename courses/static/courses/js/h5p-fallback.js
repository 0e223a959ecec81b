/* When an H5P activity cannot start (player script missing, package failing, nothing after a
   while), tells the trainee in French and opens the activity's text version in its place.
   h5p-lesson.js (wagtail-lms) only writes an English "Could not load activity." then. */
(function () {
  'use strict';
  var TIMEOUT_MS = 25000;
  function fail(container) {
    if (container.dataset.failed) { return; }
    container.dataset.failed = 'true';
    var loading = container.querySelector('.lms-h5p-activity__loading');
    if (loading) {
      loading.textContent = container.dataset.failureMessage || '';
      loading.classList.add('message', 'message-warning');
      loading.closest('.lms-h5p-activity__placeholder').style.display = '';
    }
    var section = container.closest('.h5p-block');
    var alternative = section && section.querySelector('.h5p-block__alternative');
    if (alternative) { alternative.open = true; }
  }
  function started(container) {
    return !!container.querySelector('.lms-h5p-activity__player iframe, .lms-h5p-activity__player .h5p-content');
  }
  document.querySelectorAll('.lms-h5p-activity').forEach(function (container) {
    if (!window.H5PStandalone || typeof window.H5PStandalone.H5P !== 'function') { fail(container); return; }
    var loading = container.querySelector('.lms-h5p-activity__loading');
    if (loading) {
      new MutationObserver(function () {
        if (!container.dataset.failed && loading.textContent === 'Could not load activity.') { fail(container); }
      }).observe(loading, { childList: true, characterData: true, subtree: true });
    }
    window.setTimeout(function () {
      if (container.dataset.initialized && !started(container)) { fail(container); }
    }, TIMEOUT_MS);
  });
}());
