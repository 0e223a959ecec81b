"""Constants and the error shared by the cohorts services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from lms.cohorts.models import (
    TrainingGroup,
)

CLOSED_STATUSES = {TrainingGroup.Status.FINISHED, TrainingGroup.Status.CANCELLED}
# Planned hours may differ from the course's by this share before a warning is shown.
HOURS_TOLERANCE = 0.10

GROUP_FULL_MESSAGE = gettext_lazy("Ce groupe est complet : plus aucune place n'est disponible.")


class GroupFullError(ValidationError):
    """Raised when the last seat is taken (a clear « groupe complet » answer)."""
