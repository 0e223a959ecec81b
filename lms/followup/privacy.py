"""The follow-up app's part in personal-data rights and retention: plans, their versions and actions.

Nothing here is kept by law: erasure deletes the person's plans (with their versions, actions and
evidence files); the retention rule does the same once the person's last training ended longer ago
than FOLLOWUP_RETENTION_MONTHS."""

from django.utils.translation import gettext_lazy as _

from lms.followup.models import FollowUpPlan, MeetingParticipant, PlanAction
from lms.followup.selectors import plan_content
from lms.people import privacy, retention
from lms.people.audit import record_access


def export_followup(user) -> dict:
    """The person's plans as they stand, with each validated version and each action."""

    plans = (
        FollowUpPlan.objects.filter(trainee=user)
        .select_related("group", "owner")
        .prefetch_related("versions", "actions")
        .order_by("opened_at", "pk")
    )

    meetings_by_plan: dict[int, list] = {}
    for participant in (
        MeetingParticipant.objects.filter(person=user)
        .select_related("meeting")
        .prefetch_related("meeting__next_actions")
    ):
        meetings_by_plan.setdefault(participant.plan_id, []).append(participant.meeting)
    return {
        "plans_de_suivi": [
            {
                "groupe": plan.group.name,
                "statut": plan.get_status_display(),
                "suivi_par": str(plan.owner) if plan.owner else "",
                "ouvert_le": plan.opened_at,
                "contenu": plan_content(plan),
                "commentaire_de_relecture": plan.review_comment,
                "rendez_vous": [
                    {
                        "type": meeting.get_kind_display(),
                        "date": meeting.starts_at,
                        "lieu": meeting.place or meeting.video_url,
                        "statut": meeting.get_status_display(),
                        "votre_demande": meeting.request_message,
                        "compte_rendu": meeting.summary if meeting.summary_shared else "(réservé à l'équipe)",
                        "prochaines_étapes": [
                            {"étape": step.title, "pour_le": step.due_date, "faite": step.done}
                            for step in meeting.next_actions.all()
                            if step.plan_id == plan.pk
                        ],
                    }
                    for meeting in meetings_by_plan.get(plan.pk, [])
                ],
                "versions_validées": [
                    {"version": version.number, "validée_le": version.validated_at, "contenu": version.content}
                    for version in plan.versions.all()
                ],
            }
            for plan in plans
        ]
    }


def _delete_plans(plans) -> int:
    files = [
        (action.evidence_document.storage, action.evidence_document.name)
        for action in PlanAction.objects.filter(plan__in=plans).exclude(evidence_document="")
    ]
    count = plans.count()
    plans.delete()  # versions and actions by cascade
    privacy.delete_files_after_commit(files)
    return count


def erase_followup(user, pseudonym: str) -> None:
    """Deletes the person's plans (with their individual meetings, next steps, versions, actions and
    evidence files) and their places in network meetings; a network meeting itself stays."""

    MeetingParticipant.objects.filter(person=user).delete()
    _delete_plans(FollowUpPlan.objects.filter(trainee=user))


def purge_followup(persons, now) -> int:
    """Retention: the plans of persons whose last training ended long enough ago."""

    plans = FollowUpPlan.objects.filter(trainee__in=persons)
    for plan in plans.select_related("trainee"):
        record_access(None, "delete", plan, "durée de conservation dépassée")
    return _delete_plans(plans)


def register() -> None:
    privacy.register(
        "followup", label=_("Suivi après la formation"), exporter=export_followup, eraser=erase_followup, order=30
    )
    retention.register("followup", purge_followup, months_setting="FOLLOWUP_RETENTION_MONTHS")
