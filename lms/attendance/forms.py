"""Forms of the attendance pages: they only read input; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.attendance.models import AttendanceStatus, SessionMaterial, SignatureMethod

TRAINEE_METHODS = [
    (SignatureMethod.DRAWN, SignatureMethod.DRAWN.label),
    (SignatureMethod.ONE_TAP, SignatureMethod.ONE_TAP.label),
    (SignatureMethod.TYPED_NAME, SignatureMethod.TYPED_NAME.label),
]
ATTESTATION_CHOICES = [
    (SignatureMethod.TRAINER_ATTESTATION, _("Je l'atteste (formateur)")),
    (SignatureMethod.SUPPORT_ATTESTATION, _("Sa personne d'accompagnement l'atteste")),
]


class SignForm(forms.Form):
    """A trainee signing one slot from their own account."""

    method = forms.ChoiceField(choices=TRAINEE_METHODS)
    image = forms.CharField(required=False)
    typed_name = forms.CharField(required=False, max_length=200, label=_("Votre prénom et votre nom"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices, label=_("Statut"))
    minutes_missed = forms.IntegerField(required=False, min_value=0, label=_("Minutes manquées"))
    reason = forms.CharField(required=False, max_length=300, label=_("Motif"))


class AttestForm(forms.Form):
    method = forms.ChoiceField(choices=ATTESTATION_CHOICES, label=_("Qui atteste ?"))
    attester_name = forms.CharField(required=False, max_length=200, label=_("Nom de la personne d'accompagnement"))
    reason = forms.CharField(max_length=300, required=False, label=_("Pourquoi ?"))


class AmendForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices, label=_("Nouveau statut"))
    minutes_missed = forms.IntegerField(required=False, min_value=0, label=_("Minutes manquées"))
    reason = forms.CharField(required=False, max_length=300, label=_("Motif de la correction"))


class CloseForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label=_("Je contresigne : les présences de ce créneau sont exactes."),
        error_messages={"required": _("Cochez la case pour contresigner.")},
    )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(choices=SessionMaterial.Kind.choices, label=_("Type de support"))
    title = forms.CharField(max_length=200, required=False, label=_("Titre"))
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Texte ou description"),
        help_text=_("Les notes, ou la description de la photo pour les personnes qui ne la voient pas."),
    )
    easy_read_text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Version facile à lire (FALC)")
    )
    file = forms.FileField(required=False, label=_("Fichier"))
