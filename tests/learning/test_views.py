"""Pages: who may see and do what, forms through HTTP, served media, export and query counts."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.learning import services
from lms.learning.factories import enrol
from lms.learning.models import IntermediateGoal, ObjectiveAssessment, Submission
from lms.people.models import Role
from tests.learning.conftest import PDF_BYTES, upload, wav_bytes

pytestmark = pytest.mark.django_db


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def audio_submission(world, first_assignment):
    return services.save_answer(
        first_assignment,
        world["trainee"],
        answer_form="audio",
        upload=upload("memo.wav", wav_bytes(), "audio/wav"),
        submit=True,
    )


# --- Answering ------------------------------------------------------------------------------------------


def test_trainee_writes_a_draft_then_submits_through_the_form(client, world, first_assignment):
    client.force_login(world["trainee"])
    url = reverse("learning:answer", args=[first_assignment.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'accept="audio/*"' in html and "capture" in html
    assert "Je le présenterai à l&#x27;oral à la prochaine séance" in html

    response = client.post(url, {"answer_form": "text", "text": "Mon début", "action": "draft"})
    assert response.status_code == 302
    assert Submission.objects.get().status == "draft"
    client.post(url, {"answer_form": "text", "text": "Ma réponse", "action": "submit"})
    submission = Submission.objects.get()
    assert (submission.status, submission.text) == ("submitted", "Ma réponse")


def test_answer_form_shows_the_refusal_next_to_the_field_and_keeps_the_text(client, world):
    last = world["ip_group"].assignments.get(scheduled_session=world["sessions"]["third"])
    client.force_login(world["trainee"])
    response = client.post(
        reverse("learning:answer", args=[last.pk]), {"answer_form": "file", "text": "Ma note", "action": "submit"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file_error"' in html and "Choisissez le fichier à rendre." in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert "Ma note" in html


def test_file_upload_through_the_form(client, world, first_assignment):
    client.force_login(world["trainee"])
    client.post(
        reverse("learning:answer", args=[first_assignment.pk]),
        {"answer_form": "file", "file": upload("projet.pdf", PDF_BYTES), "action": "submit"},
    )
    assert Submission.objects.get().media_type == "application/pdf"


def test_another_groups_trainee_cannot_open_the_answer_page(client, world, first_assignment):
    assert get(client, world["referent"], reverse("learning:answer", args=[first_assignment.pk])).status_code == 404


# --- Media access -----------------------------------------------------------------------------------------


def test_media_served_to_the_trainee_and_the_groups_trainers_only(client, world, audio_submission, make_user, region):
    url = reverse("learning:submission_media", args=[audio_submission.pk])
    for allowed in (
        world["trainee"],
        world["trainer"],
        world["peer_trainer"],
        make_user(Role.REGIONAL_TEAM, region=region),
    ):
        response = get(client, allowed, url)
        assert response.status_code == 200, allowed
        assert response["Content-Type"] == "audio/wav"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == wav_bytes()
    for refused in (world["other"], world["referent"], world["outsider_trainer"], make_user(Role.NATIONAL_TEAM)):
        assert get(client, refused, url).status_code == 404, refused
    client.logout()
    assert client.get(url).status_code == 302


def test_feedback_audio_served_to_the_trainee_not_to_another_trainee(client, world, audio_submission):
    feedback = services.give_feedback(
        audio_submission, author=world["trainer"], audio=upload("r.wav", wav_bytes(), "audio/wav")
    )
    url = reverse("learning:feedback_audio", args=[feedback.pk])
    assert get(client, world["trainee"], url).status_code == 200
    assert get(client, world["other"], url).status_code == 404


def test_documents_are_downloaded_not_displayed(client, world, first_assignment):
    submission = services.save_answer(
        first_assignment, world["trainee"], answer_form="file", upload=upload("p.pdf", PDF_BYTES), submit=True
    )
    response = get(client, world["trainer"], reverse("learning:submission_media", args=[submission.pk]))
    assert response["Content-Disposition"].startswith("attachment")


# --- Reviewing ---------------------------------------------------------------------------------------------


def test_trainer_gives_feedback_and_an_extension_through_the_review_page(client, world, first_assignment):
    services.save_answer(first_assignment, world["trainee"], answer_form="oral", submit=True)
    url = reverse("learning:review", args=[first_assignment.pk, world["trainee"].pk])
    client.force_login(world["peer_trainer"])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "feedback", "feedback-text": "Très clair."})
    assert Submission.objects.get().status == "reviewed"
    trainee_page = get(client, world["trainee"], reverse("learning:answer", args=[first_assignment.pk]))
    assert "Très clair." in trainee_page.content.decode()

    other_url = reverse("learning:review", args=[first_assignment.pk, world["other"].pk])
    client.force_login(world["trainer"])
    response = client.post(
        other_url, {"action": "extension", "extension-due_date": "2000-01-01", "extension-due_time": "09:00"}
    )
    assert "La nouvelle date limite doit être après celle du groupe" in response.content.decode()
    due = first_assignment.due_at.date().replace(year=first_assignment.due_at.year + 1)
    client.post(
        other_url, {"action": "extension", "extension-due_date": due.isoformat(), "extension-due_time": "09:00"}
    )
    assert first_assignment.extensions.get().trainee == world["other"]


def test_review_page_refusals(client, world, first_assignment, make_user, region):
    url = reverse("learning:review", args=[first_assignment.pk, world["trainee"].pk])
    assert get(client, world["other"], url).status_code == 404
    assert get(client, world["outsider_trainer"], url).status_code == 404
    # The regional team sees the answer but does not give feedback.
    regional = make_user(Role.REGIONAL_TEAM, region=region)
    assert get(client, regional, url).status_code == 200
    assert client.post(url, {"action": "feedback", "feedback-text": "Non"}).status_code == 403
    # A trainee of another group is not found in this group.
    other_group_url = reverse("learning:review", args=[first_assignment.pk, world["referent"].pk])
    assert get(client, world["trainer"], other_group_url).status_code == 404


# --- Objectives ----------------------------------------------------------------------------------------------


def test_trainee_positions_themself_through_the_form(client, world, objectives):
    url = reverse("learning:assess", args=[world["ip_group"].pk, world["trainee"].pk, "entree"])
    page = get(client, world["trainee"], url)
    html = page.content.decode()
    assert html.count('type="radio"') == 15 * 4
    assert "Je sais très bien. Je peux l&#x27;expliquer." in html and 'class="level-icon"' in html
    response = client.post(url, {f"objective_{objectives['C1'].pk}": "2", f"objective_{objectives['IP3'].pk}": "4"})
    assert response.status_code == 302
    assert set(ObjectiveAssessment.objects.values_list("objective__code", "assessor", "level")) == {
        ("C1", "self", 2),
        ("IP3", "self", 4),
    }


def test_the_trainers_final_assessment_speaks_about_the_trainee_not_in_their_voice(client, world, objectives):
    url = reverse("learning:assess", args=[world["ip_group"].pk, world["trainee"].pk, "finale"])
    html = get(client, world["trainer"], url).content.decode()
    assert html.count('type="radio"') == 15 * 4
    for trainee_voice in ("Je ne sais pas encore.", "Je commence à savoir.", "Je sais.", "je peux l&#x27;expliquer"):
        assert trainee_voice not in html
    assert "Ne sait pas encore." in html and "Maîtrisé : sait l&#x27;expliquer à d&#x27;autres" in html
    response = client.post(url, {f"objective_{objectives['C1'].pk}": "4"})
    assert response.status_code == 302
    progress = get(
        client,
        world["trainer"],
        reverse("learning:trainee_objectives", args=[world["ip_group"].pk, world["trainee"].pk]),
    )
    assert "Maîtrisé : sait l&#x27;expliquer à d&#x27;autres" in progress.content.decode()
    # The trainee's own positioning keeps the first person.
    own = get(client, world["trainee"], url.replace("finale", "entree")).content.decode()
    assert "Je ne sais pas encore." in own


def test_assessment_pages_are_closed_to_others(client, world):
    group, trainee = world["ip_group"], world["trainee"]
    for slug in ("entree", "etape", "finale"):
        url = reverse("learning:assess", args=[group.pk, trainee.pk, slug])
        assert get(client, world["other"], url).status_code == 404
        assert get(client, world["outsider_trainer"], url).status_code == 404
        assert get(client, world["trainer"], url).status_code == 200
    assert get(client, trainee, reverse("learning:assess", args=[group.pk, trainee.pk, "autre"])).status_code == 404
    progress = reverse("learning:trainee_objectives", args=[group.pk, trainee.pk])
    assert get(client, trainee, progress).status_code == 200
    assert get(client, world["other"], progress).status_code == 404
    assert client.post(progress, {"action": "goal"}).status_code == 404
    client.force_login(trainee)
    assert client.post(progress, {"action": "goal", "goal-description": "x"}).status_code == 403


def test_trainer_sets_and_reviews_a_goal_through_the_progress_page(client, world, objectives):
    url = reverse("learning:trainee_objectives", args=[world["ip_group"].pk, world["trainee"].pk])
    client.force_login(world["trainer"])
    response = client.post(url, {"action": "goal", "goal-description": "Parler 5 minutes"})
    assert "Champ requis." in response.content.decode()
    client.post(
        url,
        {"action": "goal", "goal-description": "Parler 5 minutes", "goal-objectives": [str(objectives["C1"].pk)]},
    )
    goal = IntermediateGoal.objects.get()
    response = client.post(
        url,
        {
            f"review-{goal.pk}-status": "adjusted",
            f"review-{goal.pk}-status_date": timezone.localtime(goal.created_at).date().isoformat(),
            "action": f"review-{goal.pk}",
        },
    )
    assert "Écrivez l&#x27;objectif ajusté qui remplace celui-ci." in response.content.decode()
    client.post(
        url,
        {
            f"review-{goal.pk}-status": "reached",
            f"review-{goal.pk}-status_date": timezone.localtime(goal.created_at).date().isoformat(),
            "action": f"review-{goal.pk}",
        },
    )
    goal.refresh_from_db()
    assert goal.status == "reached"
    assert "Atteint" in get(client, world["trainee"], url).content.decode()


def test_export_for_those_who_lead_or_manage_the_group(client, world, objectives, make_user, organisation):
    group, trainee = world["ip_group"], world["trainee"]
    services.record_assessment(group, trainee, objectives["C1"], kind="entry", level=1, by=trainee)
    services.record_assessment(group, trainee, objectives["C1"], kind="final", level=3, by=world["trainer"])
    url = reverse("learning:export_objectives", args=[group.pk])
    staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation)
    response = get(client, staff, url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Groupe", "Formation", "Stagiaire", "E-mail", "Code objectif", "Objectif"]
    assert len(rows) == 1 + 2 * 15
    first = rows[1]
    assert first[2] == "Samia Haddad" and first[4] == "C1"
    assert first[6] == "1 — Pas encore acquis" and first[12] == "3 — Acquis" and first[13] == "oui"
    assert get(client, world["trainer"], url).status_code == 200
    assert get(client, trainee, url).status_code == 404
    assert get(client, make_user(Role.NATIONAL_TEAM), url).status_code == 404


def test_export_neutralises_spreadsheet_formulas(client, world, objectives):
    world["trainee"].last_name = "=HYPERLINK(1)"
    world["trainee"].save()
    response = get(client, world["trainer"], reverse("learning:export_objectives", args=[world["ip_group"].pk]))
    assert "'Samia =HYPERLINK" not in response.content.decode()  # the full name starts with the first name
    world["trainee"].first_name = "@cmd"
    world["trainee"].save()
    response = client.get(reverse("learning:export_objectives", args=[world["ip_group"].pk]))
    assert "'@cmd" in response.content.decode("utf-8-sig")


# --- Tables and their query counts ----------------------------------------------------------------------------


def test_group_pages_are_for_the_groups_trainers_and_managers(client, world, make_user):
    for name in ("group_work", "group_objectives"):
        url = reverse(f"learning:{name}", args=[world["ip_group"].pk])
        assert get(client, world["trainer"], url).status_code == 200
        assert get(client, world["trainee"], url).status_code == 404
        assert get(client, world["outsider_trainer"], url).status_code == 404
        assert get(client, make_user(Role.NATIONAL_TEAM), url).status_code == 404


def _grow(world, objectives, make_user, count):
    group = world["ip_group"]
    assignments = list(group.assignments.all())
    for index in range(count):
        trainee = make_user(Role.TRAINEE, email=f"groupe{count}-{index}@test.fr")
        enrol(group, trainee)
        services.save_answer(assignments[0], trainee, answer_form="text", text="Réponse", submit=index % 2 == 0)
        services.record_assessment(group, trainee, objectives["C1"], kind="entry", level=2, by=trainee)
        services.set_intermediate_goal(
            group, trainee, description="But", objectives=[objectives["C2"]], by=world["trainer"]
        )


@pytest.mark.parametrize("size", [1, 8])
def test_group_tables_run_a_constant_number_of_queries(
    client, world, objectives, make_user, size, django_assert_max_num_queries
):
    _grow(world, objectives, make_user, size)
    services.give_feedback(Submission.objects.filter(status="submitted").first(), author=world["trainer"], text="Bien")
    client.force_login(world["trainer"])
    for name in ("group_work", "group_objectives", "export_objectives"):
        url = reverse(f"learning:{name}", args=[world["ip_group"].pk])
        with django_assert_max_num_queries(11):
            response = client.get(url)
        assert response.status_code == 200


def test_my_work_lists_the_trainees_tasks_and_the_trainers_groups(client, world):
    html = get(client, world["trainee"], reverse("learning:my_work")).content.decode()
    assert "Raconter une expérience" in html and "Mes objectifs dans le groupe IP Rhône" in html
    html = get(client, world["trainer"], reverse("learning:my_work")).content.decode()
    assert "Travaux du groupe IP Rhône" in html and "Objectifs du groupe RP Rhône" in html
