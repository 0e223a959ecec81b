"""Makes the display preferences available to every template as `display_prefs`."""

from accessibility.selectors import display_prefs_for


def display_preferences(request):
    return {"display_prefs": display_prefs_for(request)}
