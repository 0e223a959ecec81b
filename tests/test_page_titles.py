"""Page titles name what the page is about (RGAA 8.6): two sessions, two slots or two trainees never
share one title."""

import re

import pytest

from courses.models import SessionPage

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_every_session_page_of_both_courses_has_its_own_title(client, site_tree):
    pages = SessionPage.objects.live()
    assert pages.count() > 2
    titles = [title_of(client.get(page.url)) for page in pages]
    assert len(set(titles)) == len(titles)
    assert all(" — Formation des " in title for title in titles)


def test_session_content_is_marked_french_when_the_page_is_in_english(client, site_tree):
    """Language of parts (RGAA 8.7): the curriculum is written in French; in English mode its blocks
    say so, so that screen readers read them with a French voice."""
    page = SessionPage.objects.live().first()
    client.cookies["django_language"] = "en"
    html = client.get(page.url).content.decode()
    assert '<html lang="en"' in html
    assert 'class="rich-text" lang="fr"' in html


def test_course_and_session_titles_and_objectives_are_marked_french_in_english_mode(client, site_tree):
    client.cookies["django_language"] = "en"
    course_html = client.get(site_tree["peer_interveners"].url).content.decode()
    assert '<h1 lang="fr">' in course_html and 'class="objective-list" lang="fr"' in course_html
    session_html = client.get(SessionPage.objects.live().first().url).content.decode()
    assert '<h1 lang="fr">' in session_html
