"""Reads on the curriculum."""

from django.db.models import QuerySet

from courses.models import CoursePage


def published_courses() -> QuerySet[CoursePage]:
    """The live, public courses, peer interveners first."""
    return CoursePage.objects.live().public().order_by("audience").specific()
