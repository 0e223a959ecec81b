"""Intersession work: the assignments a group receives, trainees' answers and trainers' feedback."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.learning.uploads import AUDIO_POLICY, SUBMISSION_POLICY
from lms.uploads.fields import PolicyFileField


def private_upload_path(instance, filename: str) -> str:
    """A random, unguessable storage name: files are only ever served through a checking view."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"learning/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


class Assignment(models.Model):
    """The intersession task of a scheduled session, for one group, due before the group's next session."""

    group = models.ForeignKey(
        "cohorts.TrainingGroup", on_delete=models.CASCADE, related_name="assignments", verbose_name=_("groupe")
    )
    scheduled_session = models.ForeignKey(
        "cohorts.ScheduledSession",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("séance où le travail est donné"),
    )
    due_at = models.DateTimeField(
        _("à rendre avant"),
        null=True,
        blank=True,
        help_text=_(
            "Début de la séance suivante du groupe, calculé depuis le planning. Vide : pas de séance suivante."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["scheduled_session__date", "scheduled_session__start_time", "pk"]
        verbose_name = _("travail d'intersession")
        verbose_name_plural = _("travaux d'intersession")
        constraints = [
            models.UniqueConstraint(fields=["group", "scheduled_session"], name="assignment_unique_session_in_group")
        ]

    def __str__(self):
        return f"{self.title} — {self.group}"

    @property
    def session_page(self):
        return self.scheduled_session.session_page

    @property
    def title(self) -> str:
        return self.session_page.intersession_task_title or self.session_page.title

    @property
    def accepted_forms(self) -> list[str]:
        """The answer forms the curriculum session accepts, in display order."""
        page = self.session_page
        return [
            answer_form
            for answer_form, accepted in (
                (AnswerForm.TEXT, page.accepts_text),
                (AnswerForm.FILE, page.accepts_file),
                (AnswerForm.AUDIO, page.accepts_audio),
                (AnswerForm.VIDEO, page.accepts_video),
                (AnswerForm.ORAL, page.accepts_oral),
            )
            if accepted
        ]


class DeadlineExtension(models.Model):
    """A later deadline granted to one trainee for one assignment."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("travail")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
        verbose_name=_("stagiaire"),
    )
    due_at = models.DateTimeField(_("nouvelle date limite"), help_text=_("Après la date limite du groupe."))
    reason = models.CharField(_("motif"), max_length=250, blank=True, help_text=_("Visible par le stagiaire."))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accordée par"),
    )
    created_at = models.DateTimeField(_("accordée le"), auto_now=True)

    class Meta:
        verbose_name = _("délai supplémentaire")
        verbose_name_plural = _("délais supplémentaires")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "trainee"], name="extension_unique_trainee_assignment")
        ]

    def __str__(self):
        return f"{self.trainee} — {self.assignment}"


class AnswerForm(models.TextChoices):
    """The ways a trainee may answer: many trainees do not write easily."""

    TEXT = "text", _("Réponse écrite")
    FILE = "file", _("Fichier")
    AUDIO = "audio", _("Enregistrement audio")
    VIDEO = "video", _("Enregistrement vidéo")
    ORAL = "oral", _("Je le présenterai à l'oral à la prochaine séance")


class Submission(models.Model):
    """One trainee's answer to one assignment: a draft, then submitted (again if needed), then reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Rendu")
        REVIEWED = "reviewed", _("Relu")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("travail")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("stagiaire")
    )
    answer_form = models.CharField(_("forme de la réponse"), max_length=10, choices=AnswerForm.choices)
    text = models.TextField(_("texte"), blank=True, help_text=_("La réponse écrite, ou une note pour l'oral."))
    media = PolicyFileField(
        _("fichier"),
        policy=SUBMISSION_POLICY,
        upload_to=private_upload_path,
        blank=True,
        help_text=_("Fichier, audio ou vidéo déposé."),
    )
    media_name = models.CharField(_("nom d'origine du fichier"), max_length=255, blank=True)
    media_type = models.CharField(_("type du fichier"), max_length=100, blank=True, help_text=_("Reconnu au contenu."))
    media_size = models.PositiveBigIntegerField(_("taille (octets)"), default=0)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submission_count = models.PositiveSmallIntegerField(_("nombre d'envois"), default=0)
    submitted_at = models.DateTimeField(_("rendu le"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("relu le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["assignment", "trainee"]
        verbose_name = _("réponse à un travail")
        verbose_name_plural = _("réponses aux travaux")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "trainee"], name="submission_unique_trainee_assignment")
        ]

    def __str__(self):
        return f"{self.trainee} — {self.assignment} ({self.get_status_display()})"


class Feedback(models.Model):
    """A trainer's or peer trainer's feedback on a submission, written or recorded."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("réponse")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="given_feedback", verbose_name=_("auteur")
    )
    text = models.TextField(_("retour écrit"), blank=True)
    audio = PolicyFileField(_("retour audio"), policy=AUDIO_POLICY, upload_to=private_upload_path, blank=True)
    audio_type = models.CharField(_("type de l'audio"), max_length=100, blank=True)
    audio_size = models.PositiveBigIntegerField(_("taille de l'audio (octets)"), default=0)
    created_at = models.DateTimeField(_("donné le"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("retour du formateur")
        verbose_name_plural = _("retours des formateurs")

    def __str__(self):
        return f"{self.author} → {self.submission}"
