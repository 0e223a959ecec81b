"""Makes the display preferences available to every template as `display_prefs`, and the statement's
compliance status (for the footer) as `accessibility_status`, read only when a template uses it."""

from django.utils.functional import SimpleLazyObject

from accessibility.selectors import display_prefs_for, statement_status_label


def display_preferences(request):
    return {
        "display_prefs": display_prefs_for(request),
        "accessibility_status": SimpleLazyObject(statement_status_label),
    }
