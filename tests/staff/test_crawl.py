"""A link nobody can use cannot come back: as each demo role, follow every link from the start page,
two levels deep, and fail on a linked page that refuses that role (403/404) or answers an error.
The same crawl in English fails on French text outside content marked lang="fr" (the curriculum is
French by design), naming the page and the text."""

import re
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from lms.people.demo import DEMO_ACCOUNTS
from lms.people.models import User
from tests.conftest import ensure_wagtail_root
from tests.staff.french_text import msgid_patterns, untranslated_texts

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
# Not pages of the site: the Wagtail back office, files and feeds, language switching.
SKIPPED = ("/admin/", "/documents/", "/static/", "/media/", "/i18n/", "/lms/", "/deconnexion/")
SKIPPED_SUFFIXES = (".ics", ".pdf", ".csv", ".json", ".png", ".jpg", ".svg", ".zip")


def internal_links(html: str) -> set[str]:
    links = set()
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(SKIPPED) or parts.path.endswith(SKIPPED_SUFFIXES):
            continue
        links.add(href)
    return links


def crawl(client: Client, start: str, depth: int = 2, inspect=None) -> dict[str, tuple[int, str]]:
    """Every page reached from `start` (following redirects), with its status and the page that
    linked to it; only links to pages that answer 200 are followed further. `inspect(link, html)` is
    called on every HTML page that answers 200."""
    seen: dict[str, tuple[int, str]] = {}
    response = client.get(start, follow=True)
    assert response.status_code == 200, start
    if response.request["PATH_INFO"].startswith("/admin/"):
        # Administrators land in the back office: their site pages start from the site's home.
        response = client.get("/", follow=True)
    frontier = {link: start for link in internal_links(response.content.decode())}
    for _level in range(depth):
        next_frontier = {}
        for link, origin in sorted(frontier.items()):
            if link in seen:
                continue
            try:
                response = client.get(link, follow=True)
            except Exception as error:  # an error page (500) raises in the test client
                seen[link] = (500, f"{origin} ({error!r})")
                continue
            seen[link] = (response.status_code, origin)
            content_type = response.get("Content-Type", "")
            if response.status_code == 200 and content_type.startswith("text/html"):
                if inspect is not None:
                    inspect(link, response.content.decode())
                for found in internal_links(response.content.decode()):
                    if found not in seen:
                        next_frontier.setdefault(found, link)
        frontier = next_frontier
    return seen


def test_every_link_from_each_roles_start_page_opens_for_that_role():
    """One demo world (seeding takes a while), every demo role crawled in turn."""
    ensure_wagtail_root()
    call_command("seed_demo", stdout=StringIO())
    refused = []
    for email, *_rest in DEMO_ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(email=email))
        pages = crawl(client, "/mon-espace/")
        assert len(pages) > 10, f"{email}: the start page links somewhere"
        refused += [
            f"{email}: {status} {link} (linked from {origin})"
            for link, (status, origin) in sorted(pages.items())
            if status in (403, 404) or status >= 500
        ]
    assert not refused, "\n".join(refused)


DATA_APPS = {
    "people",
    "cohorts",
    "attendance",
    "learning",
    "certificates",
    "accessibility",
    "followup",
    "surveys",
    "directory",
    "tenders",
}


def _stored_texts(models) -> set[str]:
    from django.db import models as db

    values = set()
    for model in models:
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, db.CharField | db.TextField | db.JSONField) and not field.choices
        ]
        # JSON holds typed answers and snapshots (a survey's free text, a validated plan's version).
        for row in model._default_manager.values_list(*names) if names else []:
            values |= _stream_texts([value for value in row if value])
    return values


def _stream_texts(value) -> set[str]:
    """Every text of a StreamField's raw data (rich text reduced to its text)."""
    from bs4 import BeautifulSoup

    if isinstance(value, str):
        text = BeautifulSoup(value, "html.parser").get_text(" ") if "<" in value else value
        return {" ".join(text.split())}
    if isinstance(value, dict):
        return set().union(*(_stream_texts(item) for item in value.values()))
    if isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        return set().union(*(_stream_texts(item) for item in value))
    return set()


def demo_data() -> tuple[list[str], list[str]]:
    """What people typed, stored by the delivery apps (names, places, motivations, notes, needs), and
    the curriculum's texts (page titles and fields): French data, not interface text. The first is
    ignored everywhere; the curriculum only where no lang="fr" can be set (the window title, an
    attribute), since elsewhere it must be marked. Longest first, so that a name goes before its parts."""
    from django.apps import apps
    from wagtail.fields import StreamField
    from wagtail.models import Page

    from accessibility.models import AccessibilityStatement
    from courses.models import CoursePage, SessionPage

    AccessibilityStatement.load()  # the statement's own texts are stored once it is first read
    data = _stored_texts(m for m in apps.get_models() if m._meta.app_label in DATA_APPS)
    data |= {f"{user.first_name} {user.last_name}" for user in User.objects.all()}
    # Whitespace normalised as the page's texts are (a title's no-break space before « ? »).
    curriculum = {" ".join(title.split()) for title in Page.objects.values_list("title", flat=True)}
    curriculum |= _stored_texts(m for m in apps.get_models() if m._meta.app_label == "courses")
    for page in [*CoursePage.objects.all(), *SessionPage.objects.all()]:
        for field in page._meta.concrete_fields:
            if isinstance(field, StreamField):
                curriculum |= _stream_texts(getattr(page, field.name).raw_data)

    def ordered(values):
        return sorted((value for value in values if value and len(value) > 2), key=len, reverse=True)

    return ordered(data), ordered(curriculum)


# Today's new msgids (in gettext, not yet in the English catalogue, which the lead regenerates at the
# end of the session): tolerated until then. Empty this list once the catalogue is regenerated.
AWAITING_CATALOGUE: tuple[str, ...] = ()


def test_every_page_each_role_reaches_is_in_english_in_english_mode():
    """The same crawl with English chosen (the language cookie the switcher sets): no French text
    outside lang="fr" content. Fails with each (role, page, text) found."""
    ensure_wagtail_root()
    call_command("seed_demo", stdout=StringIO())
    data, curriculum = demo_data()
    awaiting = msgid_patterns(AWAITING_CATALOGUE)
    found: dict[tuple[str, str], str] = {}
    for email, *_rest in DEMO_ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(email=email))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

        def inspect(link, html, email=email):
            assert '<html lang="en"' in html, f"{email}: {link} is not in English mode"
            for text in untranslated_texts(html, data, curriculum, awaiting):
                found.setdefault((text, link), email)

        crawl(client, "/mon-espace/", inspect=inspect)
    report = [f"{email}: {link}: « {text} »" for (text, link), email in sorted(found.items())]
    assert not report, f"{len(report)} French texts in English mode:\n" + "\n".join(report)
