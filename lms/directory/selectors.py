"""Reads of the directory: what is public about an entry (one function, used by the public page and by
the person's preview, so that the preview is exactly what will be public), the public search and the
lists of the person and of the team."""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import QuerySet

from lms.directory.models import DirectoryEntry, EntryKind
from lms.followup.models import FollowUpPlan, PlanKind
from lms.people.models import Role, Territory, User

KIND_FOR_PLAN = {PlanKind.INTERVENTION_PROJECT: EntryKind.PEER_INTERVENER, PlanKind.ACTION_PLAN: EntryKind.REFERENT}


@dataclass
class PublicEntry:
    """What anyone may read of an entry: its chosen fields, nothing else (empty when not chosen)."""

    slug: str
    kind: str
    kind_label: str
    name: str
    region: str
    photo: bool = False
    photo_alt: str = ""
    themes: str = ""
    audiences: str = ""
    formats: list[str] = field(default_factory=list)
    area: str = ""
    departments: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    text: str = ""
    text_easy_read: str = ""


def public_view(entry: DirectoryEntry) -> PublicEntry:
    """The entry as the public sees it (or will see it once published)."""
    view = PublicEntry(
        slug=entry.slug,
        kind=entry.kind,
        kind_label=str(entry.get_kind_display()),
        name=entry.display_name,
        region=entry.region.name,
    )
    if entry.photo_shown:
        view.photo, view.photo_alt = True, entry.photo_alt
    if entry.show_themes:
        view.themes = entry.themes
    if entry.show_audiences:
        view.audiences = entry.audiences
    if entry.show_formats:
        view.formats = entry.format_labels
    if entry.show_area:
        view.area = entry.area
        view.departments = [territory.name for territory in entry.departments.all()]
    if entry.show_languages:
        view.languages = entry.language_labels
    if entry.show_text:
        view.text, view.text_easy_read = entry.text, entry.text_easy_read
    return view


def normalise(text: str) -> str:
    """Lower case, without accents: "Étudiants" and "etudiants" meet on SQLite as on PostgreSQL."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_index(entry: DirectoryEntry) -> dict[str, str]:
    """The values of the search fields, from what is public only."""
    view = public_view(entry)
    words = [view.name, view.themes, view.audiences, view.area, *view.departments, view.text, view.text_easy_read]
    return {
        "search_text": normalise(" ".join(words)),
        "search_themes": normalise(view.themes),
        "search_audiences": normalise(view.audiences),
    }


def published_entries() -> QuerySet[DirectoryEntry]:
    """Entries anyone may read: published, with the person's consent standing, the person active."""
    return DirectoryEntry.objects.filter(
        status=DirectoryEntry.Status.PUBLISHED,
        consent_given_at__isnull=False,
        consent_withdrawn_at__isnull=True,
        person__is_active=True,
    )


def public_entry(slug: str) -> DirectoryEntry | None:
    return (
        published_entries()
        .select_related("person", "region")
        .prefetch_related("departments")
        .filter(slug=str(slug)[:20])
        .first()
    )


def search_public(
    *, q: str = "", kind: str = "", theme: str = "", audience: str = "", format: str = "", region=None, department=None
) -> QuerySet[DirectoryEntry]:
    """The public search. It only ever matches what the person made public: a hidden theme, area or
    name is never found, so that a search cannot reveal what is not shown."""
    entries = published_entries()
    if kind:
        entries = entries.filter(kind=kind)
    if region is not None:
        entries = entries.filter(region=region)
    if department is not None:
        entries = entries.filter(show_area=True, departments=department)
    if format:
        # A JSON list: its text holds the value in quotes (the same on SQLite and PostgreSQL).
        entries = entries.filter(show_formats=True, formats__icontains=format)
    if theme:
        entries = entries.filter(search_themes__contains=normalise(theme))
    if audience:
        entries = entries.filter(search_audiences__contains=normalise(audience))
    for word in normalise(q).split()[:8]:
        entries = entries.filter(search_text__contains=word)
    return (
        entries.select_related("person", "region").prefetch_related("departments").order_by("person__first_name", "pk")
    )


def department_choices() -> QuerySet[Territory]:
    """The départements used by at least one published entry (for the filter)."""
    return (
        Territory.objects.filter(
            kind=Territory.Kind.DEPARTEMENT,
            directory_entries__in=published_entries().filter(show_area=True),
        )
        .distinct()
        .select_related("region")
        .order_by("name")
    )


def departments_of_region(region_id) -> QuerySet[Territory]:
    return Territory.objects.filter(region_id=region_id, kind=Territory.Kind.DEPARTEMENT).order_by("name")


def entries_of_person(user: User) -> list[DirectoryEntry]:
    return list(DirectoryEntry.objects.filter(person=user).select_related("region").order_by("kind"))


def plans_to_start_from(user: User, *, entries: list[DirectoryEntry] | None = None) -> list[FollowUpPlan]:
    """The person's validated plans of a kind they have no entry for yet (`entries`: theirs, if read)."""
    if entries is None:
        entries = entries_of_person(user)
    taken = {entry.kind for entry in entries}
    plans = FollowUpPlan.objects.filter(trainee=user, status=FollowUpPlan.Status.VALIDATED).select_related("group")
    seen, result = set(), []
    for plan in plans.order_by("-validated_at", "pk"):
        kind = KIND_FOR_PLAN.get(plan.kind)
        if kind and kind not in taken and kind not in seen:
            seen.add(kind)
            result.append(plan)
    return result


def team_entries(entries: QuerySet[DirectoryEntry], *, status: str = "") -> list[DirectoryEntry]:
    if status:
        entries = entries.filter(status=status)
    return list(entries.select_related("person", "region").order_by("status", "-submitted_at", "pk"))


def regional_team_members(region_id) -> QuerySet[User]:
    """Who receives the directory's contact messages for a region: its active regional team."""
    return User.objects.filter(
        is_active=True, role_assignments__role=Role.REGIONAL_TEAM, role_assignments__region_id=region_id
    ).distinct()
