"""Arrangement plans follow their sessions and participants: scheduled or re-planned, a session's
plan is refreshed; moved, its bookings are to reconfirm; cancelled, to cancel; a trainee enrolled or
a place freed changes what the sessions need; a convocation lists what the session provides."""

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from accessibility.models import ArrangementLine
from accessibility.selectors import planned_arrangement_labels
from accessibility.services import (
    refresh_plan,
    refresh_plans_for_group,
    refresh_plans_for_trainee,
    review_plan_after_change,
)
from lms import events
from lms.cohorts.models import SessionChange


def refresh_scheduled_plan(*, session, **_payload) -> None:
    refresh_plan(session)


def follow_enrolment(*, enrolment, change, **_payload) -> None:
    if change == "enrolled":
        refresh_plans_for_trainee(enrolment.trainee)
    elif change == "withdrawn":
        # The departed trainee no longer attends: refresh the group's sessions, not theirs.
        refresh_plans_for_group(enrolment.group)


def add_convocation_arrangements(*, session, context, **_payload) -> None:
    context["arrangements"] = planned_arrangement_labels(session)


def review_plan(*, session, change, **_payload) -> None:
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


def protect_bookings(*, session, change: str, **_payload) -> None:
    """Refuses to delete a session with arrangements asked of a provider: it is cancelled instead, so
    that the bookings are marked to cancel."""
    booked = ArrangementLine.objects.filter(plan__session=session).exclude(status=ArrangementLine.Status.NEEDED)
    if change == "delete" and booked.exists():
        raise ValidationError(
            _(
                "Des aménagements ont été demandés à un prestataire pour cette séance : annulez-la plutôt que de la "
                "supprimer, pour que les réservations soient annulées."
            )
        )


def register() -> None:
    events.subscribe(events.SESSION_CHANGED, review_plan)
    events.subscribe(events.SESSION_SCHEDULED, refresh_scheduled_plan)
    events.subscribe(events.ENROLMENT_CHANGED, follow_enrolment)
    events.subscribe(events.CONVOCATION_CONTEXT, add_convocation_arrangements)
    events.subscribe(events.SESSION_CHANGING, protect_bookings)
