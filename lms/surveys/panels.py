"""What the surveys app adds to pages of other apps: the questionnaires and complaint link in Mon
espace, the complaints panel on the staff start page, and its menu links (lms.contributions)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import contributions
from lms.people.models import Role
from lms.people.selectors import has_role
from lms.surveys import permissions
from lms.surveys.permissions import can_use_register, visible_complaints
from lms.surveys.selectors import open_complaints_summary, pending_invitations


def register() -> None:
    """Registers the panels and menu links (called from AppConfig.ready())."""
    contributions.register_panel(
        key="surveys-my-surveys",
        place=contributions.TRAINEE_HOME,
        template="surveys/panel_my_surveys.html",
        context=_my_surveys_panel,
        order=50,
    )
    contributions.register_menu_link(
        key="surveys-results",
        label=_("Satisfaction"),
        url_name="surveys:results",
        visible=permissions.can_view_results,
        order=60,
    )
    contributions.register_panel(
        key="surveys-complaint-link",
        place=contributions.TRAINEE_HOME,
        template="surveys/panel_complaint_link.html",
        context=lambda request: {} if request.user.is_authenticated else None,
        order=60,
    )
    contributions.register_footer_link(
        key="surveys-complaint",
        label=_("Faire une réclamation"),
        url_name="surveys:complaint_public",
        order=50,
    )
    contributions.register_footer_link(
        key="surveys-public-results",
        label=_("Résultats de satisfaction"),
        url_name="surveys:public_results",
        order=51,
    )
    contributions.register_panel(
        key="surveys-complaints",
        place=contributions.STAFF_HOME,
        template="surveys/panel_complaints.html",
        context=_complaints_panel,
        order=50,
    )
    contributions.register_menu_link(
        key="surveys-incident",
        label=_("Noter un incident"),
        url_name="surveys:incident_new",
        visible=_leads_sessions,
        order=61,
    )


def _my_surveys_panel(request):
    """The signed-in person's questionnaires still to answer, or nothing."""
    if not request.user.is_authenticated:
        return None
    invitations = list(pending_invitations(request.user))
    return {"invitations": invitations} if invitations else None


def _complaints_panel(request):
    """Open and late complaints of the user's scope, on the staff start page."""
    if not can_use_register(request.user):
        return None
    return {"summary": open_complaints_summary(visible_complaints(request.user), timezone.localdate())}


def _leads_sessions(user) -> bool:
    return has_role(user, Role.TRAINER, Role.PEER_TRAINER)
