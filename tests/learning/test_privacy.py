"""Intersession work and objectives in a person's data export, and their erasure: the person's
answers, files and feedback go; what a trainer wrote about other trainees stays."""

import datetime

import pytest
from django.db import models

from lms.learning import services
from lms.learning.models import DeadlineExtension, Feedback, IntermediateGoal, ObjectiveAssessment, Submission
from lms.people import privacy
from lms.people.models import Role
from tests.learning.conftest import PDF_BYTES, upload, wav_bytes

pytestmark = pytest.mark.django_db


def section(user):
    export = privacy.export_personal_data(user)
    return next(s for s in export["sections"] if s["name"] == "learning")["data"]


@pytest.fixture
def work(world, objectives, first_assignment, make_user):
    """The trainee's and a classmate's answers with audio feedback, and what the trainers recorded."""
    group, trainee, other, trainer = world["ip_group"], world["trainee"], world["other"], world["trainer"]
    # Extensions come first: a reviewed answer takes none.
    later = first_assignment.due_at + datetime.timedelta(days=5)
    services.grant_extension(first_assignment, trainee, later, granted_by=trainer, reason="Rendez-vous médical")
    services.grant_extension(first_assignment, other, later, granted_by=trainer)
    mine = services.save_answer(
        first_assignment, trainee, answer_form="file", upload=upload("mon-projet.pdf", PDF_BYTES), submit=True
    )
    my_feedback = services.give_feedback(
        mine, author=trainer, text="Beau travail, Samia.", audio=upload("retour.wav", wav_bytes(), "audio/wav")
    )
    theirs = services.save_answer(
        first_assignment, other, answer_form="audio", upload=upload("memo.wav", wav_bytes(), "audio/wav"), submit=True
    )
    their_feedback = services.give_feedback(
        theirs, author=trainer, text="Merci Léo.", audio=upload("retour2.wav", wav_bytes(), "audio/wav")
    )
    services.record_assessments(group, trainee, kind="entry", levels={objectives["C1"]: 2}, by=trainee)
    services.record_assessments(
        group, trainee, kind="final", levels={objectives["C1"]: 3}, by=trainer, comments={objectives["C1"]: "Acquis"}
    )
    services.record_assessments(group, other, kind="final", levels={objectives["C1"]: 4}, by=trainer)
    services.set_intermediate_goal(
        group, trainee, description="Parler cinq minutes devant le groupe", objectives=[objectives["C1"]], by=trainer
    )
    services.set_intermediate_goal(
        group, other, description="Écrire une page", objectives=[objectives["C1"]], by=trainer
    )
    return {
        **world,
        "mine": mine,
        "my_feedback": my_feedback,
        "theirs": theirs,
        "their_feedback": their_feedback,
        "admin": make_user(Role.ADMINISTRATOR, email="admin@test.fr"),
    }


def stored(field_file) -> bool:
    return field_file.storage.exists(field_file.name)


def test_the_export_holds_answers_feedback_extensions_assessments_and_goals(work):
    data = section(work["trainee"])
    [answer] = data["réponses_aux_travaux"]
    assert answer["travail"] == "Raconter une expérience"
    assert answer["fichier"] == "mon-projet.pdf" and answer["type_du_fichier"] == "application/pdf"
    assert answer["statut"] == "Relu" and answer["rendue_le"] and answer["relue_le"]
    assert answer["retours_reçus"] == [
        {
            "auteur": "Fanny Roux",
            "retour_écrit": "Beau travail, Samia.",
            "retour_audio": True,
            "donné_le": work["my_feedback"].created_at,
        }
    ]
    [extension] = data["délais_supplémentaires"]
    assert extension["travail"] == "Raconter une expérience" and extension["motif"] == "Rendez-vous médical"
    assert sorted((a["moment"], a["évalué_par"], a["niveau"]) for a in data["évaluations_des_objectifs"]) == [
        ("Positionnement d'entrée", "Le stagiaire", "En cours d'acquisition"),
        ("Évaluation finale", "Les formateurs", "Acquis"),
    ]
    [goal] = data["objectifs_intermédiaires"]
    assert goal["objectif_intermédiaire"] == "Parler cinq minutes devant le groupe" and goal["objectifs_liés"] == ["C1"]
    # Nothing about the classmate.
    assert "Merci Léo." not in str(data) and "Écrire une page" not in str(data)


def test_erasure_deletes_the_work_and_its_files_and_keeps_the_classmates(work, django_capture_on_commit_callbacks):
    trainee, mine, my_feedback = work["trainee"], work["mine"], work["my_feedback"]
    assert stored(mine.media) and stored(my_feedback.audio)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(trainee, by=work["admin"])
    assert not Submission.objects.filter(trainee=trainee).exists()
    assert not Feedback.objects.filter(pk=my_feedback.pk).exists()
    assert not DeadlineExtension.objects.filter(trainee=trainee).exists()
    assert not ObjectiveAssessment.objects.filter(trainee=trainee).exists()
    assert not IntermediateGoal.objects.filter(trainee=trainee).exists()
    assert not stored(mine.media) and not stored(my_feedback.audio)
    assert section(trainee) == {
        "réponses_aux_travaux": [],
        "délais_supplémentaires": [],
        "évaluations_des_objectifs": [],
        "objectifs_intermédiaires": [],
    }
    # The classmate's answer, feedback, files, extension, levels and goals are untouched.
    theirs, their_feedback, other = work["theirs"], work["their_feedback"], work["other"]
    assert Submission.objects.filter(pk=theirs.pk).exists() and Feedback.objects.filter(pk=their_feedback.pk).exists()
    assert stored(theirs.media) and stored(their_feedback.audio)
    assert DeadlineExtension.objects.filter(trainee=other).count() == 1
    assert ObjectiveAssessment.objects.filter(trainee=other).count() == 1
    assert IntermediateGoal.objects.filter(trainee=other).count() == 1


def learning_text_values() -> str:
    """Every text and character column of the learning app's tables, joined."""
    from django.apps import apps

    values = []
    for model in apps.get_app_config("learning").get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        for row in model.objects.values_list(*names):
            values.extend(str(value) for value in row)
    return "\n".join(values)


def test_erasing_a_trainer_keeps_the_feedback_and_records_about_trainees(work, django_capture_on_commit_callbacks):
    trainer, my_feedback, their_feedback = work["trainer"], work["my_feedback"], work["their_feedback"]
    with django_capture_on_commit_callbacks(execute=True):
        pseudonym = privacy.erase_person(trainer, by=work["admin"])
    # The PROTECT link from feedback to its author did not block; the trainees keep their feedback.
    assert set(Feedback.objects.values_list("pk", "author_id")) == {
        (my_feedback.pk, trainer.pk),
        (their_feedback.pk, trainer.pk),
    }
    assert stored(my_feedback.audio) and stored(their_feedback.audio)
    assert DeadlineExtension.objects.filter(granted_by=trainer).count() == 2
    assert ObjectiveAssessment.objects.filter(recorded_by=trainer).count() == 2
    assert IntermediateGoal.objects.filter(set_by=trainer).count() == 2
    # The trainee now reads the feedback under the pseudonym, and no column keeps the trainer's name.
    [answer] = section(work["trainee"])["réponses_aux_travaux"]
    assert answer["retours_reçus"][0]["auteur"] == pseudonym
    text = learning_text_values()
    assert "Fanny" not in text and "Roux" not in text and "formatrice@test.fr" not in text


def test_a_failing_eraser_leaves_the_work_and_its_files(work, django_capture_on_commit_callbacks):
    def failing_eraser(user, pseudonym):
        raise RuntimeError("panne d'un effaceur")

    privacy.register("failing", label="Effaceur en panne", eraser=failing_eraser, order=2000)
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            privacy.erase_person(work["trainee"], by=work["admin"])
    finally:
        privacy.unregister("failing")
    mine, my_feedback = work["mine"], work["my_feedback"]
    assert Submission.objects.filter(pk=mine.pk).exists() and Feedback.objects.filter(pk=my_feedback.pk).exists()
    assert stored(mine.media) and stored(my_feedback.audio)
    assert DeadlineExtension.objects.filter(trainee=work["trainee"]).exists()
    assert ObjectiveAssessment.objects.filter(trainee=work["trainee"]).count() == 2
    assert IntermediateGoal.objects.filter(trainee=work["trainee"]).exists()
    work["trainee"].refresh_from_db()
    assert work["trainee"].first_name == "Samia"
