"""Answers in every form, drafts, resubmission until review, feedback, and their refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.learning import services
from lms.learning.models import Feedback, Submission
from tests.learning.conftest import MP4_BYTES, PDF_BYTES, upload, wav_bytes

pytestmark = pytest.mark.django_db


def answer(assignment, trainee, **kwargs):
    kwargs.setdefault("submit", True)
    return services.save_answer(assignment, trainee, **kwargs)


def messages_of(error) -> str:
    return " ".join(error.value.messages)


def test_written_answer_saved_as_draft_then_submitted_then_resubmitted(world, first_assignment):
    trainee = world["trainee"]
    draft = answer(first_assignment, trainee, answer_form="text", text="Début", submit=False)
    assert draft.status == "draft" and draft.submitted_at is None and draft.submission_count == 0
    draft = answer(first_assignment, trainee, answer_form="text", text="Début, suite", submit=False)
    assert Submission.objects.get().text == "Début, suite"
    submitted = answer(first_assignment, trainee, answer_form="text", text="Version finale")
    assert submitted.status == "submitted" and submitted.submitted_at and submitted.submission_count == 1
    again = answer(first_assignment, trainee, answer_form="text", text="Version corrigée")
    assert again.status == "submitted" and again.submission_count == 2 and again.text == "Version corrigée"
    assert Submission.objects.count() == 1


def test_file_answer_is_checked_by_content_and_stored(world, first_assignment):
    submission = answer(first_assignment, world["trainee"], answer_form="file", upload=upload("projet.pdf", PDF_BYTES))
    assert submission.media_type == "application/pdf"
    assert submission.media_name == "projet.pdf"
    assert submission.media.name.startswith("learning/submission/") and "projet" not in submission.media.name
    assert submission.media.storage.exists(submission.media.name)


def test_audio_answer_recorded_on_a_phone(world, first_assignment):
    submission = answer(
        first_assignment, world["trainee"], answer_form="audio", upload=upload("memo.wav", wav_bytes(), "audio/wav")
    )
    assert submission.media_type == "audio/wav" and submission.status == "submitted"


def test_video_answer(world, first_assignment):
    submission = answer(first_assignment, world["trainee"], answer_form="video", upload=upload("clip.mp4", MP4_BYTES))
    assert submission.media_type == "video/mp4"


def test_oral_answer_needs_no_content(world, first_assignment):
    submission = answer(first_assignment, world["trainee"], answer_form="oral")
    assert submission.status == "submitted" and submission.get_answer_form_display().startswith("Je le présenterai")


def test_changing_to_a_written_answer_removes_the_previous_file(world, first_assignment):
    submission = answer(first_assignment, world["trainee"], answer_form="file", upload=upload("a.pdf", PDF_BYTES))
    stored = submission.media.name
    storage = submission.media.storage
    submission = answer(first_assignment, world["trainee"], answer_form="text", text="Plutôt écrit")
    assert not submission.media and not storage.exists(stored)


def test_resubmitting_a_file_answer_keeps_the_file_when_none_is_chosen(world, first_assignment):
    answer(first_assignment, world["trainee"], answer_form="file", upload=upload("a.pdf", PDF_BYTES))
    again = answer(first_assignment, world["trainee"], answer_form="file", text="Avec une note")
    assert again.media and again.submission_count == 2


def test_refuses_a_form_the_task_does_not_accept(world):
    last = world["ip_group"].assignments.get(scheduled_session=world["sessions"]["third"])
    with pytest.raises(ValidationError) as error:
        answer(last, world["trainee"], answer_form="video", upload=upload("clip.mp4", MP4_BYTES))
    assert (
        "Ce travail ne peut pas être rendu sous la forme « Enregistrement vidéo ». Formes acceptées : réponse écrite, "
        "fichier, enregistrement audio, je le présenterai à l'oral à la prochaine séance." in messages_of(error)
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"answer_form": "text", "text": "  "}, "Écrivez votre réponse avant de l'enregistrer."),
        ({"answer_form": "file"}, "Choisissez le fichier à rendre."),
        ({"answer_form": "audio"}, "Enregistrez ou choisissez votre enregistrement audio."),
        ({"answer_form": "video"}, "Enregistrez ou choisissez votre vidéo."),
        ({"answer_form": "nothing"}, "Choisissez comment vous rendez votre travail."),
    ],
)
def test_refuses_an_empty_answer(world, first_assignment, kwargs, message):
    with pytest.raises(ValidationError) as error:
        answer(first_assignment, world["trainee"], **kwargs)
    assert message in messages_of(error)


def test_refuses_a_file_whose_content_does_not_match(world, first_assignment):
    disguised = upload("chanson.mp3", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "audio/mpeg")
    with pytest.raises(ValidationError) as error:
        answer(first_assignment, world["trainee"], answer_form="audio", upload=disguised)
    assert "Ce fichier n'est pas accepté pour l'enregistrement audio" in messages_of(error)
    # A PDF is a fine file but not an audio recording.
    with pytest.raises(ValidationError):
        answer(first_assignment, world["trainee"], answer_form="audio", upload=upload("a.mp3", PDF_BYTES))
    assert not Submission.objects.exists()


def test_refuses_a_file_over_the_size_limit(world, first_assignment, settings):
    settings.LEARNING_UPLOAD_LIMITS = {"file": 20}
    with pytest.raises(ValidationError) as error:
        answer(first_assignment, world["trainee"], answer_form="file", upload=upload("a.pdf", PDF_BYTES))
    assert "Le fichier est trop lourd" in messages_of(error) and "la taille maximale est de" in messages_of(error)


def test_refuses_an_empty_file(world, first_assignment):
    with pytest.raises(ValidationError, match="Le fichier envoyé est vide"):
        answer(first_assignment, world["trainee"], answer_form="file", upload=upload("a.pdf", b""))


def test_refuses_a_trainee_of_another_group(world, first_assignment):
    with pytest.raises(ValidationError, match="Vous n'êtes pas inscrit dans le groupe de ce travail."):
        answer(first_assignment, world["referent"], answer_form="oral")


def test_a_submitted_answer_cannot_become_a_draft_again(world, first_assignment):
    answer(first_assignment, world["trainee"], answer_form="text", text="Fini")
    with pytest.raises(ValidationError, match="il ne peut pas redevenir un brouillon"):
        answer(first_assignment, world["trainee"], answer_form="text", text="Oups", submit=False)


def test_feedback_reviews_the_answer_and_then_it_cannot_change(world, first_assignment):
    submission = answer(first_assignment, world["trainee"], answer_form="oral")
    feedback = services.give_feedback(submission, author=world["peer_trainer"], text="Belle présentation orale.")
    submission.refresh_from_db()
    assert submission.status == "reviewed" and submission.reviewed_at
    assert feedback.author == world["peer_trainer"]
    with pytest.raises(ValidationError, match="Votre travail a déjà été relu par les formateurs"):
        answer(first_assignment, world["trainee"], answer_form="text", text="Encore")
    # Trainers can still add feedback to a reviewed answer.
    services.give_feedback(submission, author=world["trainer"], text="Et un complément.")
    assert submission.feedback.count() == 2


def test_audio_feedback(world, first_assignment):
    submission = answer(first_assignment, world["trainee"], answer_form="oral")
    feedback = services.give_feedback(
        submission, author=world["trainer"], audio=upload("retour.wav", wav_bytes(), "audio/wav")
    )
    assert feedback.audio and feedback.audio_type == "audio/wav" and feedback.text == ""


def test_feedback_refusals(world, first_assignment):
    draft = answer(first_assignment, world["trainee"], answer_form="text", text="Brouillon", submit=False)
    with pytest.raises(ValidationError, match="Ce travail n'a pas encore été rendu"):
        services.give_feedback(draft, author=world["trainer"], text="Trop tôt")
    submitted = answer(first_assignment, world["trainee"], answer_form="text", text="Fini")
    with pytest.raises(ValidationError, match="Écrivez un retour ou joignez un enregistrement audio."):
        services.give_feedback(submitted, author=world["trainer"], text=" ")
    with pytest.raises(PermissionDenied):
        services.give_feedback(submitted, author=world["outsider_trainer"], text="Je ne suis pas du groupe")
    with pytest.raises(PermissionDenied):
        services.give_feedback(submitted, author=world["other"], text="Je suis un autre stagiaire")
    with pytest.raises(ValidationError, match="n'est pas accepté pour l'enregistrement audio"):
        services.give_feedback(submitted, author=world["trainer"], audio=upload("r.wav", PDF_BYTES))
    assert not Feedback.objects.exists()


def test_feedback_emails_the_trainee(world, first_assignment, mailoutbox, django_capture_on_commit_callbacks):
    submission = answer(first_assignment, world["trainee"], answer_form="oral")
    with django_capture_on_commit_callbacks(execute=True):
        services.give_feedback(submission, author=world["trainer"], text="Bravo")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["samia@test.fr"]
    assert f"/travaux/{first_assignment.pk}/" in mailoutbox[0].body
    assert "Bravo" not in mailoutbox[0].body
