"""Certificate pages: a person's documents, a group's issuing page, revocation, downloads, the
public verification page and the Open Badges public documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage
from lms.certificates import badges, selectors, services
from lms.certificates.forms import RevocationForm, SignatoryForm, VerificationForm
from lms.certificates.models import Certificate, IssuingBatch
from lms.certificates.permissions import can_manage_organisation
from lms.cohorts.models import Enrolment, TrainingGroup
from lms.cohorts.permissions import can_manage_group, managed_groups
from lms.people.models import TrainingOrganisation
from lms.private_files import private_file_response
from lms.security.redirects import safe_next


@login_required
def home(request):
    """The person's own documents and completion status; the groups they issue for, if any."""
    user = request.user
    certificates = list(selectors.certificates_of_trainee(user))
    with_certificate = {c.group_id for c in certificates}
    pending = []
    enrolments = Enrolment.objects.enrolled().filter(trainee=user).select_related("group__course")
    for enrolment in enrolments:
        if enrolment.group_id in with_certificate:
            continue
        completion = selectors.group_completion(enrolment.group, trainees=[user])
        pending.append({"group": enrolment.group, "status": completion.statuses[0]})
    groups = list(selectors.groups_for_issuing(managed_groups(user)))
    for group in groups:
        group.issued = sum(1 for c in group.certificates.all() if not c.is_revoked)
    return render(
        request,
        "certificates/home.html",
        {"certificates": certificates, "pending": pending, "groups": groups},
    )


def _managed_group(request, pk) -> TrainingGroup:
    group = get_object_or_404(TrainingGroup.objects.select_related("course", "organisation", "territory"), pk=pk)
    if not can_manage_group(request.user, group):
        raise PermissionDenied
    return group


@login_required
def group_certificates(request, pk):
    """Each trainee's completion, rule by rule; the issue button and its progress bar."""
    group = _managed_group(request, pk)
    completion = selectors.group_completion(group)
    certificates = {c.trainee_id: c for c in selectors.certificates_of_group(group)}
    rows = [{"status": status, "certificate": certificates.get(status.trainee.pk)} for status in completion.statuses]
    context = {
        "group": group,
        "completion": completion,
        "rows": rows,
        "rule_labels": [result.label for result in (rows[0]["status"].results if rows else [])],
        "batch": selectors.latest_batch(group),
        "signatory": selectors.signatory_of(group.organisation),
        "can_edit_signatory": can_manage_organisation(request.user, group.organisation),
        "completed_count": sum(1 for status in completion.statuses if status.completed),
    }
    return render(request, "certificates/group.html", context)


@login_required
@require_POST
def issue_group(request, pk):
    group = _managed_group(request, pk)
    try:
        batch = services.start_group_issuing(request.user, group)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if batch.status == IssuingBatch.Status.DONE:
            messages.success(
                request, _("Délivrance terminée : %(count)s documents délivrés.") % {"count": batch.issued_count}
            )
        else:
            messages.info(request, _("La délivrance a commencé. La progression s'affiche ci-dessous."))
    return redirect(reverse("certificates:group", args=[group.pk]) + "#delivrance")


@login_required
@never_cache
@require_GET
def batch_progress(request, pk):
    """The batch's counters, polled by the progress bar's script."""
    batch = get_object_or_404(IssuingBatch.objects.select_related("group__territory"), pk=pk)
    if not can_manage_group(request.user, batch.group):
        raise PermissionDenied
    return JsonResponse(
        {
            "status": batch.status,
            "status_label": str(batch.get_status_display()),
            "percent": batch.percent,
            "processed": batch.processed,
            "total": batch.total,
            "issued": batch.issued_count,
            "existing": batch.existing_count,
            "incomplete": batch.incomplete_count,
            "revoked": batch.revoked_count,
            "active": batch.is_active,
            "error": batch.error,
        }
    )


@login_required
def revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("group__territory"), pk=pk)
    if not can_manage_group(request.user, certificate.group):
        raise PermissionDenied
    form = RevocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(certificate, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le certificat de %(name)s est révoqué.") % {"name": certificate.trainee_name})
            return redirect("certificates:group", pk=certificate.group_id)
    return render(request, "certificates/revoke.html", {"certificate": certificate, "form": form})


DOCUMENTS = {
    "attestation": ("attestation_pdf", "attestation-fin-de-formation", "application/pdf", ".pdf"),
    "realisation": ("realisation_pdf", "certificat-de-realisation", "application/pdf", ".pdf"),
    "badge": (None, "badge-open-badges", "application/jwt", ".jwt"),
}


@login_required
def download(request, pk, kind):
    """A private document, served only to its trainee (while valid) and to those who manage the group."""
    if kind not in DOCUMENTS:
        raise Http404
    certificate = get_object_or_404(Certificate.objects.select_related("group__territory"), pk=pk)
    own = certificate.trainee_id == request.user.pk
    if not (own and not certificate.is_revoked) and not can_manage_group(request.user, certificate.group):
        raise Http404
    field, stem, content_type, extension = DOCUMENTS[kind]
    filename = f"{stem}-{slugify(certificate.trainee_name)}{extension}"
    if field is None:
        if not certificate.badge_jwt:  # cleared when the person's data was erased
            raise Http404
        response = HttpResponse(certificate.badge_jwt, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
    else:
        file = getattr(certificate, field)
        if not file:
            raise Http404
        response = private_file_response(file, filename, as_attachment=True, content_type=content_type)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def signatory(request, pk):
    """The organisation's legal representative, stamp and signature printed on its certificates."""
    organisation = get_object_or_404(TrainingOrganisation, pk=pk)
    if not can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    current = selectors.signatory_of(organisation)
    form = SignatoryForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_signatory(organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le signataire des certificats est enregistré."))
            return redirect(safe_next(request, reverse("certificates:signatory", args=[organisation.pk])))
    return render(
        request,
        "certificates/signatory.html",
        {"organisation": organisation, "form": form, "signatory": current},
    )


def verify_form(request):
    """Public: type the code printed on a document."""
    form = VerificationForm(request.GET or None)
    if request.GET and form.is_valid():
        certificate = selectors.certificate_by_code(form.cleaned_data["code"])
        if certificate is not None:
            return redirect("certificates:verify", code=certificate.code)
        form.add_error("code", _("Aucun document ne correspond à ce code. Vérifiez chaque caractère."))
    return render(request, "certificates/verify_form.html", {"form": form})


def verify(request, code):
    """Public verification page: the certificate's text as accessible HTML, and whether it is valid."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return TemplateResponse(request, "certificates/verify_unknown.html", {"code": code[:40]}, status=404)
    response = render(request, "certificates/verify.html", {"certificate": certificate})
    response["X-Robots-Tag"] = "noindex"
    return response


def ob_issuer(request):
    return JsonResponse(badges.issuer_profile(), json_dumps_params={"ensure_ascii": False})


def ob_jwks(request):
    return JsonResponse(badges.jwks())


def ob_achievement(request, audience):
    course = CoursePage.objects.filter(audience=audience).first()
    if course is None:
        raise Http404
    data = {"@context": badges.OB_CONTEXTS, **badges.achievement(course)}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
