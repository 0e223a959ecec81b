"""Forms of a person's account: forgotten password, choosing a password, contact details, e-mail change."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin

PASSWORD_HELP = _(
    "Au moins 10 caractères. Évitez un mot de passe trop courant, fait seulement de chiffres "
    "ou proche de votre nom ou de votre adresse e-mail."
)


class PasswordResetRequestForm(AccessibleFormMixin, forms.Form):
    """ "Mot de passe oublié ?": the address of the account."""

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("L'adresse avec laquelle vous vous connectez."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."),
        },
    )


def _french_password_fields(form) -> None:
    form.fields["new_password1"].label = _("Nouveau mot de passe")
    form.fields["new_password1"].help_text = PASSWORD_HELP
    form.fields["new_password1"].error_messages["required"] = _("Choisissez un mot de passe.")
    form.fields["new_password2"].label = _("Confirmation du nouveau mot de passe")
    form.fields["new_password2"].help_text = _("Saisissez le même mot de passe une seconde fois.")
    form.fields["new_password2"].error_messages["required"] = _("Saisissez le mot de passe une seconde fois.")
    form.error_messages = {
        **form.error_messages,
        "password_mismatch": _("Les deux mots de passe ne sont pas identiques. Saisissez-les à nouveau."),
    }


class ChoosePasswordForm(AccessibleFormMixin, SetPasswordForm):
    """Choosing a password from a one-time link (invitation or forgotten password), with Django's validators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _french_password_fields(self)


class ChangePasswordForm(AccessibleFormMixin, PasswordChangeForm):
    """ "Mon compte": the current password, then the new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _french_password_fields(self)
        self.fields["old_password"].label = _("Mot de passe actuel")
        self.fields["old_password"].error_messages["required"] = _("Saisissez votre mot de passe actuel.")
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Le mot de passe actuel est incorrect."),
        }


class ContactDetailsForm(AccessibleFormMixin, forms.Form):
    """ "Mon compte": name and phone number."""

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Indiquez votre prénom.")},
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Indiquez votre nom.")},
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text=_("Facultatif. L'équipe régionale et les formateurs vous appellent à ce numéro si besoin."),
    )


class EmailChangeForm(AccessibleFormMixin, forms.Form):
    """ "Mon compte": a new address, confirmed by the current password and then by a link sent there."""

    new_email = forms.EmailField(
        label=_("Nouvelle adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Nous envoyons un lien à cette adresse : elle ne remplace l'ancienne qu'une fois confirmée."),
        error_messages={
            "required": _("Indiquez la nouvelle adresse."),
            "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."),
        },
    )
    password = forms.CharField(
        label=_("Mot de passe actuel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour vérifier que c'est bien vous."),
        error_messages={"required": _("Saisissez votre mot de passe actuel.")},
    )
