"""The kit check of a bid: its draft schedule, group size and team go through the same rules the
platform enforces on real groups (lms.cohorts.services.scheduling and the group's own validation),
each must-requirement getting pass, fail or to clarify with its evidence."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.cohorts.models import TrainingGroup
from lms.cohorts.models.groups import validate_group
from lms.cohorts.services.scheduling import DraftSession, draft_schedule_errors, rhythm_warnings
from lms.tenders.models import Bid, CheckMethod, ComplianceResult, Requirement, Rule

PASS, FAIL, CLARIFY = ComplianceResult.Outcome.PASS, ComplianceResult.Outcome.FAIL, ComplianceResult.Outcome.CLARIFY


def draft_sessions(bid: Bid) -> list[DraftSession]:
    return [
        DraftSession(
            date=datetime.date.fromisoformat(item["date"]),
            start_time=datetime.time.fromisoformat(item["start"]),
            end_time=datetime.time.fromisoformat(item["end"]),
        )
        for item in bid.schedule
    ]


def draft_group(bid: Bid) -> TrainingGroup:
    """The group the bid would run, not saved: what the cohorts rules are given."""
    return TrainingGroup(
        name=str(bid.lot), course=bid.lot.course, territory=bid.lot.territory, organisation=bid.organisation,
        capacity=bid.group_size,
    )  # fmt: skip


def _group_size(bid, group, sessions):
    try:
        validate_group(group)
    except ValidationError as error:
        return FAIL, " ".join(error.messages)
    return PASS, _("%(size)s stagiaires par groupe, pour %(max)s au plus.") % {
        "size": bid.group_size,
        "max": group.course.max_group_size,
    }


def _sessions(bid, group, sessions):
    errors = draft_schedule_errors(group, sessions)
    if errors:
        return FAIL, " ".join(errors)
    longest = max((session.duration_hours for session in sessions), default=0)
    return PASS, _("%(count)s séances, la plus longue de %(hours)s h, aucun jour consécutif.") % {
        "count": len(sessions),
        "hours": f"{longest:g}".replace(".", ","),
    }


def _rhythm(bid, group, sessions):
    warnings = rhythm_warnings(group, sessions)
    if warnings:
        return FAIL, " ".join(warnings)
    days = sorted({session.date for session in sessions})
    return PASS, _("%(days)s jours du %(first)s au %(last)s.") % {
        "days": len(days),
        "first": f"{days[0]:%d/%m/%Y}",
        "last": f"{days[-1]:%d/%m/%Y}",
    }


def _co_animation(bid, group, sessions):
    roles = {member.get("role") for member in bid.team}
    if {"trainer", "peer_trainer"} <= roles:
        names = ", ".join(member["name"] for member in bid.team)
        return PASS, _("Équipe proposée : %(names)s.") % {"names": names}
    return FAIL, _(
        "L'équipe doit compter au moins un formateur ou une formatrice et un formateur ou une formatrice pair."
    )


def _accessibility(bid, group, sessions):
    if bid.accessibility_means:
        return PASS, _("Moyens prévus : %(means)s.") % {"means": ", ".join(bid.accessibility_means)}
    return CLARIFY, _("Aucun moyen d'accessibilité n'est décrit : à préciser avec l'organisme.")


RULES = {
    Rule.GROUP_SIZE: _group_size,
    Rule.SESSIONS: _sessions,
    Rule.RHYTHM: _rhythm,
    Rule.CO_ANIMATION: _co_animation,
    Rule.ACCESSIBILITY: _accessibility,
}


def check_bid(bid: Bid, requirements: list[Requirement]) -> list[tuple[Requirement, str, str]]:
    """Each requirement with its outcome and evidence; the evaluators' requirements are to clarify."""
    group = draft_group(bid)
    sessions = draft_sessions(bid)
    results = []
    for requirement in requirements:
        rule = RULES.get(requirement.rule) if requirement.check_method == CheckMethod.AUTOMATIC else None
        if rule is None:
            results.append((requirement, CLARIFY, _("Examiné par les évaluateurs dans la proposition technique.")))
        else:
            outcome, evidence = rule(bid, group, sessions)
            results.append((requirement, outcome, evidence))
    return results
