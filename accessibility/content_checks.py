"""Accessibility checks of a course's curriculum content (the blocks of courses/blocks.py), read from
the StreamFields' raw data so that a whole course costs a few queries."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.fields import StreamField


@dataclass(frozen=True)
class ContentIssue:
    """One problem on one page, with the admin address where it is fixed."""

    page_title: str
    check: str
    message: str
    fix_url: str
    fix_label: str


CHECKS = {
    "video_captions": "Vidéos sans sous-titres",
    "video_transcript": "Vidéos sans transcription",
    "image_alt": "Images sans texte alternatif",
    "easy_read": "Séances sans version facile à lire",
    "h5p_alternative": "Activités H5P sans alternative textuelle",
    "h5p_text_question": "Activités H5P sans version texte à remplir",
    "document_accessible": "Documents non marqués accessibles",
}


def _has_text(value) -> bool:
    return bool(strip_tags(value or "").strip())


def _items(list_value):
    """ListBlock raw data: new format [{"type": "item", "value": …}], old format [value, …]."""
    for item in list_value or []:
        yield item["value"] if isinstance(item, dict) and item.get("type") == "item" else item


def _stream_blocks(page):
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            yield from getattr(page, field.name).raw_data


def _page_issues(page) -> list[ContentIssue]:
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    fix = "Modifier la page"
    issues = []

    def add(check, message, url=edit_url, label=fix):
        issues.append(ContentIssue(page.title, check, message, url, label))

    has_easy_read = any(
        _has_text(getattr(page, name, ""))
        for name in ("summary_easy_read", "body_easy_read", "content_easy_read")
        if hasattr(page, name)
    )
    for block in _stream_blocks(page):
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "easy_read" and _has_text(value.get("text")):
            has_easy_read = True
        elif kind == "video":
            title = value.get("title") or "sans titre"
            if not value.get("captions"):
                add("video_captions", f"La vidéo « {title} » n'a pas de sous-titres.")
            if not _has_text(value.get("transcript")):
                add("video_transcript", f"La vidéo « {title} » n'a pas de transcription.")
        elif kind == "pictogram_instructions":
            for number, step in enumerate(_items(value.get("steps")), start=1):
                if step.get("pictogram") and not (step.get("alt_text") or "").strip():
                    add(
                        "image_alt",
                        f"Le pictogramme de l'étape {number} de « {value.get('heading', '')} » "
                        "n'a pas de texte alternatif.",
                    )
        elif kind == "h5p":
            question = value.get("text_question") or {}
            if not (question.get("question") or "").strip():
                add(
                    "h5p_text_question",
                    "Une activité H5P n'a pas de version texte à remplir : sans elle, qui ne peut pas utiliser "
                    "l'outil interactif ne peut pas obtenir de résultat.",
                )
                if not _has_text(value.get("text_alternative")):
                    add("h5p_alternative", "Une activité H5P n'a pas d'alternative textuelle.")
        elif kind == "document" and value.get("document") and not value.get("accessible"):
            name = value.get("title") or f"document n° {value['document']}"
            add("document_accessible", f"Le document « {name} » n'est pas marqué accessible.")
    if page.specific_class.__name__ == "SessionPage" and not has_easy_read:
        add("easy_read", "La séance n'a pas de version facile à lire (bloc « Texte facile à lire » ou résumé FALC).")
    return issues


def course_content_issues(course) -> list[ContentIssue]:
    """Every issue of the course page and its descendants, in tree order."""
    pages = [course.specific, *course.get_descendants().specific()]
    issues = []
    for page in pages:
        issues.extend(_page_issues(page))
    return issues
