"""What the calls for tenders add to pages lower apps own (lms.contributions): the "Appels d'offres"
menu link, the open calls in the footer and a panel on the staff start page for the buyer's side,
the national team and training organisations."""

from django.utils.translation import gettext_lazy as _

from lms import contributions
from lms.tenders.permissions import can_bid, can_edit_specification, can_use_team_pages


def register() -> None:
    contributions.register_menu_link(
        key="tenders", label=_("Appels d'offres"), url_name="tenders:team_calls", visible=can_use_team_pages, order=70
    )
    contributions.register_footer_link(
        key="tenders-open", label=_("Appels d'offres ouverts"), url_name="tenders:public_calls", order=85
    )
    contributions.register_panel(
        key="tenders-staff", place=contributions.STAFF_HOME, template="tenders/includes/staff_panel.html",
        context=staff_panel, order=60,
    )  # fmt: skip


def staff_panel(request) -> dict | None:
    user = request.user
    context = {
        "team": can_use_team_pages(user),
        "specification": can_edit_specification(user),
        "bidder": can_bid(user),
    }
    return context if any(context.values()) else None
