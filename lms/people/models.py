"""Persons and the structures they belong to: regions, territories, training organisations,
and the roles a person holds in them."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A French administrative region, the level at which a regional EPoP team works."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    code = models.CharField(_("code INSEE"), max_length=3, unique=True, help_text=_("Code INSEE de la région, ex. 84."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self):
        return self.name


class Territory(models.Model):
    """A territory inside a region where groups are formed: a département or a bassin de vie."""

    class Kind(models.TextChoices):
        DEPARTEMENT = "departement", _("Département")
        BASSIN_DE_VIE = "bassin_de_vie", _("Bassin de vie")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="territories", verbose_name=_("région"))
    name = models.CharField(_("nom"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.DEPARTEMENT)
    code = models.CharField(
        _("code"), max_length=10, blank=True, help_text=_("Numéro de département ou code INSEE du bassin de vie.")
    )

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="territory_unique_name_in_region")]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class TrainingOrganisation(models.Model):
    """A training organisation (organisme de formation) that answers calls for tenders and
    delivers the courses."""

    name = models.CharField(_("raison sociale"), max_length=200, unique=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, help_text=_("14 chiffres."))
    activity_declaration_number = models.CharField(
        _("numéro de déclaration d'activité"),
        max_length=20,
        blank=True,
        help_text=_("Numéro attribué par la préfecture de région (NDA)."),
    )
    qualiopi_certified = models.BooleanField(_("certifié Qualiopi"), default=False)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("région du siège"),
    )
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisme de formation")
        verbose_name_plural = _("organismes de formation")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    """Creates users identified by their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person using the platform, identified by e-mail. What they may do comes from their
    `RoleAssignment`s."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name


class Role(models.TextChoices):
    """The roles of the platform. Scoped roles need their scope (see `RoleAssignment`)."""

    TRAINEE = "trainee", _("Stagiaire")
    TRAINER = "trainer", _("Formateur ou formatrice")
    PEER_TRAINER = "peer_trainer", _("Formateur ou formatrice pair")
    REGIONAL_TEAM = "regional_team", _("Équipe régionale")
    NATIONAL_TEAM = "national_team", _("Équipe nationale")
    ORGANISATION_STAFF = "organisation_staff", _("Organisme de formation")
    FUNDER = "funder", _("Financeur")
    ADMINISTRATOR = "administrator", _("Administration de la plateforme")


class RoleAssignment(models.Model):
    """One role held by one person, with its scope: a region for the regional team and the funder,
    an organisation for its staff, nothing for the other roles."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("personne")
    )
    role = models.CharField(_("rôle"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("région"),
        help_text=_("Obligatoire pour l'équipe régionale et le financeur, vide sinon."),
    )
    organisation = models.ForeignKey(
        TrainingOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organisme de formation"),
        help_text=_("Obligatoire pour le personnel d'un organisme, vide sinon."),
    )
    created_at = models.DateTimeField(_("attribué le"), auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("rôle attribué")
        verbose_name_plural = _("rôles attribués")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=["regional_team", "funder"], region__isnull=False)
                    | ~Q(role__in=["regional_team", "funder"]) & Q(region__isnull=True)
                ),
                name="role_region_scope",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role="organisation_staff", organisation__isnull=False)
                    | ~Q(role="organisation_staff") & Q(organisation__isnull=True)
                ),
                name="role_organisation_scope",
            ),
            # Partial constraints rather than nulls_distinct, which SQLite does not support.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(region__isnull=True, organisation__isnull=True),
                name="role_assignment_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="role_assignment_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="role_assignment_unique_organisation",
            ),
        ]

    def __str__(self):
        scope = self.region or self.organisation
        return f"{self.user} — {self.get_role_display()}" + (f" ({scope})" if scope else "")


class AuditLogEntry(models.Model):
    """One read or write of sensitive data (accessibility needs, interview notes…): who, what,
    which record, whose data, when. Written by `lms.people.audit.record_access`, never edited."""

    class Action(models.TextChoices):
        READ = "read", _("Consultation")
        WRITE = "write", _("Modification")
        DELETE = "delete", _("Suppression")
        EXPORT = "export", _("Export")

    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries_as_actor",
        verbose_name=_("auteur"),
    )
    # Kept as text so the entry still says who acted after that account is erased.
    actor_label = models.CharField(_("auteur (libellé)"), max_length=255)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    record_type = models.CharField(_("type de donnée"), max_length=100, help_text=_("app_label.modèle"))
    record_id = models.CharField(_("identifiant de l'enregistrement"), max_length=64, blank=True)
    record_label = models.CharField(_("enregistrement"), max_length=255, blank=True)
    subject = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries_as_subject",
        verbose_name=_("personne concernée"),
    )
    detail = models.CharField(_("précision"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("entrée du journal d'accès")
        verbose_name_plural = _("journal d'accès aux données sensibles")
        indexes = [models.Index(fields=["record_type", "record_id"], name="audit_record_idx")]

    def __str__(self):
        return (
            f"{self.created_at:%d/%m/%Y %H:%M} — {self.actor_label} — {self.get_action_display()} — {self.record_type}"
        )


class ErasureRequest(models.Model):
    """A person's request to have their data erased (GDPR art. 17), carried out by an administrator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        DONE = "done", _("Effacement réalisé")
        REFUSED = "refused", _("Refusée")

    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="erasure_requests", verbose_name=_("personne")
    )
    reason = models.TextField(_("motif (facultatif)"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    processed_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    processed_by_label = models.CharField(_("traitée par"), max_length=255, blank=True)
    pseudonym = models.CharField(
        _("pseudonyme"), max_length=64, blank=True, help_text=_("Remplace le nom sur les documents conservés.")
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("demande d'effacement")
        verbose_name_plural = _("demandes d'effacement")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="erasure_one_pending_request_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user or self.pseudonym} — {self.get_status_display()}"
