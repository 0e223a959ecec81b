"""Pages of surveys: answering (by the link's token or from Mon espace), results and their export.
Each view checks who asks, then calls selectors and services."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.surveys import permissions, selectors, services
from lms.surveys.forms import SurveyAnswerForm
from lms.surveys.models import Invitation


def _answer_page(request, invitation, submit):
    template = invitation.campaign.template
    if invitation.answered:
        return render(request, "surveys/answered.html", {"invitation": invitation}, status=200)
    form = SurveyAnswerForm(request.POST or None, template=template)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                submit(form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect("surveys:thanks")
        status = 400
    return render(
        request, "surveys/answer.html", {"invitation": invitation, "template": template, "form": form}, status=status
    )


@never_cache
def answer(request, token):
    """The questionnaire opened from the e-mail's link: no login, the token is the key."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "surveys/invalid_link.html", status=404)

    def submit(data):
        services.answer_with_token(token=token, answers=data, actor=None)

    return _answer_page(request, invitation, submit)


@login_required
def answer_mine(request, pk):
    """The same questionnaire from "Mes questionnaires", for the signed-in person it was sent to."""
    invitation = (
        Invitation.objects.select_related("campaign__template", "campaign__group", "campaign__session__session_page")
        .filter(pk=permissions._int_or_404(pk), person=request.user)
        .first()
    )
    if invitation is None:
        raise Http404

    def submit(data):
        services.answer_as_person(invitation_id=invitation.pk, answers=data, actor=request.user)

    return _answer_page(request, invitation, submit)


def thanks(request):
    return render(request, "surveys/thanks.html")


@login_required
def my_surveys(request):
    invitations = list(selectors.pending_invitations(request.user))
    return render(request, "surveys/my_surveys.html", {"invitations": invitations})


@login_required
def results_index(request):
    """Response rates by campaign, group, course and region, for the campaigns the user may read."""
    if not permissions.can_view_results(request.user):
        raise Http404
    campaigns = list(selectors.with_rates(permissions.visible_campaigns(request.user)).order_by("-opened_on", "pk"))
    return render(
        request,
        "surveys/results_index.html",
        {
            "campaigns": campaigns,
            "by_group": selectors.totals(campaigns, by="group"),
            "by_course": selectors.totals(campaigns, by="course"),
            "by_region": selectors.totals(campaigns, by="region"),
            "min_respondents": services.conf.min_respondents(),
        },
    )


@login_required
def campaign_results(request, pk):
    campaign = permissions.access_campaign(request.user, pk)
    return render(
        request,
        "surveys/campaign_results.html",
        {"results": selectors.results(campaign), "min_respondents": services.conf.min_respondents()},
    )


@login_required
def campaign_export(request, pk):
    """CSV for spreadsheets (UTF-8 with BOM, ";"): answers only, no person; empty under the threshold."""
    campaign = permissions.access_campaign(request.user, pk)
    header, rows = selectors.export_rows(campaign)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{campaign.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    if not rows:
        writer.writerow([_("Moins de %(n)s réponses : pas de détail.") % {"n": services.conf.min_respondents()}])
    return response


def public_results(request):
    """The published satisfaction results (Qualiopi indicator 2), open to everyone."""
    return render(
        request,
        "surveys/public_results.html",
        {"lines": selectors.public_results(), "min_respondents": services.conf.min_respondents()},
    )
