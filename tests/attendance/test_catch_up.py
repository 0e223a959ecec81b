"""Absence opens a catch-up on the session's content and the trainers' materials; progress comes
from viewing each item and, for H5P activities, from their xAPI completion."""

import json
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.factories import h5p_activity, video_block_value
from lms.attendance import services
from lms.attendance.models import CatchUp, SessionMaterial
from lms.attendance.selectors import catch_up_for, catch_up_items
from lms.cohorts.models import HalfDay
from tests.attendance.conftest import at, make_session

pytestmark = pytest.mark.django_db


def body_with(activity) -> str:
    return json.dumps(
        [
            {"type": "paragraph", "value": "<p>Introduction</p>", "id": str(uuid.uuid4())},
            {
                "type": "easy_read",
                "value": {"heading": "La séance en bref", "text": "Nous avons parlé de nous."},
                "id": "11111111-1111-4111-8111-111111111111",
            },
            {"type": "video", "value": video_block_value(), "id": "22222222-2222-4222-8222-222222222222"},
            {
                "type": "h5p",
                "value": {
                    "activity": activity.pk,
                    "instructions_easy_read": "Choisissez la bonne réponse.",
                    "text_alternative": "<p>La bonne réponse est la deuxième.</p>",
                },
                "id": "33333333-3333-4333-8333-333333333333",
            },
        ]
    )


@pytest.fixture
def absent_world(world):
    activity = h5p_activity()
    page = world["session"].session_page.specific
    page.body = body_with(activity)
    page.save_revision().publish()
    session, trainer = world["session"], world["trainer"]
    services.add_material(
        session,
        by=trainer,
        kind=SessionMaterial.Kind.PHOTO,
        title="Le tableau de la matinée",
        text="Un tableau avec trois colonnes : ce que je sais, ce que je veux savoir, ce que j'ai appris.",
        file=SimpleUploadedFile("tableau.jpg", b"\xff\xd8\xff fake jpeg", content_type="image/jpeg"),
    )
    services.add_material(session, by=trainer, kind=SessionMaterial.Kind.NOTES, title="Notes", text="Tour de table.")
    morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=at(9))
    present = world["trainees"][0]
    from lms.attendance.models import SignatureMethod

    services.sign(morning, present, SignatureMethod.ONE_TAP, by=present, now=at(9, 5))
    services.close_slot(morning, by=trainer, now=at(13))
    return {**world, "activity": activity, "absent": world["trainees"][1], "present": present}


def test_absence_opens_a_catch_up_with_the_session_content_and_materials(absent_world):
    absent = absent_world["absent"]
    catch_up = CatchUp.objects.get(trainee=absent)
    assert catch_up.session == absent_world["session"] and catch_up.opened_at == at(13)
    assert not CatchUp.objects.filter(trainee=absent_world["present"]).exists()
    detailed = catch_up_for(absent, catch_up.pk)
    assert [(item.key, item.title, item.kind) for item in detailed.items] == [
        ("content-text", "Le texte de la séance", "Texte de la séance"),
        ("content-11111111-1111-4111-8111-111111111111", "La séance en bref", "Texte facile à lire"),
        ("content-22222222-2222-4222-8222-222222222222", "Le savoir expérientiel en une minute", "Vidéo"),
        ("content-33333333-3333-4333-8333-333333333333", "Quiz : le savoir expérientiel", "Activité interactive"),
        (
            f"material-{SessionMaterial.objects.get(title='Le tableau de la matinée').pk}",
            "Le tableau de la matinée",
            "Photo du tableau",
        ),
        (f"material-{SessionMaterial.objects.get(title='Notes').pk}", "Notes", "Notes"),
    ]
    assert [item.needs_completion for item in detailed.items] == [False, False, False, True, False, False]
    # The listing reading (raw page data) finds the same items.
    assert [item.key for item in catch_up_items(catch_up)] == [item.key for item in detailed.items]


def test_materials_of_another_session_are_not_in_the_catch_up(absent_world):
    other = make_session(absent_world["course"], absent_world["group"], title="Séance 2")
    services.add_material(other, by=absent_world["trainer"], kind="notes", title="Autre séance", text="…")
    catch_up = CatchUp.objects.get(trainee=absent_world["absent"])
    assert "Autre séance" not in [item.title for item in catch_up_items(catch_up)]


def test_viewing_items_makes_progress_and_h5p_counts_only_when_completed_through_xapi(absent_world, client):
    absent = absent_world["absent"]
    catch_up = CatchUp.objects.get(trainee=absent)
    keys = [item.key for item in catch_up_items(catch_up)]
    for key in keys:
        services.mark_item_viewed(catch_up, key, by=absent, now=at(20))
    items = catch_up_items(catch_up)
    assert [item.done for item in items] == [True, True, True, False, True, True]
    catch_up.refresh_from_db()
    assert catch_up.completed_at is None

    # The H5P player posts its xAPI statements to wagtail-lms; "completed" finishes the activity.
    client.force_login(absent)
    statement = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "result": {"completion": True, "score": {"raw": 1, "max": 1}},
        "object": {"id": "quiz"},
    }
    response = client.post(
        f"/lms/h5p-xapi/{absent_world['activity'].pk}/", json.dumps(statement), content_type="application/json"
    )
    assert response.status_code == 200
    assert all(item.done for item in catch_up_items(catch_up))
    # The catch-up page records the completion.
    assert client.get(f"/rattrapage/{catch_up.pk}/").status_code == 200
    catch_up.refresh_from_db()
    assert catch_up.completed_at is not None


def test_only_the_trainee_progresses_through_their_catch_up(absent_world):
    catch_up = CatchUp.objects.get(trainee=absent_world["absent"])
    key = catch_up_items(catch_up)[0].key
    with pytest.raises(PermissionDenied):
        services.mark_item_viewed(catch_up, key, by=absent_world["present"])
    with pytest.raises(ValidationError) as error:
        services.mark_item_viewed(catch_up, "material-999999", by=absent_world["absent"])
    assert error.value.messages == ["Cet élément ne fait pas partie de ce rattrapage."]


def test_material_rules(world):
    session, trainer = world["session"], world["trainer"]
    with pytest.raises(ValidationError) as error:
        services.add_material(
            session,
            by=trainer,
            kind="photo",
            title="Tableau",
            file=SimpleUploadedFile("t.jpg", b"\xff\xd8\xff photo", content_type="image/jpeg"),
        )
    assert error.value.message_dict == {
        "text": ["Décrivez la photo : ce texte la remplace pour les personnes qui ne la voient pas."]
    }
    with pytest.raises(ValidationError) as error:
        services.add_material(session, by=trainer, kind="notes", title="")
    assert error.value.message_dict == {
        "title": ["Donnez un titre au support."],
        "file": ["Ajoutez un fichier ou écrivez le texte des notes."],
    }
    with pytest.raises(PermissionDenied):
        services.add_material(session, by=world["trainees"][0], kind="notes", title="x", text="y")


def test_a_catch_up_item_shows_the_session_block_itself(absent_world, client):
    absent = absent_world["absent"]
    catch_up = CatchUp.objects.get(trainee=absent)
    client.force_login(absent)
    html = client.get(f"/rattrapage/{catch_up.pk}/content-11111111-1111-4111-8111-111111111111/").content.decode()
    assert "Block Node" not in html
    assert "Nous avons parlé de nous." in html


def test_an_h5p_catch_up_item_loads_the_player_under_the_players_policy_and_links_to_the_session(absent_world, client):
    from lms.security.csp import H5P_IFRAME_BOOTSTRAP, script_hash

    absent = absent_world["absent"]
    catch_up = CatchUp.objects.get(trainee=absent)
    client.force_login(absent)
    response = client.get(f"/rattrapage/{catch_up.pk}/content-33333333-3333-4333-8333-333333333333/")
    html = response.content.decode()
    assert 'id="h5p-standalone-script"' in html
    assert "wagtail_lms/js/h5p-lesson.js" in html and "courses/js/h5p-fallback.js" in html
    assert f'data-content-url="{absent_world["activity"].get_content_base_url()}"' in html
    assert "L'activité interactive n'a pas pu démarrer" in html
    assert script_hash(H5P_IFRAME_BOOTSTRAP) in response["Content-Security-Policy"]
    page_url = catch_up.session.session_page.url
    assert f'href="{page_url}"' in html
    assert f'href="{page_url}"' in client.get(f"/rattrapage/{catch_up.pk}/").content.decode()
    # Other items do not load the player.
    other = client.get(f"/rattrapage/{catch_up.pk}/content-11111111-1111-4111-8111-111111111111/")
    assert 'id="h5p-standalone-script"' not in other.content.decode()


def test_the_text_version_of_an_h5p_item_completes_it_like_the_player(absent_world, client):
    absent = absent_world["absent"]
    catch_up = CatchUp.objects.get(trainee=absent)
    page = catch_up.session.session_page.specific
    h5p = next(block for block in page.body.raw_data if block["type"] == "h5p")
    h5p["value"]["text_question"] = {"question": "Laquelle ?", "choices": ["La première", "La deuxième"], "correct": 2}
    page.save_revision().publish()
    client.force_login(absent)
    item_url = f"/rattrapage/{catch_up.pk}/content-{h5p['id']}/"
    html = client.get(item_url).content.decode()
    action = f"/programme/h5p-version-texte/{page.pk}/{h5p['id']}/"
    assert f'action="{action}"' in html and "La bonne réponse : La deuxième." not in html
    response = client.post(action, {"answer": "2", "next": item_url}, follow=True)
    assert response.redirect_chain[-1][0] == f"{item_url}#h5p-{h5p['id']}-title"
    assert "La bonne réponse : La deuxième." in response.content.decode()
    item = next(i for i in catch_up_items(catch_up) if i.key == f"content-{h5p['id']}")
    assert item.needs_completion and item.done


def test_the_session_text_item_gathers_every_text_block_of_the_page_in_order(absent_world, client):
    catch_up = CatchUp.objects.get(trainee=absent_world["absent"])
    page = catch_up.session.session_page.specific
    page.body = json.dumps(
        [
            *json.loads(body_with(absent_world["activity"])),
            {
                "type": "quote",
                "value": {"quote": "Rien sur nous sans nous.", "attribution": ""},
                "id": str(uuid.uuid4()),
            },
        ]
    )
    page.save_revision().publish()
    client.force_login(absent_world["absent"])
    html = client.get(f"/rattrapage/{catch_up.pk}/content-text/").content.decode()
    assert html.index("Introduction") < html.index("Rien sur nous sans nous.")
    assert "Nous avons parlé de nous." not in html  # the easy-read block is an item of its own


def test_catch_up_item_headings_follow_the_page_h1_without_a_skip(absent_world, client):
    import re

    absent = absent_world["absent"]
    catch_up = CatchUp.objects.get(trainee=absent)
    client.force_login(absent)
    html = client.get(f"/rattrapage/{catch_up.pk}/content-33333333-3333-4333-8333-333333333333/").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and 2 in levels
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
