"""Follow-up indicators: questionnaires at the end of training and at +3, +6 and +12 months, sent by
the daily scheduler (idempotent), reminded once to non-respondents only, answered by the person or
entered by the team. Writes are in transactions; the end-of-training answers are the baseline."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import events
from lms.followup.models import (
    MILESTONE_MONTHS,
    FollowUpPlan,
    IndicatorAnswer,
    IndicatorDefinition,
    Milestone,
    Questionnaire,
)
from lms.followup.permissions import can_manage_plan, is_plan_person
from lms.people.audit import record_access

# A questionnaire goes out within this many days of its due date; a plan opened long ago does not get
# every past questionnaire at once.
SEND_WINDOW_DAYS = 31
REMINDER_AFTER_DAYS = 14


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months later (the month's last day when it does not exist)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 0, -1):
        try:
            return datetime.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def due_on(plan: FollowUpPlan, milestone: str) -> datetime.date:
    return months_after(timezone.localtime(plan.opened_at).date(), MILESTONE_MONTHS[milestone])


def indicators_for(plan: FollowUpPlan) -> list[IndicatorDefinition]:
    """The active indicators asked of this plan's person (their audience and both)."""
    return list(
        IndicatorDefinition.objects.filter(active=True)
        .filter(Q(audience=plan.kind) | Q(audience=IndicatorDefinition.Audience.BOTH))
        .order_by("sort_order", "code")
    )


def _answer_url(questionnaire: Questionnaire) -> str:
    return settings.SITE_BASE_URL + reverse("followup:my_questionnaire", args=[questionnaire.pk])


def _send(questionnaire: Questionnaire, *, reminder: bool) -> None:
    person = questionnaire.plan.trainee
    links = [(_("Répondre au questionnaire de suivi"), _answer_url(questionnaire))]
    if not reminder:
        # Other apps add their own links (the cold satisfaction survey rides on the +3-month one).
        events.publish(
            events.FOLLOWUP_QUESTIONNAIRE_SENDING, person=person, milestone=questionnaire.milestone, links=links
        )
    text = render_to_string(
        "followup/email/questionnaire.txt",
        {"person": person, "questionnaire": questionnaire, "links": links, "reminder": reminder},
    )
    subject = (
        _("Rappel : votre questionnaire de suivi (%(milestone)s)")
        if reminder
        else _("Votre questionnaire de suivi (%(milestone)s)")
    ) % {"milestone": questionnaire.get_milestone_display().lower()}
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [person.email])


def send_due_questionnaires(*, now: datetime.datetime | None = None) -> int:
    """Daily: creates and sends each questionnaire that has come due (once per plan and milestone)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    oldest = now - datetime.timedelta(days=366 + SEND_WINDOW_DAYS)
    plans = FollowUpPlan.objects.filter(opened_at__gte=oldest, opened_at__lte=now).select_related("trainee")
    existing = set(Questionnaire.objects.filter(plan__in=plans).values_list("plan_id", "milestone"))
    sent = 0
    for plan in plans:
        for milestone in Milestone.values:
            day = due_on(plan, milestone)
            if (plan.pk, milestone) in existing or not (day <= today < day + datetime.timedelta(SEND_WINDOW_DAYS)):
                continue
            try:
                with transaction.atomic():
                    questionnaire = Questionnaire.objects.create(
                        plan=plan, milestone=milestone, due_on=day, sent_at=now
                    )
                    _send(questionnaire, reminder=False)
            except IntegrityError:
                continue  # sent meanwhile by another run
            sent += 1
    return sent


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Daily: one reminder to those who have not answered two weeks after the questionnaire went out."""
    now = now or timezone.now()
    due = Questionnaire.objects.filter(
        answered_at__isnull=True,
        reminded_at__isnull=True,
        sent_at__lte=now - datetime.timedelta(days=REMINDER_AFTER_DAYS),
    ).select_related("plan__trainee")
    count = 0
    for questionnaire in due:
        with transaction.atomic():
            # Claimed first, so that two runs never remind twice.
            if not Questionnaire.objects.filter(pk=questionnaire.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            _send(questionnaire, reminder=True)
        count += 1
    return count


def _clean_value(indicator: IndicatorDefinition, value) -> dict:
    kind = indicator.answer_type
    if value in (None, ""):
        return {}
    if kind == IndicatorDefinition.AnswerType.YES_NO:
        if value not in (True, False, "yes", "no"):
            raise ValidationError({indicator.code: _("Répondez oui ou non.")})
        return {"value_bool": value in (True, "yes")}
    if kind == IndicatorDefinition.AnswerType.TEXT:
        return {"value_text": str(value).strip()[:2000]}
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({indicator.code: _("Écrivez un nombre.")}) from None
    if kind == IndicatorDefinition.AnswerType.SCALE and not 1 <= number <= 4:
        raise ValidationError({indicator.code: _("Choisissez une réponse de 1 à 4.")})
    if not 0 <= number <= 10000:
        raise ValidationError({indicator.code: _("Écrivez un nombre entre 0 et 10 000.")})
    return {"value_number": number}


def answer_questionnaire(*, questionnaire: Questionnaire, actor, values: dict) -> Questionnaire:
    """Records the answers (`values` by indicator code): the person in their space, or the team for them."""
    plan = questionnaire.plan
    if not (is_plan_person(actor, plan) or can_manage_plan(actor, plan)):
        raise ValidationError(_("Vous ne pouvez pas répondre à ce questionnaire."), code="forbidden")
    indicators = indicators_for(plan)
    cleaned = {indicator.pk: _clean_value(indicator, values.get(indicator.code)) for indicator in indicators}
    if not any(cleaned.values()):
        raise ValidationError(_("Répondez à au moins une question."), code="empty")
    with transaction.atomic():
        for indicator in indicators:
            fields = {"value_bool": None, "value_number": None, "value_text": "", **cleaned[indicator.pk]}
            IndicatorAnswer.objects.update_or_create(questionnaire=questionnaire, indicator=indicator, defaults=fields)
        questionnaire.answered_at = timezone.now()
        questionnaire.answered_by = actor
        questionnaire.save(update_fields=["answered_at", "answered_by"])
        record_access(actor, "write", questionnaire, "réponses aux indicateurs")
    return questionnaire


def open_questionnaire_for_team(*, plan: FollowUpPlan, milestone: str, actor) -> Questionnaire:
    """The team enters answers during a meeting: the milestone's questionnaire, created if not sent yet."""
    if not can_manage_plan(actor, plan):
        raise ValidationError(_("Seule l'équipe régionale du groupe peut faire cela."), code="forbidden")
    if milestone not in Milestone.values:
        raise ValidationError(_("Moment inconnu."), code="milestone")
    questionnaire, _created = Questionnaire.objects.get_or_create(
        plan=plan, milestone=milestone, defaults={"due_on": due_on(plan, milestone)}
    )
    return questionnaire


def indicator_table(plan: FollowUpPlan) -> tuple[list, list]:
    """(milestones, rows) where each row is (indicator, [answer display per milestone]); the end of
    training comes first, as the baseline."""
    indicators = indicators_for(plan)
    answers = IndicatorAnswer.objects.filter(questionnaire__plan=plan).select_related("indicator", "questionnaire")
    by_key = {(a.indicator_id, a.questionnaire.milestone): a.display for a in answers}
    milestones = Milestone.choices
    rows = [
        (indicator, [by_key.get((indicator.pk, value), "") for value, _label in milestones]) for indicator in indicators
    ]
    return milestones, rows


def recorded_counts(plan: FollowUpPlan) -> dict[str, int]:
    """What the platform itself recorded for the plan's person, by indicator code: other apps fill it
    through FOLLOWUP_RECORDED_COUNTS (an intervention done for a partner counts in "interventions_done")."""
    counts: dict[str, int] = {}
    events.publish(events.FOLLOWUP_RECORDED_COUNTS, plan=plan, person=plan.trainee, counts=counts)
    return counts


def recorded_rows(plan: FollowUpPlan) -> list[tuple[IndicatorDefinition, int]]:
    """(indicator, recorded number) for the plan's indicators the platform counted."""
    counts = recorded_counts(plan)
    return [(indicator, counts[indicator.code]) for indicator in indicators_for(plan) if indicator.code in counts]
