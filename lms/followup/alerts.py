"""The regional team's follow-up alerts: a plan with no contact for too long, an action past its due
date, a plan waiting for review. Computed on read (nothing stored), in a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.followup.models import FollowUpPlan, PlanAction
from lms.followup.permissions import managed_plans


@dataclass(frozen=True)
class Alert:
    """One thing the team should look at, about one plan."""

    kind: str
    plan: FollowUpPlan
    since: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(ALERT_LABELS[self.kind])


NO_CONTACT = "no_contact"
ACTION_OVERDUE = "action_overdue"
WAITING_REVIEW = "waiting_review"
QUESTIONNAIRE_UNANSWERED = "questionnaire_unanswered"
# A questionnaire still unanswered this long after its reminder needs a call from the team.
UNANSWERED_AFTER_REMINDER_DAYS = 14
ALERT_LABELS = {
    NO_CONTACT: _("Pas de contact depuis longtemps"),
    ACTION_OVERDUE: _("Action en retard"),
    WAITING_REVIEW: _("Plan en attente de relecture"),
    QUESTIONNAIRE_UNANSWERED: _("Questionnaire sans réponse après relance"),
}


def no_contact_days(plan: FollowUpPlan) -> int:
    return plan.no_contact_alert_days or settings.FOLLOWUP_NO_CONTACT_DAYS


def alerts_for_plans(plans, *, now: datetime.datetime | None = None) -> list[Alert]:
    """The alerts of `plans` (a queryset), oldest first within each kind."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    open_actions = Q(actions__status__in=[PlanAction.Status.TODO, PlanAction.Status.IN_PROGRESS])
    rows = plans.select_related("trainee", "group").annotate(
        overdue_action=Min("actions__due_date", filter=open_actions & Q(actions__due_date__lt=today)),
        unanswered_since=Min(
            "questionnaires__reminded_at",
            filter=Q(
                questionnaires__answered_at__isnull=True,
                questionnaires__reminded_at__lte=now - datetime.timedelta(days=UNANSWERED_AFTER_REMINDER_DAYS),
            ),
        ),
        overdue_step=Min(
            "next_actions__due_date", filter=Q(next_actions__done=False, next_actions__due_date__lt=today)
        ),
    )
    alerts = []
    for plan in rows.order_by("trainee__last_name", "trainee__first_name", "pk"):
        if plan.status == FollowUpPlan.Status.UNDER_REVIEW:
            submitted = timezone.localtime(plan.submitted_at).date() if plan.submitted_at else None
            alerts.append(Alert(WAITING_REVIEW, plan, submitted))
        last = plan.last_contact_at or plan.opened_at
        if last + datetime.timedelta(days=no_contact_days(plan)) <= now:
            alerts.append(Alert(NO_CONTACT, plan, timezone.localtime(last).date()))
        if plan.unanswered_since:
            alerts.append(Alert(QUESTIONNAIRE_UNANSWERED, plan, timezone.localtime(plan.unanswered_since).date()))
        overdue = [day for day in (plan.overdue_action, plan.overdue_step) if day]
        if overdue:
            alerts.append(Alert(ACTION_OVERDUE, plan, min(overdue)))
    order = list(ALERT_LABELS)
    return sorted(alerts, key=lambda alert: (order.index(alert.kind), alert.since or today))


def alerts_for(user, *, now: datetime.datetime | None = None) -> list[Alert]:
    """The alerts of the plans `user`'s team follows."""
    return alerts_for_plans(managed_plans(user), now=now)
