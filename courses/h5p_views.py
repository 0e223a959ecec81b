"""The text version of an H5P activity: its form posts here, the answer is checked on the server
(the page never carries it before) and recorded as the activity's own xAPI result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.fields import StreamField
from wagtail.models import Page

from courses import services
from lms.security.redirects import safe_next


def _h5p_block(page, block_id: str):
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for block in getattr(page, field.name):
                if block.block_type == "h5p" and str(block.id) == block_id:
                    return block.value
    return None


def _viewable_page(request, page_id: int):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not all(r.accept_request(request) for r in page.get_view_restrictions()):
        raise Http404
    return page.specific


@login_required
@require_POST
def text_answer(request, page_id: int, block_id: str):
    """Records the answer to an H5P activity's text version, then goes back to where it was given."""
    page = _viewable_page(request, page_id)
    value = _h5p_block(page, block_id)
    question = (value or {}).get("text_question") or {}
    choices = [c for c in (question.get("choices") or []) if c and c.strip()]
    if value is None or value.get("activity") is None or len(choices) < 2 or not question.get("correct"):
        raise Http404
    back = safe_next(request, page.url or "/")
    back = f"{back.split('#', 1)[0]}#h5p-{block_id}-title"
    try:
        answer = int(request.POST.get("answer", ""))
    except ValueError:
        answer = 0
    activity = value["activity"]
    try:
        success = services.record_text_answer(
            actor=request.user,
            activity=activity,
            answer=answer,
            choices=choices,
            correct=question["correct"],
            object_iri=request.build_absolute_uri(reverse("wagtail_lms:h5p_xapi", args=[activity.pk])),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if success:
        messages.success(request, _("Bonne réponse ! Votre résultat est enregistré."))
    else:
        messages.info(
            request, _("Ce n'est pas la bonne réponse. Votre résultat est enregistré ; la bonne réponse est affichée.")
        )
    return redirect(back)
