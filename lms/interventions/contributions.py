"""What the intervention requests add to pages lower apps own (lms.contributions): the "Interventions"
menu link and the team's panel on the staff start page, "Mes interventions" on Mon espace, and the
public form's link in the footer."""

from django.utils.translation import gettext_lazy as _

from lms import contributions
from lms.interventions.models import Proposal, Stage
from lms.interventions.permissions import can_use_request_pages, visible_requests
from lms.interventions.selectors import proposals_of_peer


def register() -> None:
    contributions.register_menu_link(
        key="interventions",
        label=_("Interventions"),
        url_name="interventions:team_requests",
        visible=can_use_request_pages,
        order=65,
    )
    contributions.register_footer_link(
        key="interventions-request", label=_("Demander une intervention"), url_name="interventions:request_public",
        order=80,
    )  # fmt: skip
    contributions.register_panel(
        key="interventions-mine",
        place=contributions.TRAINEE_HOME,
        template="interventions/includes/trainee_panel.html",
        context=trainee_panel,
        order=55,
    )
    contributions.register_panel(
        key="interventions-team",
        place=contributions.STAFF_HOME,
        template="interventions/includes/staff_panel.html",
        context=staff_panel,
        order=55,
    )


def trainee_panel(request) -> dict | None:
    """The peer's proposals and interventions; nothing for those who never had one."""
    if not request.user.is_authenticated:
        return None
    proposals = proposals_of_peer(request.user)
    if not proposals:
        return None
    waiting = sum(1 for proposal in proposals if proposal.status == Proposal.Status.PROPOSED)
    return {"proposals": proposals[:5], "waiting": waiting}


def staff_panel(request) -> dict | None:
    """How many requests wait for the team (received, or every peer declined)."""
    if not can_use_request_pages(request.user):
        return None
    requests = visible_requests(request.user)
    return {
        "received": requests.filter(stage=Stage.RECEIVED).count(),
        "declined": requests.filter(stage=Stage.DECLINED).count(),
    }
