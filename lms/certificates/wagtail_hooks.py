"""Wagtail administration of completion rules and signatories. Certificates are issued and revoked
from the front-end pages only, through the services (documents, badge and verification stay in step)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from lms.certificates.models import CompletionRule, OrganisationSignatory


class CompletionRuleViewSet(ModelViewSet):
    model = CompletionRule
    name = "completion_rules"
    icon = "tasks"
    menu_label = _("Règles de fin de formation")
    list_display = ["course", "min_attendance_percent", "count_caught_up_absences", "require_final_session"]
    form_fields = [
        "course",
        "min_attendance_percent",
        "count_caught_up_absences",
        "caught_up_weight_percent",
        "max_caught_up_hours",
        "require_final_session",
        "require_intersession_work",
        "require_final_evaluation",
    ]


class SignatoryViewSet(ModelViewSet):
    model = OrganisationSignatory
    name = "certificate_signatories"
    icon = "user"
    menu_label = _("Signataires")
    list_display = ["organisation", "signatory_name", "place"]
    form_fields = ["organisation", "signatory_name", "signatory_title", "place", "stamp", "signature"]


class CertificatesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Attestations")
    menu_icon = "doc-full"
    items = (CompletionRuleViewSet, SignatoryViewSet)


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesViewSetGroup()
