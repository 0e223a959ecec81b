"""Reads on the curriculum: courses, objectives, sessions, their trackable content and H5P results.

Objective counts follow the kit (annex 3): a course works on the 12 common objectives plus its
specific ones, 15 for peer interveners and 14 for referents. The transversal objective of joint
sessions ("se connaître et se respecter sans prendre la place de") is not counted in those
numbers: `transversal_objectives()` returns it separately.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Page

from courses.models import ComplementaryModulePage, CoursePage, LearningObjective, ObjectiveScope, SessionPage


def published_courses() -> QuerySet[CoursePage]:
    """The live, public courses, peer interveners first."""
    return CoursePage.objects.live().public().order_by("audience").specific()


def objectives_for_course(course: CoursePage) -> QuerySet[LearningObjective]:
    """The kit's objectives of a course: common + specific to its audience (15 IP, 14 RP), in kit
    order. The joint sessions' transversal objective is excluded (see transversal_objectives)."""
    return LearningObjective.objects.filter(scope__in=[ObjectiveScope.COMMON, course.audience]).order_by(
        "sort_order", "code"
    )


def transversal_objectives() -> QuerySet[LearningObjective]:
    """The objective(s) of the joint sessions of both audiences."""
    return LearningObjective.objects.filter(scope=ObjectiveScope.JOINT).order_by("sort_order", "code")


def course_sessions(course: Page) -> QuerySet[SessionPage]:
    """The live sessions of a course in curriculum order, with their objectives."""
    return SessionPage.objects.child_of(course).live().order_by("path").prefetch_related("objectives")


def complementary_modules(index: Page) -> QuerySet[ComplementaryModulePage]:
    """The live complementary modules listed under the course index."""
    return ComplementaryModulePage.objects.child_of(index).live().order_by("path")


@dataclass(frozen=True)
class ContentItem:
    """A trackable piece of a session's content. `id` is stable across edits ("<page>:<block uuid>")."""

    id: str
    kind: str  # "video", "h5p", "document" or "easy_read"
    title: str
    block_id: str
    activity_id: int | None = None
    document_id: int | None = None


TRACKABLE_KINDS = {"video": "video", "h5p": "h5p", "document": "document", "easy_read": "easy_read"}


def session_content_items(session_page: SessionPage) -> list[ContentItem]:
    """The trackable items of a session's body (videos, H5P activities, documents, FALC blocks), in
    page order. Reads only the page's own body: no query beyond loading the chosen snippets."""
    items = []
    for block in session_page.body:
        kind = TRACKABLE_KINDS.get(block.block_type)
        if kind is None:
            continue
        value = block.value
        activity_id = document_id = None
        if kind == "h5p":
            activity = value.get("activity")
            activity_id = activity.pk if activity else None
            title = activity.title if activity else ""
        elif kind == "document":
            document = value.get("document")
            document_id = document.pk if document else None
            title = value.get("title") or (document.title if document else "")
        elif kind == "video":
            title = value.get("title", "")
        else:
            title = value.get("heading") or ""
        items.append(
            ContentItem(
                id=f"{session_page.pk}:{block.id}",
                kind=kind,
                title=title,
                block_id=str(block.id),
                activity_id=activity_id,
                document_id=document_id,
            )
        )
    return items


def h5p_completion(user, activities) -> dict[int, dict]:
    """Completion and score of H5P activities for one user, from the xAPI results wagtail-lms
    records: {activity_id: {"completed": bool, "score": float|None, "max_score": float|None,
    "success": "passed"|"failed"|"unknown"}}. `activities` holds ids or H5PActivity objects;
    every one gets an entry (not completed when never attempted). One query."""
    from wagtail_lms.models import H5PAttempt

    ids = [getattr(activity, "pk", activity) for activity in activities]
    result = {
        activity_id: {"completed": False, "score": None, "max_score": None, "success": "unknown"} for activity_id in ids
    }
    if not ids or not getattr(user, "is_authenticated", False):
        return result
    attempts = H5PAttempt.objects.filter(user=user, activity_id__in=ids).values(
        "activity_id", "completion_status", "success_status", "score_raw", "score_max"
    )
    for attempt in attempts:
        result[attempt["activity_id"]] = {
            "completed": attempt["completion_status"] == "completed",
            "score": attempt["score_raw"],
            "max_score": attempt["score_max"],
            "success": attempt["success_status"],
        }
    return result


def sibling_sessions(session: SessionPage) -> tuple[SessionPage | None, SessionPage | None]:
    """The live sessions just before and after `session` in its course (None at either end)."""
    siblings = SessionPage.objects.sibling_of(session, inclusive=False).live()
    previous = siblings.filter(path__lt=session.path).order_by("-path").first()
    following = siblings.filter(path__gt=session.path).order_by("path").first()
    return previous, following
