"""Writes on the curriculum: the kit's objectives and validated H5P activities."""

from django.core.files.base import ContentFile
from django.db import transaction

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
