"""Forms of the cohorts pages; every rule is checked by the services, forms only collect input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, SessionPage
from lms.cohorts.models import (
    INTERVIEW_GRIDS,
    Application,
    Assessment,
    EngagementCharter,
    SelectionInterview,
    TrainingGroup,
    Venue,
)
from lms.cohorts.permissions import managed_groups
from lms.forms import AccessibleFormMixin
from lms.people.models import Role, Territory
from lms.people.selectors import users_with_role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ApplicationForm(AccessibleFormMixin, forms.ModelForm):
    """The public application form (also used by the regional team to record one)."""

    consent = forms.BooleanField(
        label=_("J'accepte que l'équipe régionale EPoP utilise ces informations pour étudier ma candidature."),
        help_text=_("Vos informations servent seulement à la sélection. Vous pouvez demander à les supprimer."),
    )

    class Meta:
        model = Application
        fields = [
            "course",
            "territory",
            "first_name",
            "last_name",
            "email",
            "phone",
            "employer_name",
            "job_title",
            "motivation",
            "interview_needs",
        ]
        widgets = {"course": forms.RadioSelect, "motivation": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "course": _("Formation demandée"),
            "employer_name": _("Structure employeuse (référents)"),
            "motivation": _("Pourquoi voulez-vous suivre cette formation ?"),
            "interview_needs": _("De quoi avez-vous besoin pour l'entretien ?"),
        }
        help_texts = {
            "territory": _("Le département ou le bassin de vie où vous voulez vous former."),
            "employer_name": _("Obligatoire pour les référents : votre employeur signe la charte d'engagement."),
            "interview_needs": _("Par exemple : interprète LSF, documents en FALC, une personne qui vous accompagne."),
            "phone": _("Facultatif."),
        }

    def __init__(self, *args, recorded=False, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("audience")
        self.fields["course"].empty_label = None
        self.fields["course"].label_from_instance = lambda course: course.title
        self.fields["territory"].queryset = territories if territories is not None else Territory.objects.all()
        self.fields["territory"].label_from_instance = lambda territory: f"{territory.name} ({territory.region.name})"
        self.fields["territory"].queryset = self.fields["territory"].queryset.select_related("region")
        if recorded:
            del self.fields["consent"]


class InterviewForm(AccessibleFormMixin, forms.ModelForm):
    """The selection interview with the kit's grid for the application's audience."""

    class Meta:
        model = SelectionInterview
        fields = ["held_on", *INTERVIEW_GRIDS["peer_interveners"], *INTERVIEW_GRIDS["referents"], "notes"]
        fields += ["decision", "decision_reason"]
        widgets = {
            "held_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 5}),
            "decision": forms.RadioSelect,
            "decision_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, audience: str, **kwargs):
        super().__init__(*args, **kwargs)
        for other, names in INTERVIEW_GRIDS.items():
            for name in names:
                if other != audience:
                    del self.fields[name]
                else:
                    field = self.fields[name]
                    field.required = True
                    field.widget = forms.RadioSelect()
                    field.choices = list(Assessment.choices)
        self.fields["decision"].choices = SelectionInterview.Decision.choices
        self.grid = [self[name] for name in INTERVIEW_GRIDS[audience]]


class CharterForm(AccessibleFormMixin, forms.ModelForm):
    """The employer's engagement charter for a referent."""

    class Meta:
        model = EngagementCharter
        fields = ["employer_name", "signatory_name", "signatory_role", "signed_on", "method", "document"]
        widgets = {"signed_on": DateInput, "method": forms.RadioSelect}
        help_texts = {
            "document": _(
                "PDF ou image PNG ou JPEG de la charte signée, 10 Mo au plus (obligatoire pour un document signé)."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = EngagementCharter.Method.choices


class EnrolForm(AccessibleFormMixin, forms.Form):
    """Choose the group an accepted candidate joins."""

    group = forms.ModelChoiceField(
        label=_("Groupe"),
        queryset=TrainingGroup.objects.none(),
        help_text=_("Si le groupe est complet, la personne est mise en liste d'attente."),
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class SessionForm(AccessibleFormMixin, forms.Form):
    """Scheduling a session for a group (optionally joint with a group of the other audience)."""

    session_page = forms.ModelChoiceField(label=_("Séance du programme"), queryset=SessionPage.objects.none())
    joint_group = forms.ModelChoiceField(
        label=_("Séance commune avec le groupe"),
        queryset=TrainingGroup.objects.none(),
        required=False,
        help_text=_("Facultatif : un groupe de l'autre formation, dans le même territoire."),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput)
    venue = forms.ModelChoiceField(
        label=_("Lieu"), queryset=Venue.objects.none(), required=False, help_text=_("Ou un lien de visioconférence.")
    )
    remote_url = forms.URLField(label=_("Lien de visioconférence"), required=False, assume_scheme="https")
    trainer = forms.ModelChoiceField(label=_("Formateur ou formatrice"), queryset=None, required=False)
    peer_trainer = forms.ModelChoiceField(label=_("Formateur ou formatrice pair"), queryset=None, required=False)

    def __init__(self, *args, group: TrainingGroup, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        other_audience = "referents" if group.course.audience == "peer_interveners" else "peer_interveners"
        pages = SessionPage.objects.child_of(group.course)
        other_course = CoursePage.objects.filter(audience=other_audience).first()
        if other_course is not None:
            pages = pages | SessionPage.objects.child_of(other_course).filter(can_be_joint=True)
        self.fields["session_page"].queryset = pages.order_by("path")
        self.fields["joint_group"].queryset = TrainingGroup.objects.filter(
            territory=group.territory, course__audience=other_audience
        ).exclude(status__in=[TrainingGroup.Status.FINISHED, TrainingGroup.Status.CANCELLED])
        if user is not None:  # only groups the planner manages (another organisation's are not offered)
            self.fields["joint_group"].queryset = self.fields["joint_group"].queryset.filter(
                pk__in=managed_groups(user).values("pk")
            )
        self.fields["venue"].queryset = Venue.objects.filter(territory__region=group.territory.region_id)
        if group.venue_id and not self.is_bound and "venue" not in self.initial:
            # New sessions take the group's usual venue; the planner may choose another.
            self.initial["venue"] = group.venue_id
        self.fields["trainer"].queryset = users_with_role(Role.TRAINER).order_by("last_name")
        self.fields["peer_trainer"].queryset = users_with_role(Role.PEER_TRAINER).order_by("last_name")
