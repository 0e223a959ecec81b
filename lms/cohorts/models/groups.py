"""Delivery side of a course: who trains together, when and where."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.people.models import Territory, TrainingOrganisation

# Half-day slots: a session's times are split at this hour into morning and afternoon.
MIDDAY = datetime.time(13, 0)


class HalfDay(models.TextChoices):
    """Attendance is taken per half-day slot."""

    MORNING = "morning", _("Matin")
    AFTERNOON = "afternoon", _("Après-midi")


class TrainingGroup(models.Model):
    """A group of trainees following one course in one territory, delivered by one training
    organisation and co-led by trainers and peer trainers."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("En préparation")
        RECRUITING = "recruiting", _("Recrutement en cours")
        RUNNING = "running", _("En cours")
        FINISHED = "finished", _("Terminé")
        CANCELLED = "cancelled", _("Annulé")

    name = models.CharField(_("nom du groupe"), max_length=150, help_text=_("Ex. « Intervenants-pairs Rhône 2027 »."))
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="training_groups",
        verbose_name=_("formation"),
        help_text=_("La formation suivie : intervenants-pairs ou référents."),
    )
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        related_name="training_groups",
        verbose_name=_("territoire"),
        help_text=_("Département ou bassin de vie où le groupe se forme."),
    )
    organisation = models.ForeignKey(
        TrainingOrganisation,
        on_delete=models.PROTECT,
        related_name="training_groups",
        verbose_name=_("organisme de formation"),
        help_text=_("L'organisme retenu qui délivre la formation."),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="groups_as_trainer",
        blank=True,
        verbose_name=_("formateurs"),
        help_text=_("Formateurs et formatrices qui animent le groupe."),
    )
    peer_trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="groups_as_peer_trainer",
        blank=True,
        verbose_name=_("formateurs pairs"),
        help_text=_("Le kit demande une co-animation avec au moins un formateur pair."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"), help_text=_("Au plus la taille maximale fixée par la formation (8 ou 15).")
    )
    start_date = models.DateField(_("date de début"), null=True, blank=True, help_text=_("Date de la première séance."))
    end_date = models.DateField(_("date de fin"), null=True, blank=True, help_text=_("Date de la dernière séance."))
    applications_close_on = models.DateField(
        _("candidatures jusqu'au"),
        null=True,
        blank=True,
        help_text=_(
            "Dernier jour pour candidater, affiché sur la page publique de la formation. "
            "Vide : jusqu'à la veille de la première séance."
        ),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=Status.choices,
        default=Status.PLANNED,
        help_text=_("Un groupe terminé ou annulé n'accepte plus d'inscriptions ni de séances."),
    )
    venue = models.ForeignKey(
        "cohorts.Venue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="default_for_groups",
        verbose_name=_("lieu habituel"),
        help_text=_(
            "Lieu où le groupe se réunit d'habitude : les nouvelles séances le reprennent (chacune peut en changer)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("groupe de formation")
        verbose_name_plural = _("groupes de formation")

    def __str__(self):
        return self.name

    def clean(self):
        # The kit's caps are checked here, so that every form (site or back office) and the services
        # (lms.cohorts.services.validate_group) refuse the same values.
        validate_group(self)


class EnrolmentQuerySet(models.QuerySet):
    def enrolled(self) -> "EnrolmentQuerySet":
        """Places that count: neither on the waiting list nor withdrawn. Every "who is in the group"
        question starts here."""
        return self.filter(status=Enrolment.Status.ENROLLED)


class Enrolment(models.Model):
    """A trainee's place in a group: enrolled, on the waiting list, or withdrawn."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Inscrit")
        WAITING = "waiting", _("Liste d'attente")
        WITHDRAWN = "withdrawn", _("Désisté")

    group = models.ForeignKey(
        TrainingGroup, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("groupe")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("stagiaire")
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.ENROLLED)
    application = models.ForeignKey(
        "cohorts.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("candidature"),
        help_text=_("La candidature retenue qui a mené à cette inscription."),
    )
    waitlisted_at = models.DateTimeField(
        _("mis en liste d'attente le"),
        null=True,
        blank=True,
        help_text=_("L'ordre de la liste d'attente suit cette date : premier arrivé, premier servi."),
    )
    withdrawn_at = models.DateTimeField(_("désistement le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["group", "created_at"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [models.UniqueConstraint(fields=["group", "trainee"], name="enrolment_unique_trainee_in_group")]

    def __str__(self):
        return f"{self.trainee} — {self.group} ({self.get_status_display()})"


class Venue(models.Model):
    """A training venue, with the access information the kit asks for."""

    name = models.CharField(_("nom du lieu"), max_length=150, help_text=_("Ex. « Maison des associations Lyon 3e »."))
    address = models.CharField(_("adresse"), max_length=250, help_text=_("Numéro et rue."))
    postcode = models.CharField(_("code postal"), max_length=10, help_text=_("Ex. 69003."))
    city = models.CharField(_("ville"), max_length=120, help_text=_("Commune du lieu."))
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        related_name="venues",
        verbose_name=_("territoire"),
        help_text=_("Territoire où se trouve le lieu."),
    )
    public_transport = models.TextField(
        _("accès en transports en commun"), blank=True, help_text=_("Lignes, arrêts, distance à pied.")
    )
    step_free_access = models.BooleanField(
        _("accès de plain-pied ou ascenseur"), default=False, help_text=_("Accessible en fauteuil roulant.")
    )
    break_room = models.BooleanField(
        _("salle de pause à proximité"), default=False, help_text=_("Le kit demande une salle de pause proche.")
    )
    access_notes = models.TextField(
        _("informations d'accès"), blank=True, help_text=_("Stationnement, boucle magnétique, toilettes adaptées…")
    )

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("lieu de formation")
        verbose_name_plural = _("lieux de formation")

    def __str__(self):
        return f"{self.name} ({self.city})"


class ScheduledSession(models.Model):
    """A curriculum session held on a date, at a venue or remotely, for one or more groups (a
    joint session brings a peer-interveners group and a referents group together)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Planifiée")
        CANCELLED = "cancelled", _("Annulée")

    session_page = models.ForeignKey(
        "courses.SessionPage",
        on_delete=models.PROTECT,
        related_name="scheduled_sessions",
        verbose_name=_("séance du programme"),
    )
    groups = models.ManyToManyField(TrainingGroup, related_name="scheduled_sessions", verbose_name=_("groupes"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"))
    end_time = models.TimeField(_("heure de fin"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scheduled_sessions",
        verbose_name=_("lieu"),
    )
    remote_url = models.URLField(
        _("lien de visioconférence"), blank=True, help_text=_("Si la séance a lieu à distance.")
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions_as_trainer",
        verbose_name=_("formateur"),
    )
    peer_trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions_as_peer_trainer",
        verbose_name=_("formateur pair"),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_("Une séance annulée reste enregistrée, avec ses convocations et ses présences."),
    )
    sequence = models.PositiveIntegerField(
        _("version"),
        default=0,
        help_text=_("Augmente à chaque modification : les agendas remplacent l'ancienne version de la séance."),
    )
    changed_at = models.DateTimeField(_("modifiée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    cancellation_reason = models.TextField(
        _("motif de l'annulation"), blank=True, help_text=_("Communiqué aux stagiaires et aux animateurs.")
    )

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("séance planifiée")
        verbose_name_plural = _("séances planifiées")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.session_page.title} — {self.date:%d/%m/%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def duration_hours(self) -> float:
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return (end - start).total_seconds() / 3600

    @property
    def half_days(self) -> list[str]:
        """The half-day slots this session covers, derived from its times."""
        slots = []
        if self.start_time < MIDDAY:
            slots.append(HalfDay.MORNING)
        if self.end_time > MIDDAY:
            slots.append(HalfDay.AFTERNOON)
        return slots


class CalendarToken(models.Model):
    """The secret that makes a person's private iCalendar feed URL unguessable."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = _("jeton de calendrier")

    def __str__(self):
        return f"Calendrier de {self.user}"


def validate_group(group: "TrainingGroup") -> None:
    """Checks a group's own fields against its course (capacity cap, dates)."""
    errors = {}
    if group.course_id and group.capacity is not None and group.capacity > group.course.max_group_size:
        errors["capacity"] = gettext(
            "Le nombre de places (%(capacity)s) dépasse la taille maximale fixée par la formation "
            "(%(max_group_size)s personnes)."
        ) % {"capacity": group.capacity, "max_group_size": group.course.max_group_size}
    if group.capacity is not None and group.capacity < 1:
        errors["capacity"] = gettext("Un groupe a au moins une place.")
    if group.start_date and group.end_date and group.end_date < group.start_date:
        errors["end_date"] = gettext("La date de fin doit être après la date de début.")
    if group.venue_id and group.territory_id and group.venue.territory.region_id != group.territory.region_id:
        errors["venue"] = gettext("Ce lieu est dans une autre région que le groupe : choisissez un lieu de sa région.")
    if group.pk and group.capacity is not None and "capacity" not in errors:
        # Checked here too so that every form (site or back office) refuses it next to the field.
        enrolled = group.enrolments.enrolled().count()
        if group.capacity < enrolled:
            errors["capacity"] = gettext(
                "Le groupe compte déjà %(enrolled)s inscrits : le nombre de places ne peut pas être plus bas."
            ) % {"enrolled": enrolled}
    if errors:
        raise ValidationError(errors)
