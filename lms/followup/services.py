"""The only write path of the follow-up app: opening plans when a course ends, writing them with the
person, review and validation (each validated version kept), and a referent's actions. Every write
runs in a transaction; refusals are ValidationErrors in French."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accessibility.models import ArrangementKind
from accessibility.selectors import consent_of, needs_of
from lms.cohorts.models import Enrolment, TrainingGroup
from lms.followup import selectors
from lms.followup.models import (
    FollowUpPlan,
    InterventionFormat,
    Meeting,
    MeetingParticipant,
    NextAction,
    PlanAction,
    PlanKind,
    PlanVersion,
)
from lms.followup.models import FollowUpPlan as Plan
from lms.followup.permissions import can_manage_plan, is_plan_person, team_region_ids
from lms.people.audit import record_access
from lms.people.models import Role, User
from lms.people.permissions import is_administrator

# What each kind of plan is made of (the person and the team write these).
PROJECT_FIELDS = ("themes", "audiences", "formats", "area", "availability", "intervention_needs")
ACTION_PLAN_FIELDS = ("workplace", "workplace_context")
TEAM_FIELDS = ("owner", "no_contact_alert_days")


def open_plan(*, trainee: User, group: TrainingGroup, actor: User | None, now: datetime.datetime | None = None):
    """Opens the trainee's follow-up plan for `group` once its last session is held (idempotent:
    the plan already open is returned). Owned by the region's first regional team member."""
    now = now or timezone.now()
    existing = FollowUpPlan.objects.filter(trainee=trainee, group=group).first()
    if existing is not None:
        return existing
    if not Enrolment.objects.enrolled().filter(trainee=trainee, group=group).exists():
        raise ValidationError(
            _("%(name)s n'est pas inscrit ou inscrite dans le groupe « %(group)s ».")
            % {"name": trainee.get_full_name(), "group": group.name},
            code="not_enrolled",
        )
    if not selectors.course_has_ended(group, now=now):
        raise ValidationError(
            _("La formation du groupe « %(group)s » n'est pas terminée : le suivi s'ouvre après la dernière séance.")
            % {"group": group.name},
            code="not_ended",
        )
    try:
        with transaction.atomic():
            plan = FollowUpPlan.objects.create(
                trainee=trainee,
                group=group,
                kind=selectors.kind_for_group(group),
                owner=selectors.default_owner(group),
                training_summary=selectors.training_summary(trainee, group),
                opened_at=now,
            )
            record_access(actor, "write", plan, "ouverture du suivi")
    except IntegrityError:
        # Opened meanwhile by the daily scan or another request.
        return FollowUpPlan.objects.get(trainee=trainee, group=group)
    return plan


def open_plans_for_ended_courses(*, now: datetime.datetime | None = None) -> list[FollowUpPlan]:
    """Opens a plan for every enrolled trainee of every group whose course has ended (idempotent)."""
    now = now or timezone.now()
    opened = []
    for group in selectors.groups_just_ended(now=now):
        for trainee in selectors.trainees_without_plan(group):
            opened.append(open_plan(trainee=trainee, group=group, actor=None, now=now))
    return opened


def _lock(plan: FollowUpPlan) -> FollowUpPlan:
    locked = FollowUpPlan.objects.select_for_update().select_related("group__territory").get(pk=plan.pk)
    plan.status = locked.status
    return locked


def _require_reader(actor: User, plan: FollowUpPlan) -> None:
    if not (is_plan_person(actor, plan) or can_manage_plan(actor, plan)):
        raise ValidationError(_("Vous ne pouvez pas modifier ce plan."), code="forbidden")


def _require_team(actor: User, plan: FollowUpPlan) -> None:
    if not can_manage_plan(actor, plan):
        raise ValidationError(_("Seule l'équipe régionale du groupe peut faire cela."), code="forbidden")


def update_plan(*, plan: FollowUpPlan, actor: User, **fields) -> FollowUpPlan:
    """Writes the plan's contents. The person writes their draft; the team writes a draft or a plan
    under review (its owner and alert delay too). A validated plan is reopened first."""
    allowed = set(PROJECT_FIELDS if plan.kind == PlanKind.INTERVENTION_PROJECT else ACTION_PLAN_FIELDS)
    if can_manage_plan(actor, plan):
        allowed |= set(TEAM_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(
            _("Ces informations ne font pas partie de ce plan : %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    if "formats" in fields:
        bad = [value for value in fields["formats"] if value not in InterventionFormat.values]
        if bad:
            raise ValidationError(
                {"formats": _("Format d'intervention inconnu : %(value)s.") % {"value": ", ".join(bad)}}
            )
        fields["formats"] = list(dict.fromkeys(fields["formats"]))
    owner = fields.get("owner")
    if (
        owner is not None
        and not owner.role_assignments.filter(
            role=Role.REGIONAL_TEAM, region_id=plan.group.territory.region_id
        ).exists()
    ):
        raise ValidationError({"owner": _("Le suivi est confié à un membre de l'équipe régionale du groupe.")})
    with transaction.atomic():
        locked = _lock(plan)
        _require_reader(actor, locked)
        if locked.status == FollowUpPlan.Status.VALIDATED:
            raise ValidationError(
                _("Ce plan est validé : rouvrez-le pour écrire une nouvelle version."), code="validated"
            )
        if locked.status == FollowUpPlan.Status.UNDER_REVIEW and not can_manage_plan(actor, locked):
            raise ValidationError(
                _("Votre plan est en relecture par l'équipe : vous pourrez le modifier s'il vous est renvoyé."),
                code="under_review",
            )
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.save(update_fields=[*fields, "updated_at"])
        record_access(actor, "write", plan, "modification du plan")
    return plan


def submit_plan(*, plan: FollowUpPlan, actor: User) -> FollowUpPlan:
    """Sends a draft to the team for review (the person or the team, once the plan says something)."""
    with transaction.atomic():
        locked = _lock(plan)
        _require_reader(actor, locked)
        if locked.status != FollowUpPlan.Status.DRAFT:
            raise ValidationError(_("Seul un brouillon peut être envoyé en relecture."), code="not_draft")
        if plan.kind == PlanKind.INTERVENTION_PROJECT and not plan.themes.strip():
            raise ValidationError(
                {"themes": _("Écrivez au moins un thème avant d'envoyer le projet en relecture.")}, code="empty"
            )
        if plan.kind == PlanKind.ACTION_PLAN and not plan.actions.exists():
            raise ValidationError(
                _("Ajoutez au moins une action avant d'envoyer le plan en relecture."), code="no_action"
            )
        plan.status = FollowUpPlan.Status.UNDER_REVIEW
        plan.submitted_at = timezone.now()
        plan.save(update_fields=["status", "submitted_at", "updated_at"])
        record_access(actor, "write", plan, "envoi en relecture")
    return plan


def validate_plan(*, plan: FollowUpPlan, actor: User) -> PlanVersion:
    """The team validates a plan under review; the version is kept as it stands, unchangeable."""
    with transaction.atomic():
        locked = _lock(plan)
        _require_team(actor, locked)
        if locked.status != FollowUpPlan.Status.UNDER_REVIEW:
            raise ValidationError(_("Seul un plan en relecture peut être validé."), code="not_under_review")
        now = timezone.now()
        number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = PlanVersion.objects.create(
            plan=locked, number=number, content=selectors.plan_content(locked), validated_by=actor, validated_at=now
        )
        plan.status = FollowUpPlan.Status.VALIDATED
        plan.validated_at = now
        plan.review_comment = ""
        plan.save(update_fields=["status", "validated_at", "review_comment", "updated_at"])
        record_access(actor, "write", plan, f"validation de la version {number}")
    return version


def return_plan(*, plan: FollowUpPlan, actor: User, comment: str) -> FollowUpPlan:
    """The team sends a plan under review back to the person, saying what to change."""
    if not comment.strip():
        raise ValidationError({"comment": _("Dites à la personne ce qui est à revoir.")}, code="required")
    with transaction.atomic():
        locked = _lock(plan)
        _require_team(actor, locked)
        if locked.status != FollowUpPlan.Status.UNDER_REVIEW:
            raise ValidationError(_("Seul un plan en relecture peut être renvoyé."), code="not_under_review")
        plan.status = FollowUpPlan.Status.DRAFT
        plan.review_comment = comment.strip()
        plan.save(update_fields=["status", "review_comment", "updated_at"])
        record_access(actor, "write", plan, "renvoi pour modification")
    return plan


def reopen_plan(*, plan: FollowUpPlan, actor: User) -> FollowUpPlan:
    """A validated plan becomes a draft again, to write its next version (the validated ones stay)."""
    with transaction.atomic():
        locked = _lock(plan)
        _require_team(actor, locked)
        if locked.status != FollowUpPlan.Status.VALIDATED:
            raise ValidationError(_("Seul un plan validé peut être rouvert."), code="not_validated")
        plan.status = FollowUpPlan.Status.DRAFT
        plan.save(update_fields=["status", "updated_at"])
        record_access(actor, "write", plan, "réouverture pour une nouvelle version")
    return plan


ACTION_FIELDS = ("title", "owner_name", "due_date", "status", "evidence_note", "evidence_document")


def save_action(*, plan: FollowUpPlan, actor: User, action: PlanAction | None = None, **fields) -> PlanAction:
    """Adds or changes an action of a referent's plan (the person while the plan is a draft; the team
    until it is validated). Once validated, only an action's status and evidence move on."""
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"Champs inconnus : {sorted(unknown)}")
    if plan.kind != PlanKind.ACTION_PLAN:
        raise ValidationError(_("Seul un plan d'action a des actions."), code="not_action_plan")
    if action is not None and action.plan_id != plan.pk:
        raise ValidationError(_("Cette action n'appartient pas à ce plan."), code="wrong_plan")
    if action is None and not str(fields.get("title", "")).strip():
        raise ValidationError({"title": _("Dites quelle est l'action.")}, code="required")
    with transaction.atomic():
        locked = _lock(plan)
        _require_reader(actor, locked)
        team = can_manage_plan(actor, locked)
        if locked.status == FollowUpPlan.Status.VALIDATED:
            progress_only = {"status", "evidence_note", "evidence_document"}
            if action is None or set(fields) - progress_only:
                raise ValidationError(
                    _("Ce plan est validé : seuls l'avancement et les preuves des actions changent."),
                    code="validated",
                )
        elif locked.status == FollowUpPlan.Status.UNDER_REVIEW and not team:
            raise ValidationError(_("Votre plan est en relecture par l'équipe."), code="under_review")
        action = action or PlanAction(plan=locked)
        for name, value in fields.items():
            if name == "evidence_document" and not value:
                continue
            setattr(action, name, value)
        action.full_clean(exclude=["plan"])
        action.save()
        record_access(actor, "write", action, "action du plan")
    return action


def delete_action(*, action: PlanAction, actor: User) -> None:
    """Removes an action from a plan that is not validated."""
    with transaction.atomic():
        locked = _lock(action.plan)
        _require_reader(actor, locked)
        if locked.status != FollowUpPlan.Status.DRAFT and not can_manage_plan(actor, locked):
            raise ValidationError(_("Votre plan est en relecture par l'équipe."), code="under_review")
        if locked.status == FollowUpPlan.Status.VALIDATED:
            raise ValidationError(_("Une action d'un plan validé ne se supprime pas."), code="validated")
        record_access(actor, "delete", action, "action du plan")
        if action.evidence_document:
            action.evidence_document.delete(save=False)
        action.delete()


# --- Accompaniment meetings -------------------------------------------------------------------


def meeting_arrangements(persons) -> list[dict]:
    """The arrangements a meeting needs, from its participants' recorded needs (those who consented):
    one line per kind with how many need it (no names); "other" needs keep their description."""

    labels = dict(ArrangementKind.choices)
    lines: dict[tuple[str, str], int] = {}
    for person in persons:
        if consent_of(person) is None:
            continue
        for need in needs_of(person):
            key = (need.kind, need.details[:200] if need.kind == ArrangementKind.OTHER else "")
            lines[key] = lines.get(key, 0) + 1
    return [
        {"kind": kind, "label": str(labels.get(kind, kind)), "details": details, "count": count}
        for (kind, details), count in sorted(lines.items())
    ]


def _require_region_team(actor: User, region_id: int) -> None:
    if not (is_administrator(actor) or region_id in team_region_ids(actor)):
        raise ValidationError(_("Seule l'équipe régionale peut organiser ce rendez-vous."), code="forbidden")


def _queue_invitations(meeting) -> None:
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task("lms.followup.tasks.send_meeting_invitations", meeting.pk))


def request_meeting(*, plan: FollowUpPlan, actor: User, message: str):
    """The person asks to talk with the team ("Je voudrais parler avec l'équipe"); the team then
    schedules it. The plan's owner is told by e-mail."""

    if not is_plan_person(actor, plan):
        raise ValidationError(_("Seule la personne suivie peut demander un rendez-vous ici."), code="forbidden")
    if not message.strip():
        raise ValidationError({"message": _("Dites en quelques mots de quoi vous voulez parler.")}, code="required")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            kind=Meeting.Kind.INDIVIDUAL,
            region_id=plan.group.territory.region_id,
            plan=plan,
            status=Meeting.Status.REQUESTED,
            request_message=message.strip(),
            created_by=actor,
        )
        MeetingParticipant.objects.create(meeting=meeting, person=plan.trainee, plan=plan)
        record_access(actor, "write", meeting, "demande de rendez-vous", subject=plan.trainee)
        from django_q.tasks import async_task

        transaction.on_commit(lambda: async_task("lms.followup.tasks.send_meeting_request", meeting.pk))
    return meeting


def schedule_meeting(
    *,
    actor: User,
    starts_at: datetime.datetime,
    place: str = "",
    video_url: str = "",
    duration_minutes: int = 60,
    title: str = "",
    plan: FollowUpPlan | None = None,
    meeting=None,
    region=None,
    audience: str = "",
    plans=(),
):
    """Schedules an individual meeting (for `plan`, or the person's request `meeting`) or a network
    meeting (`region`, `audience`, the participants' `plans`); the arrangements come from the
    participants' needs, and the invitations go out by e-mail."""

    errors = {}
    if starts_at is None:
        errors["starts_at"] = _("Indiquez la date et l'heure.")
    if not place.strip() and not video_url.strip():
        errors["place"] = _("Indiquez un lieu ou un lien de visioconférence.")
    if meeting is not None:
        plan = meeting.plan
    if plan is not None:
        region_id, participant_plans, kind = plan.group.territory.region_id, [plan], Meeting.Kind.INDIVIDUAL
    else:
        if region is None or audience not in PlanKind.values:
            raise ValidationError(_("Choisissez la région et le réseau de la réunion."), code="network")
        participant_plans = list(plans)
        region_id, kind = region.pk, Meeting.Kind.NETWORK
        if not participant_plans:
            errors["plans"] = _("Invitez au moins une personne.")
        strangers = [p for p in participant_plans if p.group.territory.region_id != region_id or p.kind != audience]
        if strangers:
            errors["plans"] = _("%(name)s ne fait pas partie de ce réseau.") % {
                "name": strangers[0].trainee.get_full_name()
            }
    _require_region_team(actor, region_id)
    if errors:
        raise ValidationError(errors)
    if meeting is not None and meeting.status != Meeting.Status.REQUESTED:
        raise ValidationError(_("Ce rendez-vous est déjà programmé."), code="already_scheduled")
    with transaction.atomic():
        meeting = meeting or Meeting(kind=kind, region_id=region_id, plan=plan, audience=audience, created_by=actor)
        meeting.status = Meeting.Status.SCHEDULED
        meeting.starts_at = starts_at
        meeting.place = place.strip()
        meeting.video_url = video_url.strip()
        meeting.duration_minutes = duration_minutes
        meeting.title = title.strip()
        meeting.arrangements = meeting_arrangements([p.trainee for p in participant_plans])
        meeting.save()
        for participant_plan in participant_plans:
            MeetingParticipant.objects.get_or_create(
                meeting=meeting, person=participant_plan.trainee, defaults={"plan": participant_plan}
            )
        record_access(actor, "write", meeting, "programmation", subject=plan.trainee if plan else None)
        _queue_invitations(meeting)
    return meeting


def record_meeting(
    *,
    meeting,
    actor: User,
    attended_ids: set[int],
    summary: str,
    summary_visibility: str,
    next_actions: list[tuple[str, datetime.date | None]] = (),
):
    """After the meeting: who came, the summary and its confidentiality, the next actions. The plans of
    those who came count it as a contact."""

    _require_region_team(actor, meeting.region_id)
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.HELD):
        raise ValidationError(_("Programmez d'abord ce rendez-vous."), code="not_scheduled")
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Ce rendez-vous n'a pas encore eu lieu."), code="future")
    if summary_visibility not in Meeting.Visibility.values:
        raise ValidationError({"summary_visibility": _("Choisissez qui peut lire le compte rendu.")})
    participants = list(meeting.participants.select_related("plan", "person"))
    for title, _due in next_actions:
        if len(title) > 200:
            raise ValidationError({"next_actions": _("Une prochaine étape tient en 200 caractères.")})
    with transaction.atomic():
        meeting.status = Meeting.Status.HELD
        meeting.summary = summary.strip()
        meeting.summary_visibility = summary_visibility
        meeting.save(update_fields=["status", "summary", "summary_visibility", "updated_at"])
        for participant in participants:
            participant.attended = participant.person_id in attended_ids
            participant.save(update_fields=["attended"])
            record_access(actor, "write", meeting, "compte rendu", subject=participant.person)
        came = [p.plan_id for p in participants if p.attended and p.plan_id]
        Plan.objects.filter(pk__in=came).exclude(last_contact_at__gt=meeting.starts_at).update(
            last_contact_at=meeting.starts_at
        )
        for title, due_date in next_actions:
            if not title.strip():
                continue
            for participant in participants:
                if participant.plan_id:
                    NextAction.objects.create(
                        meeting=meeting, plan_id=participant.plan_id, title=title.strip(), due_date=due_date
                    )
    return meeting


def _queue_cancellations(meeting) -> None:
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task("lms.followup.tasks.send_meeting_cancellations", meeting.pk))


def complete_next_action(*, action: NextAction, actor: User) -> NextAction:
    """Marks a next step agreed in a meeting as done (the plan's team, or the person for their own):
    the "action overdue" alert no longer counts it."""
    with transaction.atomic():
        locked = _lock(action.plan)
        _require_reader(actor, locked)
        step = NextAction.objects.select_for_update().get(pk=action.pk)
        if step.done:
            raise ValidationError(
                _("L'étape « %(title)s » est déjà faite.") % {"title": step.title}, code="already_done"
            )
        step.done = True
        step.save(update_fields=["done"])
        action.done = True
        record_access(actor, "write", step, "prochaine étape faite", subject=locked.trainee)
    return action


def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """The team cancels a meeting asked for or scheduled (not one already held); the participants of
    a scheduled meeting are told by e-mail."""
    _require_region_team(actor, meeting.region_id)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.status == Meeting.Status.HELD:
            raise ValidationError(
                _("Ce rendez-vous a déjà eu lieu : il ne peut plus être annulé."), code="already_held"
            )
        if locked.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("Ce rendez-vous est déjà annulé."), code="already_cancelled")
        was_scheduled = locked.status == Meeting.Status.SCHEDULED
        locked.status = Meeting.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        meeting.status = locked.status
        subject = meeting.plan.trainee if meeting.plan_id else None
        record_access(actor, "write", locked, "annulation", subject=subject)
        if was_scheduled:
            _queue_cancellations(locked)
    return meeting
