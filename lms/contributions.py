"""Where a higher app adds to a page a lower app owns: a main-menu link, a footer link (seen by
everyone, signed in or not), or a panel on "Mon espace" or on the staff start page. Contributions
are registered in AppConfig.ready(), the same shape as the events
registry, so the page's own app never imports the app that contributes."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

# The places a panel can go.
TRAINEE_HOME = "trainee_home"  # "Mon espace", below the next session
STAFF_HOME = "staff_home"  # the groups overview where regional, organisation and national staff land
LED_SESSIONS = "led_sessions"  # "Mes séances", the sessions a trainer or peer trainer leads
# The place of a link that is not in the main menu.
FOOTER = "footer"  # the footer of every page, anonymous visitors included


@dataclass(frozen=True)
class MenuLink:
    """A main-menu entry: `visible(user)` decides who sees it; `label` is a lazy translation."""

    key: str
    label: str
    url_name: str
    visible: Callable
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A section of a page: `context(request)` returns the template's context, or None to show nothing."""

    key: str
    place: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_menu_links: dict[str, MenuLink] = {}
_footer_links: dict[str, MenuLink] = {}
_panels: dict[str, Panel] = {}


def register_menu_link(*, key: str, label: str, url_name: str, visible: Callable, order: int = 100) -> None:
    """Adds (or replaces, by key) a main-menu link."""
    _menu_links[key] = MenuLink(key=key, label=label, url_name=url_name, visible=visible, order=order)


def register_footer_link(
    *, key: str, label: str, url_name: str, visible: Callable | None = None, order: int = 100
) -> None:
    """Adds (or replaces, by key) a footer link; without `visible`, everyone (anonymous too) sees it."""
    _footer_links[key] = MenuLink(
        key=key, label=label, url_name=url_name, visible=visible or (lambda user: True), order=order
    )


def register_panel(
    *, key: str, place: str, template: str, context: Callable[[HttpRequest], dict | None], order: int = 100
) -> None:
    """Adds (or replaces, by key) a panel at `place`."""
    _panels[key] = Panel(key=key, place=place, template=template, context=context, order=order)


def menu_links_for(user) -> list[MenuLink]:
    """The contributed links `user` may see, in order."""
    if user is None or not user.is_authenticated:
        return []
    ordered = sorted(_menu_links.values(), key=lambda link: (link.order, link.key))
    return [link for link in ordered if link.visible(user)]


def footer_links_for(user) -> list[MenuLink]:
    """The contributed footer links `user` (possibly anonymous) may see, in order."""
    ordered = sorted(_footer_links.values(), key=lambda link: (link.order, link.key))
    return [link for link in ordered if link.visible(user)]


def panels_for(*, place: str, request: HttpRequest) -> list[tuple[str, dict]]:
    """(template, context) of each panel at `place` that has something to show, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda panel: (panel.order, panel.key)):
        if panel.place != place:
            continue
        context = panel.context(request)
        if context is not None:
            shown.append((panel.template, context))
    return shown
