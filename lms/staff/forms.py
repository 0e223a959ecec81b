"""Forms of the staff workspace: they collect input and show the services' refusals next to the field
(lms/forms.py); every rule is checked by the owning app's service."""

from django import forms

from courses.models import CoursePage
from lms.certificates.models import CompletionRule
from lms.cohorts.forms import DateInput
from lms.cohorts.models import TrainingGroup, Venue
from lms.forms import AccessibleFormMixin
from lms.people.models import Role
from lms.people.permissions import manageable_organisations, manageable_territories
from lms.people.selectors import users_with_role


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
        self.fields["course"].label_from_instance = lambda course: (
            f"{course.title} ({course.max_group_size} places au plus)"
        )
        self.fields["territory"].queryset = manageable_territories(user).select_related("region").order_by("name")
        self.fields["territory"].label_from_instance = lambda territory: f"{territory.name} ({territory.region.name})"
        self.fields["organisation"].queryset = manageable_organisations(user).order_by("name")
        self.fields["trainers"].queryset = users_with_role(Role.TRAINER).order_by("last_name", "first_name")
        self.fields["peer_trainers"].queryset = users_with_role(Role.PEER_TRAINER).order_by("last_name", "first_name")
        self.fields["capacity"].widget.attrs["min"] = 1


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
