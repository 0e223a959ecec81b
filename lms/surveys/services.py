"""The only write path of surveys: campaigns, invitations, anonymous answers and reminders.

An Invitation says who was invited, reminded and has answered; a Response holds the answers and
nothing that leads to a person. Both are written in one transaction when someone answers, so the
flag and the answers never disagree, and a token answers once."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from lms.cohorts import selectors as cohorts_selectors
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
from lms.people.models import User
from lms.surveys import conf
from lms.surveys.models import Audience, Campaign, Invitation, Moment, Question, Response, SurveyTemplate

TOKEN_SALT = "lms.surveys.invitation"
# Sessions that ended longer ago than this get no hot survey (e.g. when the platform is deployed).
HOT_LOOKBACK_DAYS = 14


def token_for(invitation: Invitation) -> str:
    """The secret of the invitation's link, recomputed from its nonce (only its hash is stored)."""
    return salted_hmac(TOKEN_SALT, invitation.nonce, algorithm="sha256").hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_url(invitation: Invitation) -> str:
    return settings.SITE_BASE_URL + reverse("surveys:answer", kwargs={"token": token_for(invitation)})


def active_template(*, moment: str, audience: str = Audience.TRAINEES) -> SurveyTemplate | None:
    return SurveyTemplate.objects.filter(moment=moment, audience=audience, is_active=True).first()


def new_template_version(*, template: SurveyTemplate, actor: User | None) -> SurveyTemplate:
    """A copy of `template` as its next version, with the same question codes (so that years
    compare), put in service in place of the old one; campaigns already opened keep theirs."""
    with transaction.atomic():
        latest = SurveyTemplate.objects.select_for_update().filter(code=template.code).order_by("-version").first()
        if latest.pk != template.pk:
            raise ValidationError(
                _("Seule la dernière version (v%(version)s) peut servir de base à une nouvelle version.")
                % {"version": latest.version}
            )
        questions = list(template.questions.all())
        SurveyTemplate.objects.filter(pk=template.pk).update(is_active=False)
        copy = SurveyTemplate.objects.create(
            code=template.code,
            version=template.version + 1,
            audience=template.audience,
            moment=template.moment,
            title=template.title,
            title_easy_read=template.title_easy_read,
            intro=template.intro,
            intro_easy_read=template.intro_easy_read,
            is_active=True,
        )
        Question.objects.bulk_create(
            Question(
                template=copy,
                code=q.code,
                position=q.position,
                kind=q.kind,
                text=q.text,
                text_easy_read=q.text_easy_read,
                choices=q.choices,
                required=q.required,
            )
            for q in questions
        )
    return copy


def _invite(campaign: Campaign, person: User) -> tuple[Invitation, bool]:
    existing = Invitation.objects.filter(campaign=campaign, person=person).first()
    if existing:
        return existing, False
    invitation = Invitation(campaign=campaign, person=person, nonce=secrets.token_hex(16))
    invitation.token_hash = hash_token(token_for(invitation))
    invitation.save()
    return invitation, True


def open_campaign(
    *, template: SurveyTemplate, group, session=None, people, opened_on: datetime.date, actor: User | None = None
) -> Campaign:
    """The campaign of `template` for `group` (and `session`), created once, with an invitation for
    each of `people` not yet invited. Calling it again changes nothing."""
    with transaction.atomic():
        campaign, _created = Campaign.objects.get_or_create(
            template=template,
            group=group,
            session=session,
            defaults={"opened_on": opened_on, "closes_on": opened_on + datetime.timedelta(days=conf.campaign_days())},
        )
        for person in people:
            _invite(campaign, person)
    return campaign


def _send(invitation: Invitation, *, reminder: bool, connection=None) -> None:
    context = {
        "invitation": invitation,
        "campaign": invitation.campaign,
        "url": answer_url(invitation),
        "reminder": reminder,
        "site_url": settings.SITE_BASE_URL,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = (_("Rappel : %(title)s") if reminder else "%(title)s") % {"title": invitation.campaign.template.title}
        body = render_to_string("surveys/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.person.email], connection=connection)


def send_invitations(*, campaign: Campaign, now: datetime.datetime | None = None, connection=None) -> int:
    """Sends the campaign's invitations not yet sent (each once). Returns how many were sent.
    `connection`: a mail connection (the demo passes one that delivers nothing)."""
    now = now or timezone.now()
    sent = 0
    for invitation in campaign.invitations.filter(sent_at__isnull=True).select_related("person", "campaign__template"):
        with transaction.atomic():
            # Claimed before sending: a second run at the same time finds nothing to send.
            claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=now)
            if claimed:
                _send(invitation, reminder=False, connection=connection)
                sent += 1
    return sent


def session_has_ended(session, now: datetime.datetime) -> bool:
    local = timezone.localtime(now)
    return session.date < local.date() or (session.date == local.date() and session.end_time <= local.time())


def open_due_session_campaigns(*, now: datetime.datetime | None = None) -> list[Campaign]:
    """Hot surveys: for each session that has ended (not cancelled, of the last two weeks), one
    campaign per group, sent to that group's enrolled trainees. Idempotent."""

    now = now or timezone.now()
    today = timezone.localdate(now)
    template = active_template(moment=Moment.HOT_SESSION)
    if template is None:
        return []
    sessions = (
        ScheduledSession.objects.filter(date__lte=today, date__gte=today - datetime.timedelta(days=HOT_LOOKBACK_DAYS))
        .exclude(status=ScheduledSession.Status.CANCELLED)
        .prefetch_related("groups")
    )
    opened = []
    for session in sessions:
        if not session_has_ended(session, now):
            continue
        for group in session.groups.all():
            trainees = cohorts_selectors.enrolled_trainees(group)
            campaign = open_campaign(template=template, group=group, session=session, people=trainees, opened_on=today)
            send_invitations(campaign=campaign, now=now)
            opened.append(campaign)
    return opened


def open_due_course_campaigns(*, now: datetime.datetime | None = None) -> list[Campaign]:
    """Hot course-end surveys: groups whose last day has passed (finished or past end date, within
    two weeks) get the trainees' and the trainers' end-of-course questionnaires. Idempotent."""

    now = now or timezone.now()
    today = timezone.localdate(now)
    groups = TrainingGroup.objects.filter(
        end_date__lt=today, end_date__gte=today - datetime.timedelta(days=HOT_LOOKBACK_DAYS)
    ).exclude(status=TrainingGroup.Status.CANCELLED)
    opened = []
    for group in groups:
        for audience in (Audience.TRAINEES, Audience.TRAINERS):
            template = active_template(moment=Moment.HOT_COURSE, audience=audience)
            if template is None:
                continue
            if audience == Audience.TRAINEES:
                people = cohorts_selectors.enrolled_trainees(group)
            else:
                people = (group.trainers.all() | group.peer_trainers.all()).distinct()
            campaign = open_campaign(template=template, group=group, people=people, opened_on=today)
            send_invitations(campaign=campaign, now=now)
            opened.append(campaign)
    return opened


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Reminds those who have not answered an open campaign, every few days, at most N times
    (SURVEY_REMINDER_LIMIT). Those who answered are never reminded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due_before = now - datetime.timedelta(days=conf.reminder_interval_days())
    candidates = (
        Invitation.objects.filter(
            answered=False,
            sent_at__isnull=False,
            reminded_count__lt=conf.reminder_limit(),
            campaign__closes_on__gte=today,
        )
        .select_related("person", "campaign__template")
        .order_by("pk")
    )
    reminded = 0
    for invitation in candidates:
        last = invitation.last_reminded_at or invitation.sent_at
        if last > due_before:
            continue
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk, answered=False, reminded_count=invitation.reminded_count
            ).update(reminded_count=invitation.reminded_count + 1, last_reminded_at=now)
            if claimed:
                _send(invitation, reminder=True)
                reminded += 1
    return reminded


def clean_answers(template: SurveyTemplate, data: dict) -> dict:
    """The answers kept, by question code, checked against the template's questions; refuses
    unknown values and missing required answers."""
    answers = {}
    errors = {}
    for question in template.questions.all():
        value = data.get(question.code)
        if value in (None, ""):
            if question.required:
                errors[question.code] = _("Répondez à cette question.")
            continue
        value = str(value).strip()
        if question.kind == Question.Kind.SCALE:
            if value not in {"1", "2", "3", "4", "5"}:
                errors[question.code] = _("Choisissez une note de 1 à 5.")
                continue
            answers[question.code] = int(value)
        elif question.kind == Question.Kind.YES_NO:
            if value not in {"yes", "no"}:
                errors[question.code] = _("Répondez oui ou non.")
                continue
            answers[question.code] = value
        elif question.kind == Question.Kind.CHOICE:
            if value not in question.choices:
                errors[question.code] = _("Choisissez une réponse de la liste.")
                continue
            answers[question.code] = value
        else:
            answers[question.code] = value[:4000]
    if errors:
        raise ValidationError(errors)
    return answers


def _answer(invitation_filter: dict, answers: dict, today: datetime.date) -> Response:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("campaign__template")
            .filter(**invitation_filter)
            .first()
        )
        if invitation is None:
            raise ValidationError(_("Ce lien de questionnaire n'est pas valable."), code="invalid")
        if invitation.answered:
            raise ValidationError(_("Vous avez déjà répondu à ce questionnaire. Merci !"), code="answered")
        campaign = invitation.campaign
        if today > campaign.closes_on:
            raise ValidationError(
                _("Ce questionnaire est fermé depuis le %(date)s.") % {"date": campaign.closes_on.strftime("%d/%m/%Y")},
                code="closed",
            )
        cleaned = clean_answers(campaign.template, answers)
        # The flag flips only if it was still down: two submissions at once store one response.
        if not Invitation.objects.filter(pk=invitation.pk, answered=False).update(answered=True):
            raise ValidationError(_("Vous avez déjà répondu à ce questionnaire. Merci !"), code="answered")
        return Response.objects.create(campaign=campaign, answered_on=today, answers=cleaned)


def answer_with_token(*, token: str, answers: dict, actor: User | None = None) -> Response:
    """Stores the answers of the invitation whose link carries `token` and marks it answered, in
    one transaction. A token answers once; the response keeps no trace of it."""
    return _answer({"token_hash": hash_token(token or "")}, answers, timezone.localdate())


def answer_as_person(*, invitation_id: int, answers: dict, actor: User) -> Response:
    """The same, from "Mon espace": the invitation must be the actor's own."""
    return _answer({"pk": invitation_id, "person": actor}, answers, timezone.localdate())


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("campaign__template", "campaign__session__session_page", "campaign__group")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )


def cold_campaign_for(*, person: User, today: datetime.date) -> Invitation | None:
    """The person's invitation to the cold (+3 months) survey of the last group they finished,
    created if needed; None if they finished no group or there is no cold template."""

    template = active_template(moment=Moment.COLD)
    if template is None:
        return None
    enrolment = (
        Enrolment.objects.enrolled()
        .filter(trainee=person, group__end_date__lte=today)
        .select_related("group")
        .order_by("-group__end_date")
        .first()
    )
    if enrolment is None:
        return None
    with transaction.atomic():
        campaign = open_campaign(template=template, group=enrolment.group, people=[person], opened_on=today)
        return Invitation.objects.get(campaign=campaign, person=person)


def on_followup_questionnaire_sending(*, person, milestone, links, **payload) -> None:
    """Subscriber of FOLLOWUP_QUESTIONNAIRE_SENDING: the +3-month follow-up message carries the cold
    survey's link, so a person gets one message; the invitation counts as sent (our own reminders
    still reach a non-respondent, but no second invitation goes out)."""
    if milestone != "3m":
        return
    now = timezone.now()
    invitation = cold_campaign_for(person=person, today=timezone.localdate(now))
    if invitation is None or invitation.answered:
        return
    Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=now)
    links.append((_("Questionnaire de satisfaction, trois mois après la formation"), answer_url(invitation)))
