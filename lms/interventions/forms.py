"""Forms of the intervention pages: they collect input; every rule is the services' (lms/forms.py
shows their refusals next to the field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.cohorts.forms import DateInput
from lms.followup.forms import DateTimeInput
from lms.followup.models import InterventionFormat
from lms.forms import AccessibleFormMixin
from lms.interventions.models import RECEIPT_POLICY, ExpenseLine, OrganisationKind, VenueFeature
from lms.people.models import Region, Territory
from lms.uploads.fields import PolicyFormField

RATING_CHOICES = [
    ("4", _("4 — Très bien")),
    ("3", _("3 — Bien")),
    ("2", _("2 — Moyen")),
    ("1", _("1 — Pas bien")),
]


class RequestForm(AccessibleFormMixin, forms.Form):
    """A partner's request (the public form, or the team recording one)."""

    region = forms.ModelChoiceField(
        label=_("Région de l'intervention"), queryset=Region.objects.order_by("name"), empty_label=_("Choisir")
    )
    territory = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Territory.objects.select_related("region").order_by("code", "name"),
        required=False,
        empty_label=_("Je ne sais pas"),
    )
    organisation_name = forms.CharField(label=_("Nom de votre structure"), max_length=200)
    organisation_kind = forms.ChoiceField(
        label=_("Type de structure"), choices=OrganisationKind.choices, widget=forms.RadioSelect
    )
    contact_name = forms.CharField(label=_("Votre nom"), max_length=150)
    contact_email = forms.EmailField(label=_("Votre e-mail"), help_text=_("Pour vous répondre."))
    contact_phone = forms.CharField(label=_("Votre téléphone (facultatif)"), max_length=30, required=False)
    what = forms.CharField(
        label=_("L'intervention souhaitée"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=_("Le sujet, ce que vous attendez de l'intervenant-pair."),
    )
    audience = forms.CharField(
        label=_("Pour quel public"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Qui sera là, combien de personnes."),
    )
    dates_wished = forms.CharField(
        label=_("Dates souhaitées"), max_length=250, help_text=_("Une date, une période, des jours possibles.")
    )
    place = forms.CharField(label=_("Lieu"), max_length=250, help_text=_("Adresse ou ville."))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Je ne sais pas encore")), *InterventionFormat.choices],
        required=False,
    )
    expenses_budget = forms.DecimalField(
        label=_("Budget pour les défraiements (€, facultatif)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Transport, repas, personne qui accompagne l'intervenant-pair."),
    )
    venue_features = forms.MultipleChoiceField(
        label=_("Accessibilité du lieu"),
        choices=VenueFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Cochez ce que le lieu offre."),
    )
    venue_notes = forms.CharField(
        label=_("Autres informations sur l'accessibilité (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions
            self.fields["territory"].queryset = self.fields["territory"].queryset.filter(region__in=regions)
        self.fields["territory"].label_from_instance = lambda territory: f"{territory.code} — {territory.name}"


class CommentForm(AccessibleFormMixin, forms.Form):
    comment = forms.CharField(label=_("Commentaire (facultatif)"), required=False, max_length=1000)


class CancelForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motif d'annulation"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class EraseContactForm(AccessibleFormMixin, forms.Form):
    """Why the partner's contact is erased; prefixed, as the cancel form on the same page has a reason too."""

    prefix = "erase"
    reason = forms.CharField(
        label=_("Motif de l'effacement"),
        error_messages={"required": _("Dites pourquoi les coordonnées sont effacées.")},
        help_text=_("Par exemple : demande de la personne reçue par e-mail le 3 mars."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=200,
    )


class ProposeForm(AccessibleFormMixin, forms.Form):
    """The team's message to the peers it proposes the request to (the peers are ticked on their cards)."""

    message = forms.CharField(
        label=_("Message pour l'intervenant-pair (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class RequestMeetingForm(AccessibleFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Date et heure"), widget=DateTimeInput, required=False)
    duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=15, max_value=480, initial=60)
    place = forms.CharField(label=_("Lieu"), required=False, max_length=250, help_text=_("Adresse, salle."))
    video_url = forms.URLField(label=_("Lien de visioconférence"), required=False, assume_scheme="https")


class DeclineForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi je refuse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Quelques mots suffisent."),
    )


class FeedbackForm(AccessibleFormMixin, forms.Form):
    rating = forms.ChoiceField(
        label=_("Comment s'est passée l'intervention ?"), choices=RATING_CHOICES, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Ce que vous voulez nous dire (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )


class ExpenseForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Nature de la dépense"), choices=ExpenseLine.Kind.choices)
    amount = forms.DecimalField(label=_("Montant (€)"), min_value=0, max_digits=8, decimal_places=2)
    spent_on = forms.DateField(label=_("Date de la dépense"), widget=DateInput)
    payer = forms.ChoiceField(label=_("Qui paie"), choices=ExpenseLine.Payer.choices, initial=ExpenseLine.Payer.PARTNER)
    description = forms.CharField(label=_("Détail (facultatif)"), max_length=250, required=False)
    receipt = PolicyFormField(
        label=_("Justificatif"),
        policy=RECEIPT_POLICY,
        required=False,
        help_text=_("Ticket, facture ou billet : PDF ou photo (PNG, JPEG), 10 Mo au plus."),
    )


class ExpenseDecisionForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Motif du refus"), max_length=250, required=False)
