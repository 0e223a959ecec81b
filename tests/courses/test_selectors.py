"""Reads other features use: trackable session items with stable ids, and H5P completion per user."""

import pytest
from wagtail_lms.models import H5PAttempt

from courses.factories import SessionPageFactory, h5p_activity, video_block_value
from courses.models import SessionPage
from courses.selectors import h5p_completion, session_content_items
from lms.people.models import Role

pytestmark = pytest.mark.django_db


def test_session_content_items_lists_trackable_blocks_with_stable_ids(site_tree):
    session = SessionPage.objects.get(slug="savoir-experientiel-rare")
    items = session_content_items(session)
    assert [item.kind for item in items] == ["video", "easy_read", "h5p"]
    video, easy, h5p = items
    assert video.title == "Le savoir expérientiel rare, en une minute"
    assert easy.title == "Le savoir expérientiel rare"
    assert h5p.activity_id is not None and h5p.title == "Quiz : le savoir expérientiel rare"
    assert video.id == f"{session.pk}:{video.block_id}"
    session.title = "Nouveau titre"
    session.save_revision().publish()
    assert [item.id for item in session_content_items(SessionPage.objects.get(pk=session.pk))] == [i.id for i in items]


def test_session_content_items_include_documents(site_tree):
    from courses.factories import document_from_bytes

    document = document_from_bytes("Fiche projet", "fiche.pdf", b"%PDF-1.7")
    session = SessionPageFactory(
        parent=site_tree["referents"],
        body=[
            {
                "type": "document",
                "value": {
                    "document": document.pk,
                    "title": "",
                    "description": "",
                    "accessible": True,
                    "easy_read_document": None,
                },
            },
            {"type": "video", "value": video_block_value()},
            {"type": "quote", "value": {"quote": "Non suivi", "attribution": ""}},
        ],
    )
    items = session_content_items(session)
    assert [(item.kind, item.title, item.document_id) for item in items][0] == ("document", "Fiche projet", document.pk)
    assert len(items) == 2


def test_h5p_completion_reports_each_requested_activity(make_user, django_assert_num_queries):
    trainee, other = make_user(Role.TRAINEE), make_user(Role.TRAINEE)
    done, untouched = h5p_activity(title="Quiz 1"), h5p_activity(title="Quiz 2")
    H5PAttempt.objects.create(
        user=trainee, activity=done, completion_status="completed", success_status="passed", score_raw=1, score_max=1
    )
    H5PAttempt.objects.create(user=other, activity=untouched, completion_status="completed", score_raw=0, score_max=1)
    with django_assert_num_queries(1):
        result = h5p_completion(trainee, [done, untouched.pk])
    assert result == {
        done.pk: {"completed": True, "score": 1.0, "max_score": 1.0, "success": "passed"},
        untouched.pk: {"completed": False, "score": None, "max_score": None, "success": "unknown"},
    }
    from django.contrib.auth.models import AnonymousUser

    assert h5p_completion(AnonymousUser(), [done])[done.pk]["completed"] is False
