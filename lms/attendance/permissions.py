"""Who may take, follow and read attendance: a session's leaders, the trainers of its groups, and
whoever sees its groups' trainees individually (lms.cohorts.permissions)."""

from django.db.models import Q

from lms.cohorts.models import Enrolment, ScheduledSession
from lms.cohorts.permissions import groups_with_trainee_access
from lms.people.models import Role, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role


def follows_group_attendance(user: User) -> bool:
    """The regional team and organisation staff follow their groups' attendance without taking it."""
    return has_role(user, Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF)


def can_open_attendance_index(user: User) -> bool:
    """The attendance start page: trainers and peer trainers, those who follow groups, superusers."""
    return has_role(user, Role.TRAINER, Role.PEER_TRAINER) or user.is_superuser or follows_group_attendance(user)


def can_take_attendance(user: User, session: ScheduledSession) -> bool:
    """The session's trainer and peer trainer, the trainers of its groups, administrators."""
    if not user.is_authenticated:
        return False
    if is_administrator(user) or user.pk in (session.trainer_id, session.peer_trainer_id):
        return True
    return session.groups.filter(Q(trainers=user) | Q(peer_trainers=user)).exists()


def can_view_session_attendance(user: User, session: ScheduledSession) -> bool:
    """Who sees the attendance of a whole session: its leaders and whoever sees its groups' trainees
    individually (regional team, organisation staff)."""
    if can_take_attendance(user, session):
        return True
    return groups_with_trainee_access(user).filter(scheduled_sessions=session).exists()


def can_view_signature(user: User, signature) -> bool:
    """A signature follows its record's group: the signer, the session's leaders, or whoever sees the
    signer's individual records through a group of this session the signer is enrolled in."""
    record = signature.record
    session = record.slot.session
    if record.trainee_id == user.pk or can_take_attendance(user, session):
        return True
    signer_groups = session.groups.filter(
        enrolments__trainee=record.trainee, enrolments__status=Enrolment.Status.ENROLLED
    )
    return groups_with_trainee_access(user).filter(pk__in=signer_groups.values("pk")).exists()


def material_viewers_filter(user: User) -> Q:
    """Materials a user may open: those of sessions of their groups (trainee), or that they lead or
    supervise."""
    groups = groups_with_trainee_access(user).values("pk")
    enrolled = Enrolment.objects.enrolled().filter(trainee=user).values("group_id")
    return (
        Q(session__groups__in=enrolled)
        | Q(session__groups__in=groups)
        | Q(session__trainer=user)
        | Q(session__peer_trainer=user)
    )
