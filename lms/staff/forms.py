"""Forms of the staff workspace: they collect input and show the services' refusals next to the field
(lms/forms.py); every rule is checked by the owning app's service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.models import ArrangementKind
from courses.models import CoursePage
from lms.certificates.models import CompletionRule
from lms.cohorts.forms import DateInput
from lms.cohorts.models import TrainingGroup, Venue
from lms.cohorts.permissions import manageable_organisations, manageable_territories
from lms.forms import AccessibleFormMixin
from lms.people.models import Region, Role, TrainingOrganisation
from lms.people.selectors import users_with_role
from lms.staff.permissions import grantable_organisations, grantable_regions, grantable_roles


class GroupForm(AccessibleFormMixin, forms.ModelForm):
    """Creating or editing a training group, limited to the territories and organisations the person
    runs."""

    class Meta:
        model = TrainingGroup
        fields = [
            "name",
            "course",
            "territory",
            "organisation",
            "venue",
            "capacity",
            "start_date",
            "end_date",
            "status",
            "trainers",
            "peer_trainers",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "trainers": forms.CheckboxSelectMultiple,
            "peer_trainers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("audience")
        self.fields["course"].label_from_instance = lambda course: _("%(title)s (%(size)s places au plus)") % {
            "title": course.title,
            "size": course.max_group_size,
        }
        self.fields["territory"].queryset = manageable_territories(user).select_related("region").order_by("name")
        self.fields["territory"].label_from_instance = lambda territory: f"{territory.name} ({territory.region.name})"
        self.fields["organisation"].queryset = manageable_organisations(user).order_by("name")
        self.fields["trainers"].queryset = users_with_role(Role.TRAINER).order_by("last_name", "first_name")
        self.fields["peer_trainers"].queryset = users_with_role(Role.PEER_TRAINER).order_by("last_name", "first_name")
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["venue"].queryset = (
            Venue.objects.filter(territory__in=manageable_territories(user))
            .select_related("territory")
            .order_by("city")
        )


class VenueForm(AccessibleFormMixin, forms.ModelForm):
    """A training venue with the access information the kit asks for."""

    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "postcode",
            "city",
            "territory",
            "public_transport",
            "step_free_access",
            "break_room",
            "access_notes",
        ]
        widgets = {
            "public_transport": forms.Textarea(attrs={"rows": 3}),
            "access_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = manageable_territories(user).select_related("region").order_by("name")
        self.fields["territory"].label_from_instance = lambda territory: f"{territory.name} ({territory.region.name})"


class CompletionRuleForm(AccessibleFormMixin, forms.ModelForm):
    """A course's completion rules (the course is chosen by the page's address)."""

    class Meta:
        model = CompletionRule
        fields = [
            "min_attendance_percent",
            "count_caught_up_absences",
            "caught_up_weight_percent",
            "max_caught_up_hours",
            "require_final_session",
            "require_intersession_work",
            "require_final_evaluation",
        ]


class PersonForm(AccessibleFormMixin, forms.Form):
    """A person's account created outside enrolment, with the one role the staff member gives. The
    scope fields show only when one of the offered roles needs them; the service checks everything."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(
        label=_("Adresse e-mail"), help_text=_("L'invitation à choisir un mot de passe est envoyée à cette adresse.")
    )
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    role = forms.ChoiceField(label=_("Rôle"), widget=forms.RadioSelect)
    region = forms.ModelChoiceField(
        label=_("Région de l'équipe régionale"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Seulement pour un membre d'équipe régionale."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisme de formation"),
        queryset=TrainingOrganisation.objects.none(),
        required=False,
        help_text=_("Seulement pour le personnel d'un organisme de formation."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        roles = grantable_roles(user)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        if Role.REGIONAL_TEAM in roles:
            self.fields["region"].queryset = grantable_regions(user).order_by("name")
        else:
            del self.fields["region"]
        if Role.ORGANISATION_STAFF in roles:
            self.fields["organisation"].queryset = grantable_organisations(user).order_by("name")
        else:
            del self.fields["organisation"]


class ProviderForm(AccessibleFormMixin, forms.Form):
    """A provider of the region's arrangements catalogue; the region is chosen on creation only,
    among those the person keeps."""

    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.none())
    name = forms.CharField(label=_("Nom du prestataire"), max_length=200)
    kinds = forms.MultipleChoiceField(
        label=_("Aménagements fournis"), choices=ArrangementKind.choices, widget=forms.CheckboxSelectMultiple
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    booking_lead_days = forms.IntegerField(
        label=_("Délai de réservation (jours)"),
        min_value=0,
        max_value=180,
        initial=0,
        help_text=_("Combien de jours avant la séance réserver au plus tard. Le plan de chaque séance donne la date."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Conditions, tarifs, personne à joindre. Pas de donnée sur les participants."),
    )
    active = forms.BooleanField(label=_("Proposé dans les plans d'aménagements"), required=False, initial=True)

    def __init__(self, *args, regions, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["region"]
        else:
            self.fields["region"].queryset = regions
            if regions.count() == 1:
                self.fields["region"].initial = regions.first()
