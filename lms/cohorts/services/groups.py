"""Writes on groups and venues, with the kit's caps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.cohorts.models import (
    TrainingGroup,
    Venue,
)
from lms.cohorts.models.groups import validate_group
from lms.cohorts.permissions import manageable_organisations, manageable_territories
from lms.cohorts.services.scheduling import rhythm_warnings
from lms.people.models import Role, User
from lms.people.selectors import has_role


def check_can_manage_group(group: TrainingGroup, actor: User | None) -> None:
    """Refuses a group write by someone who does not run groups of that territory or organisation."""
    if actor is None:
        return
    territories = manageable_territories(actor)
    organisations = manageable_organisations(actor)
    errors = {}
    if group.territory_id and not territories.filter(pk=group.territory_id).exists():
        errors["territory"] = _("Vous ne pouvez pas créer ou modifier un groupe dans ce territoire.")
    if group.organisation_id and not organisations.filter(pk=group.organisation_id).exists():
        errors["organisation"] = _("Vous ne pouvez pas confier un groupe à cet organisme.")
    if errors:
        raise ValidationError(errors)


def _check_leaders(trainers, peer_trainers) -> None:
    errors = {}
    if trainers is not None and any(not has_role(person, Role.TRAINER) for person in trainers):
        errors["trainers"] = _("Choisissez des personnes qui ont le rôle de formateur ou formatrice.")
    if peer_trainers is not None and any(not has_role(person, Role.PEER_TRAINER) for person in peer_trainers):
        errors["peer_trainers"] = _("Choisissez des personnes qui ont le rôle de formateur ou formatrice pair.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_group(group: TrainingGroup, *, trainers=None, peer_trainers=None, actor: User | None = None) -> TrainingGroup:
    """Creates or updates a group after checking the kit's caps (and, when `actor` is given, that
    they run groups of that territory and organisation); sets its leaders when given."""
    if group.pk:
        # Lock the row so that an enrolment cannot slip in between the count and the save.
        TrainingGroup.objects.select_for_update().filter(pk=group.pk).first()
    check_can_manage_group(group, actor)
    validate_group(group)
    _check_leaders(trainers, peer_trainers)
    group.save()
    if trainers is not None:
        group.trainers.set(trainers)
    if peer_trainers is not None:
        group.peer_trainers.set(peer_trainers)
    return group


def group_warnings(group: TrainingGroup, sessions=None) -> list[str]:
    """What the regional team should look at for this group (uses prefetched leaders/sessions)."""
    warnings = []
    if not group.peer_trainers.all():
        warnings.append(_("Aucun formateur pair parmi les animateurs : le kit demande une co-animation."))
    if not group.trainers.all():
        warnings.append(_("Aucun formateur ou formatrice n'anime ce groupe."))
    sessions = list(group.scheduled_sessions.all()) if sessions is None else sessions
    if sessions:
        warnings.extend(rhythm_warnings(group, sessions))
    return warnings


@transaction.atomic
def save_venue(venue: Venue, *, actor: User | None = None) -> Venue:
    """Creates or updates a training venue; `actor` must run groups in the venue's territory."""
    venue.full_clean()
    if actor is not None and not manageable_territories(actor).filter(pk=venue.territory_id).exists():
        raise ValidationError({"territory": _("Vous ne pouvez pas enregistrer un lieu dans ce territoire.")})
    venue.save()
    return venue
