"""What the follow-up app adds to pages lower apps own (lms.contributions): the "Suivi" menu link,
the person's plan on "Mon espace" and the team's alerts on the staff start page."""

from django.utils.translation import gettext_lazy as _

from lms import contributions
from lms.followup.alerts import alerts_for
from lms.followup.permissions import can_use_team_pages
from lms.followup.selectors import plans_of_person


def register() -> None:
    contributions.register_menu_link(
        key="followup", label=_("Suivi"), url_name="followup:team_plans", visible=can_use_team_pages, order=60
    )
    contributions.register_panel(
        key="followup-my-plan",
        place=contributions.TRAINEE_HOME,
        template="followup/includes/trainee_panel.html",
        context=trainee_panel,
        order=50,
    )
    contributions.register_panel(
        key="followup-alerts",
        place=contributions.STAFF_HOME,
        template="followup/includes/alerts_panel.html",
        context=alerts_panel,
        order=50,
    )


def trainee_panel(request) -> dict | None:
    """The person's follow-up plans, once a course has ended; nothing before."""

    if not request.user.is_authenticated:
        return None
    plans = plans_of_person(request.user)
    return {"plans": plans} if plans else None


def alerts_panel(request) -> dict | None:
    """The team's follow-up alerts; nothing for those who do not follow plans."""

    if not can_use_team_pages(request.user):
        return None
    return {"alerts": alerts_for(request.user)}
