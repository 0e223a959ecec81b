"""Forms of the attendance pages: they only read input; the rules live in services."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from lms.attendance.models import AttendanceStatus, SessionMaterial, SignatureMethod
from lms.attendance.storage import MATERIAL_POLICY
from lms.forms import AccessibleFormMixin
from lms.uploads.fields import PolicyFormField
from lms.uploads.policy import megabytes

TRAINEE_METHODS = [
    (SignatureMethod.DRAWN, SignatureMethod.DRAWN.label),
    (SignatureMethod.ONE_TAP, SignatureMethod.ONE_TAP.label),
    (SignatureMethod.TYPED_NAME, SignatureMethod.TYPED_NAME.label),
]
ATTESTATION_CHOICES = [
    (SignatureMethod.TRAINER_ATTESTATION, _("Je l'atteste (formateur)")),
    (SignatureMethod.SUPPORT_ATTESTATION, _("Sa personne d'accompagnement l'atteste")),
]


class SignForm(AccessibleFormMixin, forms.Form):
    """A trainee signing one slot from their own account."""

    # The method and the drawing are posted by hidden inputs (the drawing is filled by signature.js).
    method = forms.ChoiceField(choices=TRAINEE_METHODS, widget=forms.HiddenInput)
    image = forms.CharField(required=False, widget=forms.HiddenInput)
    typed_name = forms.CharField(
        required=False,
        max_length=200,
        label=_("Votre prénom et votre nom"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class StatusForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices, label=_("Statut"))
    minutes_missed = forms.IntegerField(
        required=False, min_value=0, label=_("Minutes manquées (retard, départ anticipé)")
    )
    reason = forms.CharField(required=False, max_length=300, label=_("Motif (obligatoire pour une absence justifiée)"))


class AttestForm(AccessibleFormMixin, forms.Form):
    method = forms.ChoiceField(choices=ATTESTATION_CHOICES, label=_("Qui atteste ?"))
    attester_name = forms.CharField(
        required=False,
        max_length=200,
        label=_("Nom de la personne d'accompagnement (si c'est elle qui atteste)"),
    )
    reason = forms.CharField(max_length=300, required=False, label=_("Pourquoi ? (ex. ne peut pas signer seul)"))


class AmendForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices, label=_("Nouveau statut"))
    minutes_missed = forms.IntegerField(required=False, min_value=0, label=_("Minutes manquées"))
    reason = forms.CharField(required=False, max_length=300, label=_("Motif de la correction"))


class CloseForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label=_("Je contresigne : les présences de ce créneau sont exactes."),
        error_messages={"required": _("Cochez la case pour contresigner.")},
    )


MATERIAL_FILE_HELP = lazy(
    lambda: _("%(formats)s. %(max)s au plus.")
    % {"formats": MATERIAL_POLICY.formats, "max": megabytes(MATERIAL_POLICY.max_bytes)},
    str,
)()


class MaterialForm(AccessibleFormMixin, forms.Form):
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
    file = PolicyFormField(
        policy=MATERIAL_POLICY,
        required=False,
        label=_("Fichier"),
        help_text=MATERIAL_FILE_HELP,
    )
