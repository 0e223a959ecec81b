"""A person's account: their data (readable page and JSON download) and their erasure request;
the administrators' list of erasure requests."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.people import permissions, privacy
from lms.people.forms import ErasureRefusalForm, ErasureRequestForm
from lms.people.models import ErasureRequest
from lms.people.selectors import erasure_requests_of, pending_erasure_requests


@login_required
def account(request):
    return render(request, "people/account.html", {"erasure_requests": erasure_requests_of(request.user)})


@login_required
def data_export(request):
    """The person's data as a readable page."""
    export = privacy.export_personal_data(request.user)
    for section in export["sections"]:
        section["html"] = privacy.display_html(privacy.display_tree(section["data"]))
    return render(request, "people/data_export.html", {"export": export})


@login_required
def data_export_json(request):
    """The person's data as a JSON file (portability)."""
    export = privacy.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mes-donnees-epop-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def erasure_request(request):
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.request_erasure(request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Votre demande d'effacement est enregistrée. Nous vous répondrons sous un mois.")
            )
            return redirect("people:account")
    return render(request, "people/erasure_request.html", {"form": form})


def _require_administrator(request):
    if not permissions.is_administrator(request.user):
        raise PermissionDenied


def _refusal_form(item, data=None):
    # One form per pending request on the same page: the ids must differ, the posted name stays the same.
    return ErasureRefusalForm(data, auto_id=f"refusal-{item.pk}-%s")


def _erasure_rows(refused=None, refused_form=None):
    """(request, refusal form) pairs; the refused request keeps its form, with its errors and input."""
    return [
        (item, refused_form if refused is not None and item.pk == refused.pk else _refusal_form(item))
        for item in pending_erasure_requests()
    ]


@login_required
def erasure_requests(request):
    _require_administrator(request)
    return render(request, "people/erasure_requests.html", {"rows": _erasure_rows()})


@login_required
@require_POST
def erasure_process(request, pk):
    _require_administrator(request)
    item = get_object_or_404(ErasureRequest, pk=pk)
    try:
        pseudonym = privacy.process_erasure_request(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Effacement réalisé. La personne apparaît désormais sous le nom « %(name)s ».") % {"name": pseudonym},
        )
    return redirect("people:erasure_requests")


@login_required
@require_POST
def erasure_refuse(request, pk):
    _require_administrator(request)
    item = get_object_or_404(ErasureRequest, pk=pk)
    form = _refusal_form(item, request.POST)
    if form.is_valid():
        try:
            privacy.refuse_erasure_request(item, by=request.user, reason=form.cleaned_data["refusal_reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La demande est refusée ; le motif sera transmis à la personne."))
            return redirect("people:erasure_requests")
    return render(
        request,
        "people/erasure_requests.html",
        {"rows": _erasure_rows(item, form)},
        status=400 if not form.is_valid() else 200,
    )
