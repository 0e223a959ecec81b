"""A link nobody can use cannot come back: as each demo role, follow every link from the start page,
two levels deep, and fail on a linked page that refuses that role (403/404) or answers an error."""

import re
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from lms.people.demo import DEMO_ACCOUNTS
from lms.people.models import User
from tests.conftest import ensure_wagtail_root

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


def crawl(client: Client, start: str, depth: int = 2) -> dict[str, tuple[int, str]]:
    """Every page reached from `start` (following redirects), with its status and the page that
    linked to it; only links to pages that answer 200 are followed further."""
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
