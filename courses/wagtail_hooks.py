"""The admin menu of wagtail-lms, reduced to what the platform uses and in French: its H5P
activities and results. SCORM packages, course enrolments and lesson completions belong to
wagtail-lms's own course pages, which our tree does not use."""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

# wagtail-lms's admin URLs (ModelViewSet prefixes) that stay, with their French label.
KEPT_LMS_ITEMS = {
    "/admin/h5pactivity/": _("Activités H5P"),
    "/admin/h5pattempt/": _("Résultats H5P"),
}


@hooks.register("construct_main_menu")
def french_h5p_menu(request, menu_items):
    for index, item in enumerate(menu_items):
        if getattr(item, "name", "") != "lms" or not isinstance(item, SubmenuMenuItem):
            continue
        kept = []
        for child in item.menu.menu_items_for_request(request):
            label = next((label for prefix, label in KEPT_LMS_ITEMS.items() if child.url.startswith(prefix)), None)
            if label is not None:
                child = copy.copy(child)
                child.label = label
                kept.append(child)
        if kept:
            menu_items[index] = SubmenuMenuItem(
                _("Activités interactives"), Menu(items=kept), name="lms", icon_name=item.icon_name, order=item.order
            )
        else:
            del menu_items[index]
        return
