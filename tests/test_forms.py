"""The shared accessible-form behaviour (lms/forms.py, templates/includes/field.html and form_errors.html),
and the guard that every form of the platform uses it."""

import importlib
import pkgutil
import re

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin

# Forms that are not rendered field by field by our templates; each line says why.
EXEMPT_FORMS = {
    # A Wagtail admin form: Wagtail's own panels render it, with the admin's accessible markup.
    "courses.viewsets.H5PActivityForm",
    "lms.cohorts.wagtail_hooks.TrainingGroupAdminForm",
    "accessibility.wagtail_hooks.ArrangementLineAdminForm",
}
OUR_PACKAGES = ("lms", "courses", "accessibility")
# Modules that configure or serve the project, and migrations: they define no form and some cannot be imported.
NOT_IMPORTED = re.compile(r"(^lms\.(settings|wsgi|asgi)\b)|(\.migrations\b)")


class ContactForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Nom"),
        help_text=_("Comme sur votre pièce d'identité."),
        error_messages={"required": _("Indiquez votre nom.")},
    )
    nickname = forms.CharField(label=_("Surnom"), required=False)
    course = forms.ChoiceField(
        label=_("Formation"),
        choices=[("peer", "Intervenants pairs"), ("ref", "Référents")],
        widget=forms.RadioSelect,
        help_text=_("Une seule formation à la fois."),
        error_messages={"required": _("Choisissez une formation.")},
    )
    days = forms.MultipleChoiceField(
        label=_("Jours possibles"), choices=[("mon", "Lundi"), ("tue", "Mardi")], widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(label=_("J'accepte"))

    def clean(self):
        if self.cleaned_data.get("nickname") == "interdit":
            raise forms.ValidationError(_("Ce surnom ne peut pas être utilisé."))
        return self.cleaned_data


def input_tag(html: str, name: str) -> str:
    """The opening tag of the input or textarea named `name`."""
    match = re.search(rf'<(input|textarea|select)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def render_form(form) -> str:
    return render_to_string("includes/form_errors.html", {"form": form}) + "".join(
        render_to_string("includes/field.html", {"field": field}) for field in form
    )


def test_an_unbound_form_is_described_by_its_help_text_only():
    form = ContactForm()
    name = str(form["name"])
    assert 'aria-describedby="id_name_helptext"' in name
    assert "aria-invalid" not in name
    assert "aria-describedby" not in str(form["nickname"])


def test_a_valid_bound_form_is_not_flagged_invalid():
    form = ContactForm({"name": "Samia", "course": "peer", "days": ["mon"], "consent": "on"})
    assert form.is_valid()
    html = render_form(form)
    assert "aria-invalid" not in html and "_error" not in html and "form-error-summary" not in html


def test_an_invalid_form_links_each_field_to_its_error():
    form = ContactForm({"name": "", "nickname": "interdit", "days": []})
    assert not form.is_valid()
    name = str(form["name"])
    assert 'aria-describedby="id_name_helptext id_name_error"' in name and 'aria-invalid="true"' in name
    # Errors added after validation (by a service) are linked too.
    form.add_error("nickname", "Ce surnom est déjà pris.")
    assert 'aria-describedby="id_nickname_error"' in str(form["nickname"])
    assert 'aria-invalid="true"' in str(form["nickname"])


def test_a_service_error_goes_next_to_its_field_or_above_the_form():
    form = ContactForm({"name": "Samia", "course": "peer", "days": ["mon"], "consent": "on"})
    assert form.is_valid()
    form.add_service_errors(forms.ValidationError({"name": "Nom déjà inscrit.", "unknown": "Groupe complet."}))
    assert form.errors["name"] == ["Nom déjà inscrit."] and form.non_field_errors() == ["Groupe complet."]
    assert 'aria-invalid="true"' in str(form["name"])


def test_the_field_template_shows_the_error_next_to_the_field_and_keeps_the_input():
    form = ContactForm({"name": "", "nickname": "Sam <3", "days": ["tue"]})
    assert not form.is_valid()
    html = render_form(form)
    assert re.search(r'<p class="field-error" id="id_name_error">.*Indiquez votre nom\.</p>', html)
    assert re.search(r"<label for=\"id_name\">Nom <span class=\"required\">\(obligatoire\)</span></label>", html)
    assert '<p class="form-help" id="id_name_helptext">' in html
    assert 'value="Sam &lt;3"' in input_tag(html, "nickname")
    assert "(obligatoire)" not in html.split('for="id_nickname"')[1].split("</label>")[0]
    assert re.search(r'<input[^>]*value="tue"[^>]*checked|<input[^>]*checked[^>]*value="tue"', html)


def test_choice_groups_are_fieldsets_described_on_the_fieldset():
    form = ContactForm({"name": "Samia", "days": ["mon"], "consent": "on"})
    assert not form.is_valid()
    html = render_form(form)
    fieldset = re.search(r'<fieldset class="choice-group" aria-describedby="([^"]*)">\s*<legend>Formation', html)
    assert fieldset and fieldset.group(1) == "id_course_helptext id_course_error"
    assert re.search(r"<legend>Jours possibles <span class=\"required\">\(obligatoire\)</span></legend>", html)
    # Each choice has its own label; the group is not described a second time on every input.
    assert '<label for="id_course_0">Intervenants pairs</label>' in html
    assert "aria-describedby" not in input_tag(html, "course")
    assert 'aria-invalid="true"' in input_tag(html, "course")


def test_the_error_summary_lists_every_error_with_a_link_to_its_field():
    form = ContactForm({"name": "", "nickname": "interdit", "days": ["mon"], "consent": ""})
    assert not form.is_valid()
    summary = render_to_string("includes/form_errors.html", {"form": form})
    assert 'class="form-error-summary" role="alert" tabindex="-1"' in summary
    assert "<h2>Le formulaire contient des erreurs</h2>" in summary
    assert "<li>Ce surnom ne peut pas être utilisé.</li>" in summary
    assert '<a href="#id_name">Nom : Indiquez votre nom.</a>' in summary
    # A group of choices is reached through its first choice.
    assert '<a href="#id_course_0">Formation : Choisissez une formation.</a>' in summary
    assert '<a href="#id_consent">' in summary
    html = render_form(form)
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in html


def test_no_summary_without_errors():
    assert render_to_string("includes/form_errors.html", {"form": ContactForm()}).strip() == ""


def test_model_forms_use_the_same_behaviour(db):
    from lms.certificates.forms import SignatoryForm

    form = SignatoryForm({"signatory_name": ""})
    assert not form.is_valid()
    html = str(form["signatory_name"])
    assert 'aria-invalid="true"' in html and re.search(r'aria-describedby="[^"]*\bid_signatory_name_error"', html)


def _our_form_classes():
    for package_name in OUR_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if not NOT_IMPORTED.search(module.name):
                importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                todo.append(subclass)
    return [cls for cls in seen if cls.__module__.split(".")[0] in OUR_PACKAGES]


def test_every_form_of_the_platform_uses_the_accessible_mixin():
    found = _our_form_classes()
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in found}
    # The walk really found the forms (a broken import would make this test pass vacuously).
    assert {"lms.cohorts.forms.ApplicationForm", "lms.people.forms.LoginForm", "accessibility.forms.NeedForm"} <= names
    assert names >= EXEMPT_FORMS, "an exemption names a form that no longer exists"
    missing = sorted(
        name
        for cls, name in ((cls, f"{cls.__module__}.{cls.__qualname__}") for cls in found)
        if not issubclass(cls, AccessibleFormMixin) and name not in EXEMPT_FORMS
    )
    assert missing == [], f"these forms do not use lms.forms.AccessibleFormMixin: {missing}"
