"""Catch-up: items with what the trainee viewed or completed, and materials."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from courses.selectors import TRACKABLE_KINDS, h5p_completion, session_content_items
from lms.attendance.models import (
    CatchUp,
    CatchUpProgress,
    SessionMaterial,
)
from lms.cohorts.models import ScheduledSession
from lms.people.models import User


@dataclass
class CatchUpItem:
    """One thing to go through in a catch-up: a trainer's material or a piece of the session's content."""

    key: str
    title: str
    kind: str
    viewed: bool = False
    completed: bool = False
    needs_completion: bool = False
    material: SessionMaterial | None = None
    content: object = None
    content_kind: str = ""
    activity_id: int | None = None

    @property
    def done(self) -> bool:
        return self.completed if self.needs_completion else (self.viewed or self.completed)


CONTENT_KIND_LABELS = {
    "video": _("Vidéo"),
    "h5p": _("Activité interactive"),
    "document": _("Document"),
    "easy_read": _("Texte facile à lire"),
    "text": _("Texte de la séance"),
}
# The session's teaching text (paragraphs, quotes, pictogram instructions): one catch-up item that
# shows them all in page order, placed where the first of them stands.
TEXT_BLOCK_TYPES = ("paragraph", "quote", "pictogram_instructions")
TEXT_ITEM_KEY = "content-text"


@dataclass(frozen=True)
class SessionText:
    """The blocks of a session's text, by their ids, for the catch-up item that gathers them."""

    block_ids: tuple[str, ...]


def _with_text_item(outline: list, raw_blocks, *, detailed: bool) -> list:
    """`outline` with the session-text item inserted where the first text block stands."""
    text_ids, position, trackable_before = [], None, 0
    for block in raw_blocks:
        if block.get("type") in TEXT_BLOCK_TYPES:
            text_ids.append(str(block.get("id")))
            if position is None:
                position = trackable_before
        elif any(o.key == f"content-{block.get('id')}" for o in outline):
            trackable_before += 1
    if position is None:
        return outline
    title = str(_("Le texte de la séance")) if detailed else ""
    item = SessionText(tuple(text_ids)) if detailed else None
    return [*outline[:position], ContentOutline(TEXT_ITEM_KEY, "text", None, title, item), *outline[position:]]


@dataclass(frozen=True)
class ContentOutline:
    """What the catch-up needs of a content item to count it: its key, kind and H5P activity."""

    key: str
    kind: str
    activity_id: int | None
    title: str = ""
    item: object = None


def _content_outline(session_page) -> list[ContentOutline]:
    """The trackable items of a session page read from its raw stream data: no query, so listing
    pages stay constant whatever the number of sessions."""

    outline = []
    for block in session_page.body.raw_data:
        kind = TRACKABLE_KINDS.get(block["type"])
        if kind is None:
            continue
        activity_id = (block.get("value") or {}).get("activity") if kind == "h5p" else None
        outline.append(ContentOutline(f"content-{block['id']}", kind, activity_id))
    return _with_text_item(outline, session_page.body.raw_data, detailed=False)


def _content_detailed(session_page) -> list[ContentOutline]:
    """The same items with their titles, through the curriculum's own reading of the page."""

    outline = [
        ContentOutline(f"content-{item.block_id}", item.kind, item.activity_id, item.title, item)
        for item in session_content_items(session_page)
    ]
    return _with_text_item(outline, session_page.body.raw_data, detailed=True)


def _h5p_completed(catch_ups, outlines: dict[int, list[ContentOutline]]) -> set[tuple[int, int]]:
    """(trainee id, activity id) pairs whose H5P activity is completed, from the xAPI results."""
    activity_ids = {o.activity_id for items in outlines.values() for o in items if o.activity_id}
    trainee_ids = {catch_up.trainee_id for catch_up in catch_ups}
    if not activity_ids or not trainee_ids:
        return set()
    if len(trainee_ids) == 1:
        trainee = catch_ups[0].trainee
        results = h5p_completion(trainee, sorted(activity_ids))
        return {(trainee.pk, pk) for pk, result in results.items() if result["completed"]}
    # Several trainees (the trainer's page): one query for all rather than one per trainee.
    from wagtail_lms.models import H5PAttempt

    return set(
        H5PAttempt.objects.filter(
            user_id__in=trainee_ids, activity_id__in=activity_ids, completion_status="completed"
        ).values_list("user_id", "activity_id")
    )


def _material_items(materials, progress) -> list[CatchUpItem]:
    items = []
    for material in materials:
        key = f"material-{material.pk}"
        entry = progress.get(key)
        items.append(
            CatchUpItem(
                key=key,
                title=material.title,
                kind=material.get_kind_display(),
                viewed=bool(entry and entry.viewed_at),
                completed=bool(entry and entry.completed_at),
                material=material,
            )
        )
    return items


def catch_ups_with_items(
    catch_ups: QuerySet[CatchUp], *, session: ScheduledSession | None = None, detailed: bool = False
) -> list[CatchUp]:
    """Catch-ups with `.items` (the session's content then the trainers' materials, each with its
    progress), `.done_count` and `.percent`, in a fixed number of queries. `detailed` adds the
    content items' titles (one catch-up pages only: it loads the page's chosen snippets)."""
    catch_ups = list(
        catch_ups.select_related("trainee", "session__session_page", "session__venue").prefetch_related(
            Prefetch("progress", queryset=CatchUpProgress.objects.all(), to_attr="progress_list"),
        )
    )
    session_ids = {catch_up.session_id for catch_up in catch_ups}
    materials: dict[int, list[SessionMaterial]] = {pk: [] for pk in session_ids}
    for material in SessionMaterial.objects.filter(session_id__in=session_ids):
        materials[material.session_id].append(material)
    outlines: dict[int, list[ContentOutline]] = {}
    for catch_up in catch_ups:
        if session is not None:
            catch_up.session = session
        page = catch_up.session.session_page
        if page.pk not in outlines:
            outlines[page.pk] = _content_detailed(page) if detailed else _content_outline(page)
    completed_h5p = _h5p_completed(catch_ups, outlines)
    for catch_up in catch_ups:
        progress = {entry.item_key: entry for entry in catch_up.progress_list}
        items = []
        for outline in outlines[catch_up.session.session_page.pk]:
            entry = progress.get(outline.key)
            needs_completion = outline.kind == "h5p" and outline.activity_id is not None
            items.append(
                CatchUpItem(
                    key=outline.key,
                    title=outline.title or str(CONTENT_KIND_LABELS.get(outline.kind, outline.kind)),
                    kind=str(CONTENT_KIND_LABELS.get(outline.kind, outline.kind)),
                    viewed=bool(entry and entry.viewed_at),
                    completed=(catch_up.trainee_id, outline.activity_id) in completed_h5p
                    if needs_completion
                    else bool(entry and entry.completed_at),
                    needs_completion=needs_completion,
                    content=outline.item,
                    content_kind=outline.kind,
                    activity_id=outline.activity_id,
                )
            )
        items += _material_items(materials[catch_up.session_id], progress)
        catch_up.items = items
        catch_up.done_count = sum(1 for item in items if item.done)
        catch_up.percent = round(100 * catch_up.done_count / len(items)) if items else 0
    return catch_ups


def catch_up_items(catch_up: CatchUp) -> list[CatchUpItem]:
    """The items of one catch-up, with what the trainee has viewed or completed."""
    return catch_ups_with_items(CatchUp.objects.filter(pk=catch_up.pk))[0].items


def catch_up_for(user: User, catch_up_id: int) -> CatchUp | None:
    """A catch-up with its items, only for its own trainee."""
    found = catch_ups_with_items(CatchUp.objects.filter(pk=catch_up_id, trainee=user), detailed=True)
    return found[0] if found else None
