"""Machinery of the URL × role test: walks every URL pattern of the project, builds a URL for each
from fixtures, requests it as each role and compares the outcome with the permission table
(tests/security/url_permissions.py)."""

import re
import uuid
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

ROLES = [
    "anonymous",
    "trainee",
    "other_trainee",
    "trainer",
    "peer_trainer",
    "regional",
    "other_region",
    "org_staff",
    "national",
    "admin",
    # Cross-scope roles (issue 14): each has reached `trainee` only through a row that gives no right.
    "other_org_staff",  # staff of `other_group`'s organisation, where the trainee's place was withdrawn
    "other_trainer",  # trainer of `waiting_group`, where the trainee is on the waiting list
    "funder",  # funder of `group`'s region (issue 20): aggregates only, no record, no name
]


@dataclass(frozen=True)
class Route:
    """One URL pattern of the project: its full route text and its (namespaced) name."""

    route: str
    name: str | None
    pattern: object

    @property
    def key(self) -> str:
        return self.name or self.route


def walk(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            routes.extend(walk(pattern.url_patterns, prefix + str(pattern.pattern), inner))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            routes.append(Route(prefix + str(pattern.pattern), name, pattern))
    return routes


SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": str(uuid.UUID(int=1))}


def sample_path(route: str) -> str | None:
    """A path matching `route` with placeholder values (for prefix rules, where no object exists)."""
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "x"), route)
    # Regex routes (Wagtail): strip anchors, replace each group by a value most groups accept.
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    path = re.sub(r"\((?:\?P<\w+>|\?:)?[^()]*(?:\([^()]*\)[^()]*)*\)[?*]?", "1", path)
    path = path.replace("\\", "")
    url = "/" + path
    try:
        resolve(url)
    except Resolver404:
        return None
    return url


@dataclass
class Rule:
    """Who may reach a URL. `allowed`: roles that must get through; every other role must be refused
    (401/403/404, or a redirect to a login page). `kwargs(world)` builds the URL's arguments from
    fixtures; `method` is the HTTP method to use (POST for actions; data is empty unless `data`)."""

    allowed: frozenset
    kwargs: object = None
    method: str = "GET"
    data: dict = field(default_factory=dict)
    args: object = None
    note: str = ""


def outcome(response) -> str:
    """'allowed' or 'refused', from what the response says."""
    if response.status_code in (401, 403, 404):
        return "refused"
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        if "/connexion/" in location or "/login/" in location:
            return "refused"
    if response.status_code == 405:
        return "wrong method"
    return "allowed"


def check(client_for, url: str, rule: Rule) -> list[str]:
    """Requests `url` as each role; returns the violations as readable lines."""
    violations = []
    # Refused roles first: an allowed role's POST may change the world (e.g. an erasure).
    for role in sorted(ROLES, key=lambda r: r in rule.allowed):
        client = client_for(role)
        send = client.post if rule.method == "POST" else client.get
        response = send(url, rule.data)
        got = outcome(response)
        expected = "allowed" if role in rule.allowed else "refused"
        if got != expected:
            violations.append(f"{rule.method} {url} as {role}: expected {expected}, got {got} ({response.status_code})")
    return violations
