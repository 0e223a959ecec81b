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
    assert [item.needs_completion for item in detailed.items] == [False, False, True, False, False]
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
    assert [item.done for item in items] == [True, True, False, True, True]
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
