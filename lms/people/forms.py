"""Forms for persons: the login form."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Login by e-mail, case-insensitive, with a plain French error message."""

    error_messages = {
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez."),
        "inactive": _("Ce compte est désactivé. Contactez votre équipe régionale."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()
