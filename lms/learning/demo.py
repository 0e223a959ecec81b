"""Demo intersession work and objective assessments for the demo groups: answers in every state
(to do, draft, submitted, reviewed), feedback, an extension, positioning, intermediate goals and
final evaluations. Does nothing without groups; running it again creates nothing new."""

import datetime
import io
import wave

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lms.cohorts.models import TrainingGroup
from lms.learning import selectors, services
from lms.learning.models import AnswerForm, IntermediateGoal, ObjectiveAssessment, Submission

DEMO_TRAINEE_EMAIL = "stagiaire@epop.example"
# The states the demo answers go through (the demo trainee comes first in each group).
STATES = ["reviewed", "submitted", "draft", "todo"]


def silent_wav(seconds: float = 1.0) -> bytes:
    """A short, really playable WAV file of silence, for demo audio answers and feedback."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * int(8000 * seconds))
    return buffer.getvalue()


def _leader(group):
    return group.trainers.first() or group.peer_trainers.first()


def _answer(assignment, trainee, state: str, leader, index: int) -> None:
    forms = assignment.accepted_forms
    if not forms:
        return
    answer_form = forms[index % len(forms)]
    upload = None
    if answer_form == AnswerForm.AUDIO:
        upload = SimpleUploadedFile("mon-enregistrement.wav", silent_wav(), content_type="audio/wav")
    elif answer_form == AnswerForm.FILE:
        upload = SimpleUploadedFile("ma-reponse.txt", "Mes idées pour mon projet.\n".encode(), "text/plain")
    elif answer_form == AnswerForm.VIDEO:
        answer_form = AnswerForm.TEXT if AnswerForm.TEXT in forms else AnswerForm.ORAL
        if answer_form not in forms:
            return
    text = {
        AnswerForm.TEXT: "J'ai parlé de mon expérience à deux personnes de mon entourage. "
        "Je voudrais animer un atelier dans mon foyer.",
        AnswerForm.ORAL: "Je présenterai mon idée de projet à la prochaine séance.",
    }.get(answer_form, "")
    services.save_answer(
        assignment, trainee, answer_form=answer_form, text=text, upload=upload, submit=state != "draft"
    )
    if state == "reviewed" and leader:
        submission = Submission.objects.get(assignment=assignment, trainee=trainee)
        audio = None
        if index % 2:
            audio = SimpleUploadedFile("retour.wav", silent_wav(), content_type="audio/wav")
        services.give_feedback(
            submission,
            author=leader,
            text="Merci pour ce travail. Votre idée d'atelier est claire ; pensez à qui vous pourriez l'animer.",
            audio=audio,
        )


def _seed_work(group, trainees, leader) -> None:
    assignments = services.sync_group_assignments(group)
    # Through the group × assignments table so that any four cells hold the four states and each
    # trainee's row differs from the next one.
    stride = len(assignments) if len(assignments) % len(STATES) else 1
    for a_index, assignment in enumerate(assignments):
        for t_index, trainee in enumerate(trainees):
            if Submission.objects.filter(assignment=assignment, trainee=trainee).exists():
                continue
            state = STATES[(t_index * stride + a_index) % len(STATES)]
            if state == "todo":
                continue
            _answer(assignment, trainee, state, leader, a_index + t_index)
    # One extension: the last trainee, first assignment with a deadline, if still open.
    dated = [a for a in assignments if a.due_at]
    if dated and leader and len(trainees) > 1:
        trainee = trainees[-1]
        if not Submission.objects.filter(
            assignment=dated[0], trainee=trainee, status=Submission.Status.REVIEWED
        ).exists():
            services.grant_extension(
                dated[0],
                trainee,
                dated[0].due_at + datetime.timedelta(days=7),
                granted_by=leader,
                reason="Semaine d'hospitalisation : une semaine de plus.",
            )


def _seed_objectives(group, trainees, leader) -> None:
    objectives = selectors.course_objectives(group.course)
    if not objectives:
        return
    kinds = ObjectiveAssessment.Kind
    for t_index, trainee in enumerate(trainees):

        def levels(shift: int, t_index=t_index):
            return {o: 1 + (o_index + t_index + shift) % 4 for o_index, o in enumerate(objectives)}

        def capped(shift: int, floor: int, t_index=t_index):
            return {o: max(floor, min(4, level)) for o, level in levels(shift, t_index).items()}

        # Everyone has positioned themself at entry; trainers add theirs for every other trainee.
        services.record_assessments(group, trainee, kind=kinds.ENTRY, levels=capped(0, 1), by=trainee)
        if leader and t_index % 2 == 0:
            services.record_assessments(group, trainee, kind=kinds.ENTRY, levels=capped(1, 1), by=leader)
        if leader and t_index % 3 != 2:
            services.record_assessments(group, trainee, kind=kinds.INTERMEDIATE, levels=capped(2, 2), by=leader)
        # A final evaluation for the second trainee of each group (both sides) and the fourth (self only).
        if t_index in (1, 3):
            services.record_assessments(group, trainee, kind=kinds.FINAL, levels=capped(3, 2), by=trainee)
            if leader and t_index == 1:
                services.record_assessments(group, trainee, kind=kinds.FINAL, levels=capped(3, 2), by=leader)
        if leader:
            _seed_goals(group, trainee, objectives, leader)


def _seed_goals(group, trainee, objectives, leader) -> None:
    if IntermediateGoal.objects.filter(group=group, trainee=trainee).exists():
        return
    today = timezone.localdate()
    reached = services.set_intermediate_goal(
        group,
        trainee,
        description="Raconter son parcours en cinq minutes devant le groupe.",
        objectives=objectives[:1],
        by=leader,
        target_date=today,
    )
    services.review_intermediate_goal(reached, status=IntermediateGoal.Status.REACHED, status_date=today, by=leader)
    partly = services.set_intermediate_goal(
        group,
        trainee,
        description="Repérer deux ressources utiles pour sa mission.",
        objectives=objectives[1:3],
        by=leader,
    )
    services.review_intermediate_goal(
        partly,
        status=IntermediateGoal.Status.PARTLY_REACHED,
        status_date=today,
        by=leader,
        comment="Une ressource trouvée ; la seconde reste à chercher.",
    )
    adjusted = services.set_intermediate_goal(
        group,
        trainee,
        description="Écrire une page sur son projet d'intervention.",
        objectives=objectives[-1:],
        by=leader,
    )
    services.review_intermediate_goal(
        adjusted,
        status=IntermediateGoal.Status.ADJUSTED,
        status_date=today,
        by=leader,
        comment="L'écrit est difficile : on passe par l'oral.",
        adjusted_description="Présenter son projet d'intervention à l'oral, en s'aidant de pictogrammes.",
    )


def seed(stdout=None) -> None:
    """Seeds work and assessments for every group that has enrolled trainees."""
    for group in TrainingGroup.objects.select_related("course").order_by("pk"):
        trainees = sorted(selectors.enrolled_trainees(group), key=lambda t: (t.email != DEMO_TRAINEE_EMAIL, t.pk))
        if not trainees:
            continue
        leader = _leader(group)
        _seed_work(group, trainees, leader)
        _seed_objectives(group, trainees, leader)
    if stdout:
        stdout.write("Travaux d'intersession et objectifs de démonstration prêts.")
