"""The guard of the one upload policy: every file field of every model and form of our apps is bound
to an UploadPolicy (lms.uploads), and user files are served from lms/private_files.py only. A new
file field that skips the policy makes these tests fail."""

import contextlib
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.forms.models import modelform_factory

from lms.uploads.fields import PolicyFieldMixin, PolicyFormField
from lms.uploads.policy import EXTENSION_FOR_TYPE, UploadPolicy
from tests.security import samples

OUR_PACKAGES = ("lms", "courses", "accessibility")
# Modules that cannot or must not be imported by a test run (other settings, server entry points).
NOT_IMPORTED = re.compile(r"\.(migrations|settings|wsgi|asgi)(\.|$)")
ROOT = Path(settings.BASE_DIR)


def ours(module: str) -> bool:
    return module.split(".")[0] in OUR_PACKAGES


def import_our_modules() -> None:
    for package_name in OUR_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if not NOT_IMPORTED.search(module.name):
                importlib.import_module(module.name)


def our_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if ours(model.__module__)]


def model_file_fields(model_classes) -> list[models.FileField]:
    return [
        field
        for model in model_classes
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and field.model is model
    ]


def subclasses(klass) -> set[type]:
    found = set()
    for sub in klass.__subclasses__():
        found |= {sub} | subclasses(sub)
    return found


def our_form_classes(*, with_local: bool = False) -> list[type[forms.BaseForm]]:
    """Every form class of our modules (those defined inside a test function only when asked)."""
    import_our_modules()
    return sorted(
        (
            form
            for form in subclasses(forms.BaseForm)
            if ours(form.__module__) and (with_local or "<locals>" not in form.__qualname__)
        ),
        key=lambda form: form.__qualname__,
    )


def form_file_fields(form_class) -> dict[str, forms.Field]:
    """Declared and model-generated fields, plus those an instance adds (when it builds without arguments)."""
    fields = dict(form_class.base_fields)
    # Forms needing arguments keep their class-level fields.
    with contextlib.suppress(Exception):
        fields.update(form_class().fields)
    return {name: field for name, field in fields.items() if isinstance(field, forms.FileField)}


def policy_violations_of_models(model_classes) -> list[str]:
    problems = []
    for field in model_file_fields(model_classes):
        label = f"{field.model._meta.label}.{field.name}"
        if not isinstance(field, PolicyFieldMixin) or not isinstance(field.policy, UploadPolicy):
            problems.append(f"{label} is not a PolicyFileField/PolicyImageField with an UploadPolicy")
    return problems


def policy_violations_of_forms(form_classes) -> list[str]:
    problems = []
    for form_class in form_classes:
        for name, field in form_file_fields(form_class).items():
            if not isinstance(field, PolicyFormField) or not isinstance(field.policy, UploadPolicy):
                problems.append(f"{form_class.__module__}.{form_class.__qualname__}.{name} is not a PolicyFormField")
    return problems


# --- every model ---------------------------------------------------------------------------------


def test_the_walk_finds_the_file_fields_we_know():
    labels = {f"{field.model._meta.label}.{field.name}" for field in model_file_fields(our_models())}
    assert {
        "attendance.SessionMaterial.file",
        "cohorts.EngagementCharter.document",
        "certificates.OrganisationSignatory.stamp",
        "learning.Submission.media",
    } <= labels


def test_every_file_field_of_every_model_is_bound_to_an_upload_policy():
    assert policy_violations_of_models(our_models()) == []


def test_the_model_guard_fails_on_a_file_field_without_the_policy():
    class Exempted(models.Model):  # noqa: DJ008
        document = models.FileField(upload_to="x/")

        class Meta:
            app_label = "attendance"
            managed = False

    try:
        assert policy_violations_of_models([Exempted]) == [
            "attendance.Exempted.document is not a PolicyFileField/PolicyImageField with an UploadPolicy"
        ]
    finally:
        apps.all_models["attendance"].pop("exempted", None)
        apps.clear_cache()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", model_file_fields(our_models()), ids=lambda field: f"{field.model._meta.label}.{field.name}"
)
def test_saving_through_each_model_field_checks_the_content_and_names_the_file(field):
    instance = field.model()
    field_file = getattr(instance, field.name)
    # Whatever path a file takes into the record, saving it refuses markup and programs...
    for hostile in (samples.html_calling("/x.js"), samples.SVG, samples.EXE):
        with pytest.raises(ValidationError):
            field_file.save("Rapport de Claire.pdf", ContentFile(hostile), save=False)
        assert not field_file.name
    # ...and stores an accepted file under a random name with the extension of its content.
    content_type = next(kind for kind in samples.SAMPLES if kind in field.policy.types)
    field_file.save("Rapport de Claire.exe", ContentFile(samples.SAMPLES[content_type]), save=False)
    try:
        assert field_file.name.endswith(f".{EXTENSION_FOR_TYPE[content_type]}")
        assert "claire" not in field_file.name.lower() and "rapport" not in field_file.name.lower()
    finally:
        field_file.delete(save=False)


@pytest.mark.parametrize(
    "model",
    sorted({field.model for field in model_file_fields(our_models())}, key=str),
    ids=lambda model: model.__name__,
)
def test_forms_built_from_our_models_carry_the_policy(model):
    # Model forms, Wagtail's admin forms and viewsets build their fields from the model field.
    from wagtail.admin.panels import get_edit_handler

    admin_form = get_edit_handler(model).get_form_class()
    assert policy_violations_of_forms([modelform_factory(model, fields="__all__"), admin_form]) == []


# --- every form ----------------------------------------------------------------------------------


def test_the_walk_finds_the_forms_we_know():
    names = {f"{form.__module__}.{form.__qualname__}" for form in our_form_classes()}
    assert {"lms.attendance.forms.MaterialForm", "lms.cohorts.forms.CharterForm"} <= names


def test_every_file_field_of_every_form_is_bound_to_an_upload_policy():
    assert policy_violations_of_forms(our_form_classes()) == []


def test_the_form_guard_fails_on_a_file_field_without_the_policy():
    class ExemptedForm(forms.Form):
        attachment = forms.FileField()

    ExemptedForm.__module__ = "lms.attendance.forms"
    assert ExemptedForm in our_form_classes(with_local=True)
    assert policy_violations_of_forms([ExemptedForm]) == [
        f"lms.attendance.forms.{ExemptedForm.__qualname__}.attachment is not a PolicyFormField"
    ]


# --- one serving home ----------------------------------------------------------------------------

SERVING = re.compile(r"\b(FileResponse|StreamingHttpResponse|sendfile)\b")
SERVING_HOME = "lms/private_files.py"


def serving_modules() -> list[str]:
    found = []
    for package in OUR_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative == SERVING_HOME:
                continue
            source = path.read_text(encoding="utf-8")
            # A module may build a response only to hand it to the serving home's headers.
            if SERVING.search(source) and "harden_file_response" not in source:
                found.append(relative)
    return found


def test_files_are_served_from_lms_private_files_only():
    assert serving_modules() == []


def test_the_serving_guard_fails_on_a_module_streaming_files_itself(tmp_path, monkeypatch):
    package = tmp_path / "lms"
    package.mkdir()
    (package / "rogue.py").write_text("from django.http import FileResponse\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.OUR_PACKAGES", ("lms",))
    assert serving_modules() == ["lms/rogue.py"]


@pytest.mark.django_db
def test_a_check_made_against_another_policy_does_not_let_a_file_through():
    from lms.attendance.models import SessionMaterial
    from lms.uploads.policy import CheckedUpload

    hostile = ContentFile(samples.html_calling("/x.js"), name="support.pdf")
    hostile.upload_check = CheckedUpload(content_type="application/pdf", extension="pdf", size=1, policy="other")
    with pytest.raises(ValidationError):
        SessionMaterial().file.save("support.pdf", hostile, save=False)
