"""What the tracking adds to pages lower apps own (lms.contributions): the "Suivi et indicateurs"
menu link (the funder's way in), a panel on the staff start page leading to the dashboard, and
the public results (Qualiopi indicator 2) in the footer."""

from django.utils.translation import gettext_lazy as _

from lms import contributions
from lms.reporting.permissions import can_read_dashboards


def register() -> None:
    contributions.register_menu_link(
        key="reporting", label=_("Suivi et indicateurs"), url_name="reporting:dashboard", visible=can_read_dashboards,
        order=70,
    )  # fmt: skip
    contributions.register_footer_link(
        key="reporting-results", label=_("Résultats des formations"), url_name="reporting:results_index", order=85
    )
    contributions.register_panel(
        key="reporting-figures",
        place=contributions.STAFF_HOME,
        template="reporting/includes/staff_panel.html",
        context=staff_panel,
        order=20,
    )


def staff_panel(request) -> dict | None:
    """The way to the dashboard; no figure here, so that the start page keeps its own query count."""
    if not can_read_dashboards(request.user):
        return None
    return {}
