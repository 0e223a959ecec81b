"""The content accessibility report: one line per problem, each linking to where it is fixed."""

import json

import pytest
from django.urls import reverse

from accessibility.content_checks import course_content_issues

pytestmark = pytest.mark.django_db

GOOD_VIDEO = {"title": "Témoignage", "video_url": "https://x.test/v.mp4", "captions": 7, "transcript": "<p>Tout</p>"}


def session(course, slug, body, **fields):
    from courses.models import SessionPage

    return course.add_child(instance=SessionPage(title=slug.capitalize(), slug=slug, body=json.dumps(body), **fields))


@pytest.fixture
def course(site_tree):
    course = site_tree["peer_interveners"]
    session(
        course,
        "complete",
        [
            {"type": "easy_read", "value": {"heading": "", "text": "Une phrase."}},
            {"type": "video", "value": GOOD_VIDEO},
            {"type": "document", "value": {"document": 3, "title": "Guide", "accessible": True}},
            {
                "type": "h5p",
                "value": {
                    "activity": 1,
                    "text_alternative": "<p>Une question</p>",
                    "text_question": {"question": "Vrai ?", "choices": ["Oui", "Non"], "correct": 1},
                },
            },
            {
                "type": "pictogram_instructions",
                "value": {
                    "heading": "Atelier",
                    "steps": [{"type": "item", "value": {"pictogram": 2, "alt_text": "Un"}}],
                },
            },
        ],
    )
    session(course, "resume-falc", [], summary_easy_read="Nous parlons.\nNous écoutons.")
    session(
        course,
        "a-corriger",
        [
            {"type": "video", "value": {"title": "Accueil", "captions": None, "transcript": "<p> </p>"}},
            {"type": "document", "value": {"document": 4, "title": "Diaporama", "accessible": False}},
            {"type": "h5p", "value": {"activity": 1, "text_alternative": ""}},
            {
                "type": "pictogram_instructions",
                "value": {"heading": "Pause", "steps": [{"type": "item", "value": {"pictogram": 2, "alt_text": " "}}]},
            },
        ],
    )
    return course


def test_each_problem_is_one_line_with_a_link_to_the_page_editor(course):
    from courses.models import SessionPage

    bad = SessionPage.objects.get(slug="a-corriger")
    issues = course_content_issues(course)
    assert [(issue.page_title, issue.check, issue.message) for issue in issues] == [
        ("A-corriger", "video_captions", "La vidéo « Accueil » n'a pas de sous-titres."),
        ("A-corriger", "video_transcript", "La vidéo « Accueil » n'a pas de transcription."),
        ("A-corriger", "document_accessible", "Le document « Diaporama » n'est pas marqué accessible."),
        (
            "A-corriger",
            "h5p_text_question",
            "Une activité H5P n'a pas de version texte à remplir : sans elle, qui ne peut pas utiliser l'outil "
            "interactif ne peut pas obtenir de résultat.",
        ),
        ("A-corriger", "h5p_alternative", "Une activité H5P n'a pas d'alternative textuelle."),
        ("A-corriger", "image_alt", "Le pictogramme de l'étape 1 de « Pause » n'a pas de texte alternatif."),
        (
            "A-corriger",
            "easy_read",
            "La séance n'a pas de version facile à lire (bloc « Texte facile à lire » ou résumé FALC).",
        ),
    ]
    assert {issue.fix_url for issue in issues} == {reverse("wagtailadmin_pages:edit", args=[bad.pk])}


def test_the_report_is_in_the_wagtail_admin(client, course, make_user):
    from lms.people.models import Role

    client.force_login(make_user(Role.ADMINISTRATOR))
    index = client.get(reverse("accessibility_content_index"))
    assert index.status_code == 200
    assert "Formation des intervenants-pairs" in index.content.decode()
    report = client.get(reverse("accessibility_content_report", args=[course.pk])).content.decode()
    assert "La vidéo « Accueil » n&#x27;a pas de sous-titres." in report
    assert "Documents non marqués accessibles : 1" in report
    assert 'href="/admin/pages/' in report


def test_the_report_is_closed_to_people_without_admin_access(client, course, make_user):
    client.force_login(make_user())
    response = client.get(reverse("accessibility_content_report", args=[course.pk]))
    assert response.status_code == 302 and "/admin/login/" in response.url
