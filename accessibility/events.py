"""Arrangement plans follow their session: moved, the bookings are to reconfirm; cancelled, to cancel."""

from django.utils import formats
from django.utils.translation import gettext as _

from lms import events


def review_plan(*, session, change, **_payload) -> None:
    from accessibility.services import refresh_plan, review_plan_after_change
    from lms.cohorts.models import SessionChange

    stamp = formats.date_format(change.changed_at, "SHORT_DATE_FORMAT")
    if change.kind == SessionChange.Kind.CANCELLED:
        note = _("Séance annulée le %(date)s : annuler la réservation auprès du prestataire.") % {"date": stamp}
        review_plan_after_change(session, note=note, cancelled=True)
    elif change.kind == SessionChange.Kind.MOVED:
        note = _("Séance déplacée le %(date)s (%(summary)s) : à reconfirmer auprès du prestataire.") % {
            "date": stamp,
            "summary": change.summary.replace("\n", " ; "),
        }
        review_plan_after_change(session, note=note)
    else:
        refresh_plan(session)


def register() -> None:
    events.subscribe(events.SESSION_CHANGED, review_plan)
