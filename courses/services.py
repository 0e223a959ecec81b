"""Writes on the curriculum: the kit's objectives, validated H5P activities and the answers given in
an activity's text version."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from courses.h5p import validate_h5p_package
from courses.kit import objective_rows
from courses.models import LearningObjective
from lms.uploads import normalize_filename


@transaction.atomic
def ensure_kit_objectives() -> list[LearningObjective]:
    """Creates the kit's 18 objectives (17 + the transversal one) that do not exist yet, by code."""
    objectives = []
    for row in objective_rows():
        objective, _created = LearningObjective.objects.get_or_create(code=row["code"], defaults=row)
        objectives.append(objective)
    return objectives


@transaction.atomic
def create_h5p_activity(*, title: str, package: bytes, filename: str, description: str = ""):
    """Validates an .h5p package (ValidationError in French otherwise) and stores it as a wagtail-lms
    H5PActivity, which extracts it for the player."""
    from wagtail_lms.models import H5PActivity

    upload = ContentFile(package, name=normalize_filename(filename))
    validate_h5p_package(upload)
    activity = H5PActivity(title=title, description=description)
    activity.package_file.save(upload.name, upload, save=False)
    activity.save()
    return activity


XAPI_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


@transaction.atomic
def record_text_answer(*, actor, activity, answer: int, choices: list[str], correct: int, object_iri: str):
    """Records an answer given in an activity's text version as the xAPI statement the interactive
    activity would send ("answered", score, completion), stored and applied to the attempt by
    wagtail-lms's own xAPI code, so that both versions count alike. Returns whether it was right."""
    from wagtail_lms.models import H5PAttempt, H5PXAPIStatement
    from wagtail_lms.views import _update_h5p_attempt

    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if not isinstance(answer, int) or not 1 <= answer <= len(choices):
        raise ValidationError({"answer": _("Choisissez une des réponses proposées.")})
    success = answer == correct
    statement = {
        "actor": {"objectType": "Agent", "name": actor.get_full_name() or actor.get_username()},
        "verb": {"id": XAPI_ANSWERED, "display": {"fr-FR": "a répondu"}},
        "object": {
            "objectType": "Activity",
            "id": object_iri,
            "definition": {
                "name": {"fr-FR": activity.title},
                "interactionType": "choice",
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "choices": [
                    {"id": str(number), "description": {"fr-FR": text}} for number, text in enumerate(choices, 1)
                ],
                "correctResponsesPattern": [str(correct)],
            },
        },
        "result": {
            "score": {"raw": 1 if success else 0, "min": 0, "max": 1, "scaled": 1 if success else 0},
            "completion": True,
            "success": success,
            "response": str(answer),
        },
        "context": {"extensions": {"https://epop.example/xapi/text-version": True}},
    }
    attempt, _created = H5PAttempt.objects.get_or_create(user=actor, activity=activity)
    H5PXAPIStatement.objects.create(attempt=attempt, verb=XAPI_ANSWERED, verb_display="a répondu", statement=statement)
    _update_h5p_attempt(attempt, statement, XAPI_ANSWERED)
    return success
