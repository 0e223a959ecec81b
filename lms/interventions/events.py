"""The intervention requests' subscribers to other apps' events (registered in apps.py)."""

from lms.followup.models import PlanKind
from lms.interventions.selectors import interventions_done_count


def count_interventions_done(*, plan, counts: dict, **_payload) -> None:
    """FOLLOWUP_RECORDED_COUNTS: the interventions the person did for partners (accepted, then held)
    count in their follow-up indicator "interventions_done"."""
    if plan.kind != PlanKind.INTERVENTION_PROJECT:
        return
    done = interventions_done_count(plan.trainee)
    if done:
        counts["interventions_done"] = counts.get("interventions_done", 0) + done
