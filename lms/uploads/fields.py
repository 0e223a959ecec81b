"""Model and form file fields bound to an UploadPolicy (lms.uploads.policy). Whatever the path a
file takes into a record (form, service, admin, script), saving it checks it against the policy and
stores it under a random name with the extension of its recognised type."""

from django import forms
from django.core.files.base import File
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile

from lms.uploads.policy import CheckedUpload, UploadPolicy


class PolicyFieldFileMixin:
    """Checks the content against the field's policy before anything reaches the storage."""

    def save(self, name, content, save=True):
        checked = getattr(content, "upload_check", None)
        # A check made by a form or a service counts only if it was made against this very policy.
        if not isinstance(checked, CheckedUpload) or checked.policy != self.field.policy.name:
            checked = self.field.policy.check(content, label=name)
        # The name given (the person's own, or a generated one) is dropped: ours, our extension.
        super().save(checked.storage_name(), content, save)

    save.alters_data = True


class PolicyFieldFile(PolicyFieldFileMixin, FieldFile):
    pass


class PolicyImageFieldFile(PolicyFieldFileMixin, ImageFieldFile):
    pass


class PolicyFieldMixin:
    """A model file field governed by an UploadPolicy. It deconstructs as the plain Django field:
    the policy is not a database concern, so adopting it needs no migration."""

    def __init__(self, *args, policy: UploadPolicy | None = None, **kwargs):
        # Only the migration framework's copies (rebuilt from deconstruct) come without a policy.
        self.policy = policy
        super().__init__(*args, **kwargs)

    def clone(self):
        field = super().clone()
        field.policy = self.policy
        return field

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        base = next(klass for klass in type(self).__mro__ if klass.__module__ == "django.db.models.fields.files")
        return name, f"django.db.models.{base.__name__}", args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        # A file not yet stored (assigned from a form or a service) is checked by full_clean too.
        if value and not getattr(value, "_committed", True):
            self.policy.check(value.file, label=getattr(value.file, "name", "") or "")

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PolicyFormField, "policy": self.policy, **kwargs})


class PolicyFileField(PolicyFieldMixin, models.FileField):
    attr_class = PolicyFieldFile


class PolicyImageField(PolicyFieldMixin, models.ImageField):
    attr_class = PolicyImageFieldFile


class PolicyFormField(forms.FileField):
    """A form file input checked against an UploadPolicy: a refusal is shown next to the field.
    The check's result rides on the file (`upload_check`) so that saving does not redo it."""

    def __init__(self, *, policy: UploadPolicy, **kwargs):
        self.policy = policy
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", policy.accept)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, File) and not isinstance(value, FieldFile):
            value.upload_check = self.policy.check(value, label=getattr(value, "name", "") or "")
        return value
