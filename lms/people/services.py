"""Writes on persons and roles, with the scope rules enforced and French error messages."""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from lms.people.models import Region, Role, RoleAssignment, TrainingOrganisation, User
from lms.security.throttle import allow_attempt, login_throttle

# Roles that open the Wagtail administration (curriculum editing, delivery records).
ADMIN_ROLES = {Role.REGIONAL_TEAM, Role.NATIONAL_TEAM, Role.ORGANISATION_STAFF, Role.ADMINISTRATOR}


def check_role_scope(role: str, region: Region | None, organisation: TrainingOrganisation | None) -> None:
    """Raises a ValidationError when a role's scope is missing or does not belong to that role."""
    if role not in Role.values:
        raise ValidationError({"role": _("Rôle inconnu : « %(role)s ».") % {"role": role}})
    if role == Role.REGIONAL_TEAM and region is None:
        raise ValidationError({"region": _("Un membre d'équipe régionale doit être rattaché à une région.")})
    if role == Role.FUNDER and region is None:
        raise ValidationError({"region": _("Un financeur doit être rattaché à une région.")})
    if role not in (Role.REGIONAL_TEAM, Role.FUNDER) and region is not None:
        raise ValidationError({"region": _("Seuls l'équipe régionale et le financeur sont rattachés à une région.")})
    if role == Role.ORGANISATION_STAFF and organisation is None:
        raise ValidationError(
            {"organisation": _("Le personnel d'un organisme de formation doit être rattaché à un organisme.")}
        )
    if role != Role.ORGANISATION_STAFF and organisation is not None:
        raise ValidationError({"organisation": _("Seul le personnel d'un organisme est rattaché à un organisme.")})


@transaction.atomic
def assign_role(
    user: User, role: str, *, region: Region | None = None, organisation: TrainingOrganisation | None = None
) -> RoleAssignment:
    """Gives `user` a role (idempotent). Administrators become superusers; staff roles open the
    administration."""
    check_role_scope(role, region, organisation)
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, region=region, organisation=organisation
    )
    changed = []
    if role in ADMIN_ROLES and not user.is_staff:
        user.is_staff = True
        changed.append("is_staff")
    if role == Role.ADMINISTRATOR and not user.is_superuser:
        user.is_superuser = True
        changed.append("is_superuser")
    if changed:
        user.save(update_fields=changed)
    return assignment


@transaction.atomic
def revoke_role(
    user: User, role: str, *, region: Region | None = None, organisation: TrainingOrganisation | None = None
) -> None:
    """Removes a role; the administration closes when no staff role is left."""
    RoleAssignment.objects.filter(user=user, role=role, region=region, organisation=organisation).delete()
    remaining = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    user.is_staff = bool(remaining & ADMIN_ROLES)
    user.is_superuser = Role.ADMINISTRATOR in remaining
    user.save(update_fields=["is_staff", "is_superuser"])


# --- Accounts: invitation, forgotten password, password and contact details -----------------------

EMAIL_CHANGE_SALT = "lms.people.email-change"


def _queue(task: str, *args) -> None:
    """Queues a django-q2 task once the current transaction is committed."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(task, *args))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


@transaction.atomic
def create_account(*, email: str, first_name: str, last_name: str, phone: str = "", actor: User | None) -> User:
    """Creates a person's account without a password and e-mails them an invitation to choose one.
    `actor` is the staff member (None when the platform creates it, e.g. at enrolment)."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Saisissez une adresse e-mail valide.")}) from None
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Un compte existe déjà avec cette adresse e-mail.")})
    user = User.objects.create_user(email=email, first_name=first_name, last_name=last_name, phone=phone)
    invite(user=user, actor=actor)
    return user


def invite(*, user: User, actor: User | None) -> None:
    """E-mails the person a one-time link to choose their password (valid ACCOUNT_INVITATION_TIMEOUT
    seconds). Only for an active account whose password is not chosen yet."""
    if not user.is_active:
        raise ValidationError(_("Ce compte est désactivé : aucune invitation ne peut être envoyée."))
    if user.has_usable_password():
        raise ValidationError(
            _("Cette personne a déjà choisi son mot de passe ; elle peut utiliser « Mot de passe oublié ? ».")
        )
    _queue("lms.people.tasks.send_invitation", user.pk)


def request_password_reset(*, email: str, client_ip: str) -> bool:
    """ "Mot de passe oublié ?": e-mails a one-time link if an active account has this address.
    Returns False when too many requests came for this address or from this client (the caller
    shows the same answer whether the account exists or not)."""
    email = normalise_email(email)
    window = settings.PASSWORD_RESET_WINDOW
    # Both counters count every request, so that neither tells whether the address exists.
    per_address = allow_attempt(scope="password-reset", key=email, limit=settings.PASSWORD_RESET_LIMIT, window=window)
    per_client = allow_attempt(
        scope="password-reset-ip", key=client_ip, limit=settings.PASSWORD_RESET_LIMIT_PER_IP, window=window
    )
    if not (per_address and per_client):
        return False
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        # An invited person who lost the invitation gets the same kind of link.
        _queue("lms.people.tasks.send_password_reset", user.pk)
    return True


@transaction.atomic
def set_password(*, user: User, password: str, actor: User | None) -> User:
    """Sets the password the person chose through a one-time link, after Django's validators.
    The link stops working (the token depends on the password) and past login failures are cleared."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    login_throttle.reset_account(user.email)
    _queue("lms.people.tasks.send_password_changed_notice", user.pk)
    return user


@transaction.atomic
def change_password(*, user: User, old_password: str, new_password: str, actor: User) -> User:
    """ "Mon compte": the person changes their password, giving the current one."""
    if actor.pk != user.pk:
        raise ValidationError(_("Seule la personne elle-même peut changer son mot de passe."))
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Le mot de passe actuel est incorrect.")})
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _queue("lms.people.tasks.send_password_changed_notice", user.pk)
    return user


@transaction.atomic
def update_contact_details(*, user: User, actor: User, first_name: str, last_name: str, phone: str = "") -> User:
    """ "Mon compte": name and phone number (the e-mail address has its own confirmed change)."""
    if actor.pk != user.pk:
        raise ValidationError(_("Seule la personne elle-même peut modifier ses coordonnées ici."))
    errors = {}
    first_name, last_name, phone = (first_name or "").strip(), (last_name or "").strip(), (phone or "").strip()
    if not first_name:
        errors["first_name"] = _("Indiquez votre prénom.")
    if not last_name:
        errors["last_name"] = _("Indiquez votre nom.")
    if phone and not all(char.isdigit() or char in " +.-()" for char in phone):
        errors["phone"] = _("Un numéro de téléphone ne contient que des chiffres, des espaces et « + . - ( ) ».")
    if errors:
        raise ValidationError(errors)
    user.first_name, user.last_name, user.phone = first_name, last_name, phone
    user.save(update_fields=["first_name", "last_name", "phone"])
    return user


def request_email_change(*, user: User, actor: User, new_email: str, password: str) -> None:
    """ "Mon compte": the person asks to use another address. Nothing changes until they open the
    link sent to the new address (valid PASSWORD_RESET_TIMEOUT seconds); the current address is told."""
    if actor.pk != user.pk:
        raise ValidationError(_("Seule la personne elle-même peut changer son adresse e-mail."))
    new_email = normalise_email(new_email)
    if not user.check_password(password):
        raise ValidationError({"password": _("Le mot de passe est incorrect.")})
    try:
        validate_email(new_email)
    except ValidationError:
        raise ValidationError({"new_email": _("Saisissez une adresse e-mail valide.")}) from None
    if new_email == user.email:
        raise ValidationError({"new_email": _("C'est déjà votre adresse e-mail.")})
    if User.objects.filter(email__iexact=new_email).exists():
        # Said plainly: the person is logged in and proved their password.
        raise ValidationError({"new_email": _("Cette adresse est déjà utilisée par un autre compte.")})
    token = signing.dumps({"user": user.pk, "from": user.email, "to": new_email}, salt=EMAIL_CHANGE_SALT)
    _queue("lms.people.tasks.send_email_change_confirmation", user.pk, new_email, token)


@transaction.atomic
def confirm_email_change(*, user: User, token: str) -> User:
    """Applies an e-mail change once the link sent to the new address is opened by the same person.
    A link works once: it names the address it replaces."""
    expired = ValidationError(_("Ce lien n'est plus valable. Demandez à nouveau le changement d'adresse."))
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        raise expired from None
    user = User.objects.select_for_update().get(pk=user.pk)
    if data.get("user") != user.pk or data.get("from") != user.email:
        raise expired
    new_email = data["to"]
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise ValidationError(_("Cette adresse est déjà utilisée par un autre compte."))
    old_email = user.email
    user.email = new_email
    user.save(update_fields=["email"])
    _queue("lms.people.tasks.send_email_changed_notice", user.pk, old_email)
    return user


# --- Training organisations ----------------------------------------------------------------------


@transaction.atomic
def link_training_organisation(
    *, name: str, siret: str, activity_declaration_number: str, region: Region, contact_email: str, actor: User | None
) -> TrainingOrganisation:
    """The organisation with this SIRET, created when the platform does not know it yet (a registration
    validated by a regional team). A known SIRET keeps its record; a name taken by another SIRET is refused."""
    organisation = TrainingOrganisation.objects.filter(siret=siret).first() if siret else None
    if organisation is not None:
        return organisation
    if TrainingOrganisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("Un autre organisme porte déjà le nom « %(name)s » : vérifiez le SIRET.") % {"name": name}}
        )
    return TrainingOrganisation.objects.create(
        name=name, siret=siret, activity_declaration_number=activity_declaration_number, region=region,
        contact_email=contact_email,
    )  # fmt: skip
