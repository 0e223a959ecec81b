"""The accessible-form behaviour shared by every form of the platform.

Each field is rendered by templates/includes/field.html and the error summary by
templates/includes/form_errors.html; the ids they write are the ones computed here, so a field is always
described by its help text and, when the form was refused, by its error message.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField

# The largest primary key a database column holds: a larger number is no record, not a database error.
MAX_PK = 2**63 - 1


class AccessibleBoundField(BoundField):
    """A field linked to its help text and error message, with the ids used by templates/includes/field.html."""

    @property
    def help_id(self) -> str:
        return f"{self.auto_id}_helptext" if self.auto_id and self.help_text else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error" if self.auto_id and self.errors else ""

    @property
    def anchor_id(self) -> str:
        """The element the error summary links to: the input itself, or the first choice of a group."""
        if self.use_fieldset and self.auto_id:
            return f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id or ""

    @property
    def aria_describedby(self) -> str:
        # An id the form itself gave the widget (e.g. a text shown above the form) comes first.
        ids = [self.field.widget.attrs.get("aria-describedby", "")]
        if not self.is_hidden:
            ids += [self.help_id, self.error_id]
        return " ".join(value for value in ids if value)

    def build_widget_attrs(self, attrs, widget=None):
        given = (attrs or {}).get("aria-describedby")
        attrs = super().build_widget_attrs(attrs, widget)
        if given:
            return attrs
        if self.use_fieldset:
            # A group of choices is described on its <fieldset>, not on every choice.
            attrs.pop("aria-describedby", None)
        elif described := self.aria_describedby:
            attrs["aria-describedby"] = described
        return attrs


class AccessibleFormMixin:
    """For every Form and ModelForm of the platform: fields are described by their help text and, once the
    form is bound and invalid, flagged aria-invalid and described by their error message."""

    bound_field_class = AccessibleBoundField

    def full_clean(self):
        # At cleaning rather than in __init__: forms add fields after their own __init__ (one per lot,
        # per row), and each must refuse impossible keys too.
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not getattr(field, "_keys_bounded", False):
                _refuse_impossible_keys(field)
        super().full_clean()

    def add_service_errors(self, error) -> None:
        """Shows a service's ValidationError next to the fields it names, or above the form."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


def _refuse_impossible_keys(field: forms.ModelChoiceField) -> None:
    """Answers "invalid choice" for a key no integer column can hold (99999999999999999999), instead of
    letting the lookup overflow in the database driver."""

    def check(value):
        # The queryset is often set after the form's __init__: read the key's type when cleaning.
        pk = field.queryset.model._meta.pk if field.queryset is not None else None
        if pk is None or field.to_field_name not in (None, pk.name, pk.attname):
            return
        while pk.is_relation:  # a Wagtail page's key is its pointer to Page
            pk = pk.target_field
        if not isinstance(pk, models.IntegerField):
            return
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in field.empty_values or isinstance(item, models.Model):
                continue
            try:
                number = int(str(item))
            except ValueError:
                continue  # the field's own check answers
            if not -MAX_PK <= number <= MAX_PK:
                raise ValidationError(
                    field.error_messages.get("invalid_choice", ""),
                    code="invalid_choice",
                    params={"value": item},
                )

    original_clean = field.clean

    def clean(value):
        check(value)
        return original_clean(value)

    field.clean = clean
    field._keys_bounded = True
