"""seed_demo's curriculum: the kit's objectives, six sessions per course with valid accessible content."""

import pytest

from courses import demo
from courses.models import ComplementaryModulePage, CoursePage, LearningObjective, SessionPage
from courses.selectors import course_sessions, objectives_for_course, session_content_items
from tests.conftest import ensure_wagtail_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum():
    ensure_wagtail_root()
    demo.seed()
    return {course.audience: course for course in CoursePage.objects.all()}


def test_seed_builds_both_courses_with_six_sessions_and_is_idempotent(curriculum):
    counts = (LearningObjective.objects.count(), SessionPage.objects.count(), ComplementaryModulePage.objects.count())
    demo.seed()
    assert (
        LearningObjective.objects.count(),
        SessionPage.objects.count(),
        ComplementaryModulePage.objects.count(),
    ) == counts
    assert counts == (18, 12, 5)
    for course in curriculum.values():
        sessions = list(course_sessions(course))
        assert len(sessions) == 6
        worked = {objective.code for session in sessions for objective in session.objectives.all()}
        assert set(objectives_for_course(course).values_list("code", flat=True)) <= worked


def test_every_demo_session_has_a_falc_block_and_valid_content(curriculum):
    kinds = []
    for session in SessionPage.objects.all():
        block_types = [block.block_type for block in session.body]
        assert "easy_read" in block_types, session.title
        session.body.stream_block.clean(session.body)
        session.full_clean()
        kinds += [item.kind for item in session_content_items(session)]
    assert kinds.count("video") >= 1 and kinds.count("h5p") >= 1
