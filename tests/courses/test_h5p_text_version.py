"""An H5P activity's text version is an equivalent, not a spoiler: the question as a form, checked on
the server, recorded through wagtail-lms's xAPI code like the interactive activity, and the answer
shown only once the person has answered."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail_lms.models import H5PAttempt, H5PXAPIStatement

from courses.blocks import H5PActivityBlock
from courses.factories import h5p_activity
from courses.models import SessionPage
from lms.people.models import Role
from tests.courses.test_blocks import field_errors

pytestmark = pytest.mark.django_db

SESSION = "/formations/intervenants-pairs/savoir-experientiel-rare/"
ANSWER = "La bonne réponse : Un savoir construit en vivant une expérience peu commune."
EXPLANATION = "On l'acquiert en vivant une expérience que peu de personnes vivent."


def h5p_block_id(page) -> str:
    return next(str(block.id) for block in page.body if block.block_type == "h5p")


@pytest.fixture
def session_page(site_tree):
    return SessionPage.objects.get(url_path__endswith="/savoir-experientiel-rare/")


def test_nobody_sees_the_answer_before_answering(client, session_page, make_user):
    html = client.get(SESSION).content.decode()
    assert "Qu&#x27;est-ce qu&#x27;un savoir expérientiel rare ?" in html
    assert "La bonne réponse" not in html and "Bonne réponse :" not in html
    assert "peu de personnes vivent" not in html

    client.force_login(make_user(Role.TRAINEE, email="t@example.fr"))
    html = client.get(SESSION).content.decode()
    assert f'action="/programme/h5p-version-texte/{session_page.pk}/{h5p_block_id(session_page)}/"' in html
    assert html.count('type="radio" name="answer"') == 3
    assert "La bonne réponse" not in html and "peu de personnes vivent" not in html


def test_an_answer_in_the_text_version_is_recorded_as_the_activitys_xapi_result(client, session_page, make_user):
    trainee = make_user(Role.TRAINEE, email="t@example.fr")
    client.force_login(trainee)
    url = f"/programme/h5p-version-texte/{session_page.pk}/{h5p_block_id(session_page)}/"
    response = client.post(url, {"answer": "2", "next": SESSION}, follow=True)
    assert response.redirect_chain[-1][0] == f"{SESSION}#h5p-{h5p_block_id(session_page)}-title"
    html = response.content.decode()
    assert "Bonne réponse ! Votre résultat est enregistré." in html
    assert ANSWER in html and EXPLANATION in html
    assert "Vous avez répondu. Votre résultat : 1 sur 1." in html
    attempt = H5PAttempt.objects.get(user=trainee)
    assert (attempt.completion_status, attempt.score_raw, attempt.score_max) == ("completed", 1.0, 1.0)
    statement = H5PXAPIStatement.objects.get(attempt=attempt)
    assert statement.verb == "http://adlnet.gov/expapi/verbs/answered"
    assert statement.statement["result"]["response"] == "2"
    assert statement.statement["object"]["id"] == f"http://testserver/lms/h5p-xapi/{attempt.activity_id}/"


def test_a_wrong_answer_counts_zero_and_then_shows_the_right_one(client, session_page, make_user):
    trainee = make_user(Role.TRAINEE, email="t@example.fr")
    client.force_login(trainee)
    url = f"/programme/h5p-version-texte/{session_page.pk}/{h5p_block_id(session_page)}/"
    html = client.post(url, {"answer": "1", "next": SESSION}, follow=True).content.decode()
    assert "Ce n&#x27;est pas la bonne réponse." in html
    assert ANSWER in html and "Votre résultat : 0 sur 1." in html
    assert H5PAttempt.objects.get(user=trainee).score_raw == 0


@pytest.mark.parametrize("posted", [{}, {"answer": "abc"}, {"answer": "0"}, {"answer": "4"}])
def test_a_missing_or_unknown_answer_is_refused_in_french_and_nothing_is_saved(client, session_page, make_user, posted):
    client.force_login(make_user(Role.TRAINEE, email="t@example.fr"))
    url = f"/programme/h5p-version-texte/{session_page.pk}/{h5p_block_id(session_page)}/"
    response = client.post(url, {**posted, "next": "https://evil.example/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(SESSION)
    assert "Choisissez une des réponses proposées." in response.content.decode()
    assert not H5PAttempt.objects.exists() and not H5PXAPIStatement.objects.exists()


def test_unknown_pages_and_blocks_answer_404_and_visitors_must_log_in(client, session_page, make_user):
    block_id = h5p_block_id(session_page)
    assert (
        client.post(f"/programme/h5p-version-texte/{session_page.pk}/{block_id}/", {"answer": "2"}).status_code == 302
    )
    client.force_login(make_user(Role.TRAINEE, email="t@example.fr"))
    assert client.post(f"/programme/h5p-version-texte/999999/{block_id}/", {"answer": "2"}).status_code == 404
    assert client.post(f"/programme/h5p-version-texte/{session_page.pk}/nope/", {"answer": "2"}).status_code == 404
    assert client.get(f"/programme/h5p-version-texte/{session_page.pk}/{block_id}/").status_code == 405
    assert not H5PAttempt.objects.exists()


def test_the_block_needs_a_text_alternative_or_a_complete_text_question():
    activity = h5p_activity()
    block = H5PActivityBlock()

    def errors(**value):
        return field_errors(block.clean, block.to_python({"activity": activity.pk, **value}))

    assert errors(text_alternative="") == {
        "text_alternative": [
            "L'alternative textuelle de l'activité H5P est obligatoire (ou sa version texte à remplir)."
        ]
    }
    assert errors(text_question={"question": "Vrai ?", "choices": ["Oui"], "correct": 1}) == {
        "text_question": ["Proposez au moins deux réponses."]
    }
    assert errors(text_question={"question": "Vrai ?", "choices": ["Oui", "Non"], "correct": 3}) == {
        "text_question": ["Le numéro de la bonne réponse doit être entre 1 et 2."]
    }
    assert errors(text_question={"question": "", "choices": ["Oui", "Non"], "correct": 1}) == {
        "text_question": ["Écrivez la question de la version texte."]
    }
    complete = {"question": "Vrai ?", "choices": ["Oui", "Non"], "correct": 1}
    assert block.clean(block.to_python({"activity": activity.pk, "text_question": complete}))["activity"] == activity


def test_anonymous_visitors_see_the_question_and_choices_without_the_answer(rf):
    activity = h5p_activity()
    block = H5PActivityBlock()
    value = block.to_python(
        {
            "activity": activity.pk,
            "text_alternative": "<p>Une question.</p>",
            "text_question": {
                "question": "Vrai ?",
                "choices": ["Oui", "Non"],
                "correct": 2,
                "explanation": "<p>Car.</p>",
            },
        }
    )
    request = rf.get("/formations/x/")
    request.user = AnonymousUser()
    html = block.render(value, context={"request": request, "block_id": "b3"})
    assert "<li>Oui</li><li>Non</li>" in html and "Vrai ?" in html
    assert "La bonne réponse" not in html and "Car." not in html and "<form" not in html
