"""Forms of the follow-up pages: they collect input; every rule is the services' (lms/forms.py shows
their refusals next to the field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.cohorts.forms import DateInput
from lms.followup.models import FollowUpPlan, InterventionFormat, Meeting, PlanAction, PlanKind, Workplace
from lms.followup.models import IndicatorDefinition as Indicator
from lms.forms import AccessibleFormMixin
from lms.people.models import Role, User


class PlanForm(AccessibleFormMixin, forms.Form):
    """The plan's contents, the fields of its kind only; the team also sees who follows and the alert delay."""

    themes = forms.CharField(
        label=_("Mes thèmes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que je connais par mon expérience et que je veux transmettre."),
    )
    audiences = forms.CharField(
        label=_("Les publics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("À qui je veux parler : professionnels, étudiants, familles…"),
    )
    formats = forms.MultipleChoiceField(
        label=_("Ce que je veux faire"),
        required=False,
        choices=InterventionFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez une ou plusieurs cases."),
    )
    area = forms.CharField(
        label=_("Où"), required=False, max_length=200, help_text=_("La ville, le département, à distance…")
    )
    availability = forms.CharField(
        label=_("Quand je suis disponible"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Les jours, les heures, le rythme qui me convient."),
    )
    intervention_needs = forms.CharField(
        label=_("Ce dont j'ai besoin pour intervenir"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Accessibilité, une personne qui m'accompagne, le transport…"),
    )
    workplace = forms.ChoiceField(label=_("Ma structure"), required=False, choices=[("", "—"), *Workplace.choices])
    workplace_context = forms.CharField(
        label=_("Le contexte de ma structure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Son public, ce qui existe déjà, sur quoi le plan s'appuie (la charte d'engagement)."),
    )
    owner = forms.ModelChoiceField(
        label=_("Suivi par"), required=False, queryset=User.objects.none(), help_text=_("Membre de l'équipe régionale.")
    )
    no_contact_alert_days = forms.IntegerField(
        label=_("Alerte sans contact après (jours)"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Vide : le délai par défaut de la plateforme."),
    )

    PROJECT = ("themes", "audiences", "formats", "area", "availability", "intervention_needs")
    ACTION_PLAN = ("workplace", "workplace_context")
    TEAM = ("owner", "no_contact_alert_days")

    def __init__(self, *args, plan: FollowUpPlan, team: bool, **kwargs):
        kept = set(self.PROJECT if plan.kind == PlanKind.INTERVENTION_PROJECT else self.ACTION_PLAN)
        if team:
            kept |= set(self.TEAM)
        initial = {name: getattr(plan, name) for name in kept}
        super().__init__(*args, initial=initial, **kwargs)
        for name in list(self.fields):
            if name not in kept:
                del self.fields[name]
        if team:
            self.fields["owner"].queryset = User.objects.filter(
                role_assignments__role=Role.REGIONAL_TEAM,
                role_assignments__region_id=plan.group.territory.region_id,
                is_active=True,
            ).order_by("last_name", "first_name")


class ActionForm(AccessibleFormMixin, forms.ModelForm):
    """An action of a referent's plan."""

    class Meta:
        model = PlanAction
        fields = ["title", "owner_name", "due_date", "status", "evidence_note", "evidence_document"]
        widgets = {"due_date": DateInput, "evidence_note": forms.Textarea(attrs={"rows": 2})}


class ReturnForm(AccessibleFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Ce qui est à revoir"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La personne le lit dans son espace."),
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingRequestForm(AccessibleFormMixin, forms.Form):
    """The person's "Je voudrais parler avec l'équipe" (easy to read)."""

    message = forms.CharField(
        label=_("De quoi voulez-vous parler ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Écrivez quelques mots. L'équipe vous répond pour fixer un rendez-vous."),
    )


class MeetingForm(AccessibleFormMixin, forms.Form):
    """Date, place or link of a meeting; for a network meeting, who is invited."""

    title = forms.CharField(label=_("Objet"), required=False, max_length=200)
    starts_at = forms.DateTimeField(label=_("Date et heure"), widget=DateTimeInput, required=False)
    duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=15, max_value=480, initial=60)
    place = forms.CharField(label=_("Lieu"), required=False, max_length=250, help_text=_("Adresse, salle."))
    video_url = forms.URLField(label=_("Lien de visioconférence"), required=False, assume_scheme="https")

    def __init__(self, *args, network_plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if network_plans is not None:
            self.fields["plans"] = forms.ModelMultipleChoiceField(
                label=_("Personnes invitées"),
                queryset=network_plans,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.fields["plans"].label_from_instance = lambda plan: plan.trainee.get_full_name()


class MeetingRecordForm(AccessibleFormMixin, forms.Form):
    """After the meeting: attendance, the summary and who may read it, the next actions."""

    attended = forms.MultipleChoiceField(
        label=_("Présents"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    summary = forms.CharField(label=_("Compte rendu"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    summary_visibility = forms.ChoiceField(
        label=_("Qui peut lire le compte rendu"),
        widget=forms.RadioSelect,
        choices=(),
        help_text=_("Partagé : la personne le lit dans son espace. Équipe seulement : elle ne le voit pas."),
    )
    action_1 = forms.CharField(label=_("Prochaine étape 1"), required=False, max_length=200)
    due_1 = forms.DateField(label=_("Pour le (étape 1)"), required=False, widget=DateInput)
    action_2 = forms.CharField(label=_("Prochaine étape 2"), required=False, max_length=200)
    due_2 = forms.DateField(label=_("Pour le (étape 2)"), required=False, widget=DateInput)
    action_3 = forms.CharField(label=_("Prochaine étape 3"), required=False, max_length=200)
    due_3 = forms.DateField(label=_("Pour le (étape 3)"), required=False, widget=DateInput)

    def __init__(self, *args, meeting, participants, **kwargs):
        initial = {
            "summary": meeting.summary,
            "summary_visibility": meeting.summary_visibility,
            "attended": [str(p.person_id) for p in participants if p.attended or p.attended is None],
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["attended"].choices = [(str(p.person_id), p.person.get_full_name()) for p in participants]
        self.fields["summary_visibility"].choices = Meeting.Visibility.choices

    def next_actions(self) -> list:
        data = self.cleaned_data
        return [(data[f"action_{n}"], data[f"due_{n}"]) for n in (1, 2, 3) if data[f"action_{n}"].strip()]


SCALE_CHOICES = [
    ("1", _("1 — Pas du tout")),
    ("2", _("2 — Un peu")),
    ("3", _("3 — Plutôt oui")),
    ("4", _("4 — Tout à fait")),
]
YES_NO_CHOICES = [("yes", _("Oui")), ("no", _("Non"))]


class QuestionnaireForm(AccessibleFormMixin, forms.Form):
    """One field per indicator: radio buttons for yes/no and scales (each a fieldset with its legend),
    a number or a text otherwise. In easy-to-read mode the easy wording is the label."""

    def __init__(self, *args, indicators, easy_read: bool, answers: dict, recorded: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A count not answered yet starts from what the platform recorded (interventions done…).
        recorded = recorded or {}

        for indicator in indicators:
            label, help_text = (
                (indicator.wording_easy_read, indicator.wording)
                if easy_read
                else (indicator.wording, indicator.wording_easy_read)
            )
            common = {"label": label, "help_text": help_text, "required": False}
            answer = answers.get(indicator.pk)
            if indicator.answer_type == Indicator.AnswerType.YES_NO:
                field = forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
                initial = (
                    None if answer is None or answer.value_bool is None else ("yes" if answer.value_bool else "no")
                )
            elif indicator.answer_type == Indicator.AnswerType.SCALE:
                field = forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
                initial = str(answer.value_number) if answer and answer.value_number else None
            elif indicator.answer_type == Indicator.AnswerType.COUNT:
                field = forms.IntegerField(min_value=0, max_value=10000, **common)
                initial = answer.value_number if answer else recorded.get(indicator.code)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, **common)
                initial = answer.value_text if answer else ""
            field.initial = initial
            self.fields[indicator.code] = field


class ActionProgressForm(AccessibleFormMixin, forms.ModelForm):
    """How an action is going, and what shows it is done."""

    class Meta:
        model = PlanAction
        fields = ["status", "evidence_note", "evidence_document"]
        widgets = {"evidence_note": forms.Textarea(attrs={"rows": 2})}
