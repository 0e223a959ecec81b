"""Forms of the sessions' lifecycle pages: edit, move, cancel. The services check every rule."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import SessionPage
from lms.cohorts.forms import SessionForm
from lms.cohorts.models import ScheduledSession
from lms.cohorts.services_sessions import EDIT_FIELDS, MOVE_FIELDS
from lms.forms import AccessibleFormMixin

REASON_HELP = _("Facultatif : il est écrit dans l'e-mail envoyé aux stagiaires et aux animateurs.")


class SessionEditForm(SessionForm):
    """Every information of a planned session (its groups do not change)."""

    fields_kept = EDIT_FIELDS

    reason = forms.CharField(
        label=_("Motif du changement"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=REASON_HELP
    )

    def __init__(self, *args, group, session: ScheduledSession, **kwargs):
        initial = {name: getattr(session, name) for name in EDIT_FIELDS}
        super().__init__(*args, group=group, initial=initial, **kwargs)
        for name in list(self.fields):
            if name not in (*self.fields_kept, "reason"):
                del self.fields[name]
        if "session_page" in self.fields:
            # A joint session keeps a joint page; the current page stays selectable in any case.
            queryset = self.fields["session_page"].queryset
            self.fields["session_page"].queryset = (
                queryset | SessionPage.objects.filter(pk=session.session_page_id)
            ).order_by("path")

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields_kept if name in self.cleaned_data}


class SessionMoveForm(SessionEditForm):
    """When and where: a new date, new times or another venue."""

    fields_kept = MOVE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].help_text = _("Les séances d'un groupe ne peuvent pas avoir lieu des jours qui se suivent.")


class SessionCancelForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire : il est écrit dans l'e-mail envoyé aux stagiaires et aux animateurs."),
        error_messages={"required": _("Indiquez le motif de l'annulation : il est communiqué aux stagiaires.")},
    )


class SessionDeleteForm(AccessibleFormMixin, forms.Form):
    """Confirming the deletion of a session scheduled by mistake (the service says whether it may go)."""
