// The live preview of "Ma fiche annuaire": it follows the person's ticks and words as they type, with
// the same rules as the server (lms.directory.selectors.public_view). Without JavaScript the preview
// shows what was last saved.
(function () {
  "use strict";
  var form = document.querySelector("[data-preview-form]");
  var preview = document.querySelector("[data-live-preview]");
  if (!form || !preview) return;

  function field(name) { return form.elements.namedItem(name); }
  function checked(name) { var input = field(name); return !!(input && input.checked); }
  function value(name) { var input = field(name); return input && input.value ? input.value.trim() : ""; }
  function labels(name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
      return input.checked;
    }).map(function (input) {
      var label = form.querySelector('label[for="' + input.id + '"]');
      return label ? label.textContent.trim() : input.value;
    });
  }
  function parts(name) { return preview.querySelectorAll('[data-part="' + name + '"]'); }
  function show(name, visible, text) {
    Array.prototype.forEach.call(parts(name), function (element) {
      element.hidden = !visible;
      if (text !== undefined && element.hasAttribute("data-value")) element.textContent = text;
      var inner = element.querySelector(":scope > [data-value]");
      if (text !== undefined && inner) inner.textContent = text;
    });
  }
  var nameElement = preview.querySelector('[data-part="name"]');
  var firstName = nameElement ? nameElement.getAttribute("data-first") : "";
  var fullName = nameElement ? nameElement.getAttribute("data-full") : "";
  var photo = preview.querySelector('[data-part="photo"]');

  function update() {
    if (nameElement) {
      var choice = form.querySelector('input[name="name_display"]:checked');
      nameElement.textContent = choice && choice.value === "full_name" ? fullName : firstName;
    }
    ["themes", "audiences", "text", "text_easy_read"].forEach(function (name) {
      var shown = checked(name === "text_easy_read" ? "show_text" : "show_" + name);
      show(name, shown && value(name) !== "", value(name));
    });
    var formats = labels("formats");
    show("formats", checked("show_formats") && formats.length > 0, formats.join(", "));
    var languages = labels("languages");
    show("languages", checked("show_languages") && languages.length > 0, languages.join(", "));
    var departments = labels("departments");
    var area = value("area");
    show("area", checked("show_area") && (area !== "" || departments.length > 0), area);
    show("departments", checked("show_area") && departments.length > 0, "(" + departments.join(", ") + ")");
    if (photo) {
      var file = field("photo");
      if (file && file.files && file.files[0]) photo.src = URL.createObjectURL(file.files[0]);
      var removed = checked("remove_photo");
      photo.alt = value("photo_alt");
      photo.hidden = !(checked("show_photo") && photo.getAttribute("src") && value("photo_alt") && !removed);
    }
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
