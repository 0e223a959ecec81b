"""Back office (Wagtail) for delivery records: venues and training groups. Day-to-day work of the
regional teams (selection, enrolment, scheduling) happens on the site's own pages (/groupes/)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.cohorts import services
from lms.cohorts.models import TrainingGroup, Venue


class TrainingGroupAdminForm(WagtailAdminModelForm):
    """The back office's group form: the same service as the site's staff workspace writes the
    group, and its refusals show next to the field."""

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                services._check_leaders(cleaned.get("trainers"), cleaned.get("peer_trainers"))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        return services.save_group(
            self.instance,
            trainers=list(self.cleaned_data.get("trainers") or []),
            peer_trainers=list(self.cleaned_data.get("peer_trainers") or []),
        )


class VenueViewSet(ModelViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux de formation")
    url_prefix = "lieux"
    list_display = ["name", "city", "territory", "step_free_access", "break_room"]
    list_filter = ["territory", "step_free_access", "break_room"]
    search_fields = ["name", "city", "address"]
    form_fields = [
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


class TrainingGroupViewSet(ModelViewSet):
    model = TrainingGroup
    icon = "group"
    menu_label = _("Groupes de formation")
    url_prefix = "groupes-formation"
    list_display = ["name", "course", "territory", "organisation", "capacity", "status"]
    list_filter = ["status", "territory"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "course",
        "territory",
        "organisation",
        "venue",
        "trainers",
        "peer_trainers",
        "capacity",
        "start_date",
        "end_date",
        "applications_close_on",
        "status",
    ]

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(
            self.model,
            form=TrainingGroupAdminForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


class CohortsViewSetGroup(ViewSetGroup):
    items = (TrainingGroupViewSet("training_groups"), VenueViewSet("venues"))
    menu_icon = "group"
    menu_label = _("Groupes et séances")
    menu_order = 300


@hooks.register("register_admin_viewset")
def register_cohorts_viewsets():
    return CohortsViewSetGroup()
