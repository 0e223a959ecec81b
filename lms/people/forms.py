"""Forms for persons: login, erasure requests."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin
from lms.security.throttle import client_ip, login_throttle


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    """Login by e-mail, case-insensitive, with a plain French error message; refused while too
    many attempts have failed (see lms.security.throttle)."""

    error_messages = {
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez."),
        "inactive": _("Ce compte est désactivé. Contactez votre équipe régionale."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Adresse e-mail")
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["password"].label = _("Mot de passe")

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if login_throttle.is_locked(email, ip):
            raise ValidationError(login_throttle.message(email, ip), code="throttled")
        return super().clean()


class ErasureRequestForm(AccessibleFormMixin, forms.Form):
    """A person asks for their data to be erased; they confirm they understand what it means."""

    reason = forms.CharField(
        label=_("Motif (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vous n'êtes pas obligé de donner une raison."),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte sera fermé et que mes données seront effacées ou anonymisées."),
        error_messages={"required": _("Cochez cette case pour confirmer votre demande.")},
    )


class ErasureRefusalForm(AccessibleFormMixin, forms.Form):
    """An administrator refuses an erasure request and says why."""

    refusal_reason = forms.CharField(
        label=_("Motif du refus, transmis à la personne"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Expliquez à la personne pourquoi sa demande est refusée.")},
    )
