"""A bounded fuzz of every form of the project: each form found on the pages of the URL × role table
(tests/security/url_permissions.py) is posted with every field set to one hostile value (NUL byte, huge
numbers, NaN, far dates, very long strings, HTML). No answer is a 500, and no row is created."""

import re
from html import unescape

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from lms.people.models import AuditLogEntry
from tests.security.test_url_permissions import NAMED, client_for, url_of, world  # noqa: F401 - fixtures
from tests.security.url_permissions import URL_PERMISSIONS

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "a\x00b",
    "huge": "99999999999999999999",
    "exponent": "1e20",
    "nan": "NaN",
    "negative": "-1",
    "year_one": "0001-01-01",
    "year_9999": "9999-12-31",
    "long": "é" * 20000,
    "html": '<script>alert(1)</script><img src=x onerror="alert(2)">',
}
# Values no form may accept anywhere (HTML and long text may be legitimate free text).
NEVER_SAVED = {"nul", "huge", "exponent", "nan", "year_one", "year_9999"}
SKIPPED = {"login", "set_language", "logout", "wagtailcore_login"}  # Django's own, throttled elsewhere
# The display preferences (text size, contrast) fall back to the defaults for an unknown choice, by design.
LENIENT_ACTIONS = {"/accessibilite/affichage/"}

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
FIELD = re.compile(r"<(input|select|textarea|button)\b([^>]*)>", re.I)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def forms_of(html: str):
    for attributes, body in FORM.findall(html):
        attrs = dict(ATTRIBUTE.findall(attributes))
        if attrs.get("method", "get").lower() != "post":
            continue
        fields, fixed, buttons, typed = [], {}, [], False
        for tag, raw in FIELD.findall(body):
            field = dict(ATTRIBUTE.findall(raw))
            name = field.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = field.get("type", "").lower()
            if tag.lower() == "button" or kind == "submit":
                buttons.append((name, unescape(field.get("value", ""))))
            elif kind == "hidden":
                fixed[name] = unescape(field.get("value", ""))
            elif kind not in ("file", "checkbox"):  # an unchecked box is sent as nothing at all
                fields.append(name)
                typed = typed or tag.lower() == "select" or kind in ("date", "number", "email", "time", "radio")
        yield unescape(attrs.get("action", "")), fields, fixed, buttons or [(None, None)], typed


def row_counts() -> dict:
    models = [
        model
        for model in apps.get_models()
        if model.__module__.startswith(("lms.", "accessibility.", "courses."))
        and not model._meta.proxy
        and model._meta.label != "security.ThrottleCounter"
    ]
    counts = {model._meta.label: model._default_manager.count() for model in models}
    # A refused form shows its record again, and reading personal data is audited: that read is
    # recorded, not the form's input. Audited writes, deletions and exports still count.
    counts["people.AuditLogEntry"] = AuditLogEntry.objects.exclude(action=AuditLogEntry.Action.READ).count()
    return counts


def role_for(rule) -> str | None:
    for role in ("admin", "regional", "org_staff", "trainer", "trainee", "anonymous"):
        if role in rule.allowed:
            return role
    return None


def test_every_form_refuses_hostile_values_without_a_500_and_saves_nothing(world, client_for):  # noqa: F811
    problems, posted, seen = [], 0, set()
    for route in NAMED:
        rule = URL_PERMISSIONS[route.key]
        role = role_for(rule)
        if route.key in SKIPPED or role is None or rule.method != "GET" or route.key.startswith("wagtail"):
            continue
        url = url_of(route, rule, world)
        client: Client = client_for(role)
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        for action, fields, fixed, buttons, typed in forms_of(page.content.decode()):
            signature = (action or url, tuple(sorted(fields)), tuple(buttons))
            if not fields or signature in seen:
                continue
            seen.add(signature)
            for button_name, button_value in buttons:
                for label, value in HOSTILE.items():
                    data = {**fixed, **dict.fromkeys(fields, value)}
                    if button_name:
                        data[button_name] = button_value
                    target = action or url
                    with transaction.atomic():
                        before = row_counts()
                        try:
                            response = client.post(target, data)
                        except Exception as error:  # noqa: BLE001 - the test client re-raises a view's error
                            problems.append(f"{target} [{button_value}] {label}: {type(error).__name__}: {error}")
                            transaction.set_rollback(True)
                            continue
                        posted += 1
                        after = row_counts()
                        transaction.set_rollback(True)
                    if response.status_code >= 500:
                        problems.append(f"{target} [{button_value}] {label}: {response.status_code}")
                    # A form of free text only may keep "1e20" as text; a NUL byte is refused everywhere.
                    must_refuse = label == "nul" or (typed and label in NEVER_SAVED)
                    if must_refuse and target not in LENIENT_ACTIONS:
                        created = {name: after[name] - before[name] for name in after if after[name] > before[name]}
                        if created:
                            problems.append(f"{target} [{button_value}] {label}: saved {created}")
                    if response.status_code == 200 and must_refuse and target not in LENIENT_ACTIONS:
                        body = response.content.decode()
                        if "Le formulaire contient des erreurs" not in body and 'role="alert"' not in body:
                            problems.append(f"{target} [{button_value}] {label}: no French error shown")
    assert posted > 50, posted
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
