"""What the directory adds to pages lower apps own (lms.contributions): the person's entry on
"Mon espace", the entries to review on the staff start page, and the public directory in the footer."""

from django.utils.translation import gettext_lazy as _

from lms import contributions
from lms.directory import selectors
from lms.directory.models import DirectoryEntry
from lms.directory.permissions import can_read_team_pages, reviewable_entries


def register() -> None:
    contributions.register_panel(
        key="directory-my-entry",
        place=contributions.TRAINEE_HOME,
        template="directory/includes/trainee_panel.html",
        context=trainee_panel,
        order=55,
    )
    contributions.register_panel(
        key="directory-review",
        place=contributions.STAFF_HOME,
        template="directory/includes/staff_panel.html",
        context=staff_panel,
        order=55,
    )
    contributions.register_footer_link(
        key="directory", label=_("Annuaire des intervenants-pairs et référents"), url_name="directory:public_list"
    )


def trainee_panel(request) -> dict | None:
    """The person's entries, or the invitation to start one once a plan is validated; nothing before."""
    if not request.user.is_authenticated:
        return None
    entries = selectors.entries_of_person(request.user)
    plans = selectors.plans_to_start_from(request.user, entries=entries)
    if not entries and not plans:
        return None
    return {"entries": entries, "plans": plans}


def staff_panel(request) -> dict | None:
    if not can_read_team_pages(request.user):
        return None
    waiting = reviewable_entries(request.user).filter(status=DirectoryEntry.Status.SUBMITTED).count()
    return {"waiting": waiting}
