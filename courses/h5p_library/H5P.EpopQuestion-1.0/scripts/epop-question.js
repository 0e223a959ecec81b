/**
 * H5P.EpopQuestion: one single-choice question rendered with native, accessible form controls
 * (fieldset, legend, labelled radio buttons, a live region for the feedback). On submit it
 * triggers an xAPI "answered" statement with a score through H5P's standard event dispatch.
 */
var H5P = H5P || {};

H5P.EpopQuestion = (function () {
  'use strict';

  function EpopQuestion(params, contentId, extras) {
    H5P.EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.answer = (this.extras.previousState && typeof this.extras.previousState.answer === 'number')
      ? this.extras.previousState.answer : null;
  }

  EpopQuestion.prototype = Object.create(H5P.EventDispatcher.prototype);
  EpopQuestion.prototype.constructor = EpopQuestion;

  EpopQuestion.prototype.getMaxScore = function () { return 1; };

  EpopQuestion.prototype.getScore = function () {
    return this.answer === this.params.correct ? 1 : 0;
  };

  /* Saved by H5P as resume state (content user data). */
  EpopQuestion.prototype.getCurrentState = function () {
    return { answer: this.answer };
  };

  EpopQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get ? $container.get(0) : $container;
    var doc = root.ownerDocument;
    var uid = 'epop-q-' + this.contentId;
    root.classList.add('epop-question');
    root.innerHTML = '';
    if (doc.documentElement && !doc.documentElement.getAttribute('lang')) {
      doc.documentElement.setAttribute('lang', this.params.language || 'fr');
    }
    if (!doc.title) { doc.title = this.params.question || 'Question'; }

    var form = doc.createElement('form');
    var fieldset = doc.createElement('fieldset');
    var legend = doc.createElement('legend');
    legend.textContent = this.params.question || '';
    fieldset.appendChild(legend);

    (this.params.answers || []).forEach(function (text, index) {
      var label = doc.createElement('label');
      var input = doc.createElement('input');
      input.type = 'radio';
      input.name = uid;
      input.value = String(index);
      input.id = uid + '-' + index;
      input.checked = self.answer === index;
      label.setAttribute('for', input.id);
      label.appendChild(input);
      label.appendChild(doc.createTextNode(text));
      fieldset.appendChild(label);
    });
    form.appendChild(fieldset);

    var button = doc.createElement('button');
    button.type = 'submit';
    button.textContent = this.params.submitLabel || 'Valider ma réponse';
    form.appendChild(button);

    var feedback = doc.createElement('p');
    feedback.className = 'epop-question__feedback';
    feedback.setAttribute('role', 'status');
    form.appendChild(feedback);

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var checked = form.querySelector('input[name="' + uid + '"]:checked');
      if (!checked) {
        feedback.textContent = self.params.chooseLabel || 'Choisissez une réponse.';
        return;
      }
      self.answer = parseInt(checked.value, 10);
      var score = self.getScore();
      feedback.textContent = score ? (self.params.correctFeedback || 'Bonne réponse.')
        : (self.params.wrongFeedback || 'Ce n\'est pas la bonne réponse.');
      var xAPIEvent = self.createXAPIEventTemplate('answered');
      xAPIEvent.setScoredResult(score, self.getMaxScore(), self, true, score === self.getMaxScore());
      self.trigger(xAPIEvent);
      self.trigger('resize');
    });

    root.appendChild(form);
    this.trigger('resize');
  };

  return EpopQuestion;
})();
