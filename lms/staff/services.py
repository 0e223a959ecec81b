"""Writes of the staff workspace that are not another app's: creating a person's account outside
enrolment, with one role, within what the acting staff member may grant."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from lms.people import services as people_services
from lms.people.models import Region, Role, TrainingOrganisation, User
from lms.staff.permissions import grantable_organisations, grantable_regions, grantable_roles


def create_person(
    *,
    email: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    role: str,
    region: Region | None = None,
    organisation: TrainingOrganisation | None = None,
    actor: User,
) -> User:
    """Creates the account (no password: the person receives an invitation to choose one) and gives
    it `role` with its scope. Refused, with nothing saved, beyond what `actor` may grant."""
    allowed = grantable_roles(actor)
    if not allowed:
        raise PermissionDenied(_("Vous ne pouvez pas créer de compte."))
    errors = {}
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not first_name:
        errors["first_name"] = _("Indiquez le prénom de la personne.")
    if not last_name:
        errors["last_name"] = _("Indiquez le nom de la personne.")
    if role not in allowed:
        errors["role"] = _("Vous ne pouvez pas donner ce rôle.")
    # A scope only for the role that has one; the other is ignored rather than refused.
    region = region if role == Role.REGIONAL_TEAM else None
    organisation = organisation if role == Role.ORGANISATION_STAFF else None
    if role == Role.REGIONAL_TEAM and region is not None and not grantable_regions(actor).filter(pk=region.pk).exists():
        errors["region"] = _("Vous ne pouvez ajouter un membre qu'à l'équipe de votre région.")
    if (
        role == Role.ORGANISATION_STAFF
        and organisation is not None
        and not grantable_organisations(actor).filter(pk=organisation.pk).exists()
    ):
        errors["organisation"] = _("Vous ne pouvez pas ajouter de personnel à cet organisme.")
    if role == Role.REGIONAL_TEAM and region is None:
        errors["region"] = _("Choisissez la région de l'équipe régionale.")
    if role == Role.ORGANISATION_STAFF and organisation is None:
        errors["organisation"] = _("Choisissez l'organisme de formation de la personne.")
    email = people_services.normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Saisissez une adresse e-mail valide.")
    else:
        if User.objects.filter(email__iexact=email).exists():
            # Said plainly: staff may know who has an account; linking one is for administrators.
            errors["email"] = _(
                "Un compte existe déjà avec cette adresse e-mail : l'administration de la plateforme peut lui "
                "ajouter ce rôle."
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = people_services.create_account(
            email=email, first_name=first_name, last_name=last_name, phone=(phone or "").strip(), actor=actor
        )
        people_services.check_role_scope(role, region, organisation)
        people_services.assign_role(user, role, region=region, organisation=organisation)
    return user
