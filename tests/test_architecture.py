"""Dependencies between the platform's apps point one way, and no import hides inside a function to
dodge a cycle. Every module of the platform is parsed with `ast`; nothing is imported or run.

The layers are the order the code truly depends on (docs/architecture.md explains each). An app may
import its own modules, the shared infrastructure and the apps of lower layers, never an app of its
own layer or of a higher one. Cross-app effects going up go through lms/events.py, and a higher app's
links and panels on a lower app's pages through lms/contributions.py.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("lms", "courses", "accessibility")

# Shared infrastructure under lms/: it imports no app and every app may import it.
INFRASTRUCTURE = {
    "bounds",
    "contributions",
    "errors",
    "events",
    "formats",
    "forms",
    "pdf_fonts",
    "schedules",
    "private_files",
    "security",
    "uploads",
}
# The project's wiring (root URLconf, settings, servers): it sits above everything.
WIRING = {"urls", "settings", "asgi", "wsgi"}

# Lowest first. Apps on one line share a layer and do not import each other.
LAYERS = [
    {"people"},  # persons, roles, organisations, audit, privacy registry
    {"courses"},  # the curriculum (Wagtail pages)
    {"cohorts"},  # groups, selection, enrolment, scheduled sessions, convocations
    # Needs and arrangement plans hang on enrolments and sessions (a foreign key to
    # cohorts.ScheduledSession), so accessibility sits above cohorts until they move to their own
    # app (docs/architecture.md, "What is left"); its display preferences, statement and content
    # checks import nothing above courses.
    {"accessibility"},
    {"learning"},  # intersession work, objectives
    {"attendance"},  # sheets, signatures, catch-up; shows the next session's arrangements
    {"certificates"},  # reads attended hours and remaining work
    {"staff", "followup", "surveys", "tenders"},  # workspaces and apps built on all of delivery
    {"directory", "interventions"},  # the public directory and partners' requests, built on follow-up
    {"reporting"},  # tracking across groups: reads every app below, imported by none
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

# Function-level imports allowed, by (module, function). AppConfig.ready() is allowed by rule
# (below): Django imports apps.py before the models exist, so an app registers its subscribers,
# privacy handlers and contributions by importing them there.
FUNCTION_IMPORTS_ALLOWED: set[tuple[str, str]] = {
    # Wagtail renders a page through its model's get_context() (and a block's), while the page's
    # reads live in courses.selectors, which imports the models: within the one app, the selectors
    # are imported when the page renders. Removing it means moving those reads into the models
    # package (docs/architecture.md, "What is left"); no other app is involved.
    ("courses.models.pages", "get_context"),
    ("courses.blocks", "get_context"),
}


def app_of(module: str) -> str | None:
    """The app (or infrastructure/wiring name) a dotted module belongs to; None outside the platform."""
    parts = module.split(".")
    if parts[0] in ("courses", "accessibility"):
        return parts[0]
    if parts[0] == "lms" and len(parts) > 1:
        return parts[1]
    return None


def platform_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            yield module, path


def imports_of(tree: ast.AST):
    """(imported module names, enclosing function or None, line) for every import statement."""

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(child, function or child.name)
            elif isinstance(child, ast.ClassDef):
                yield from visit(child, function)
            elif isinstance(child, ast.Import):
                yield [alias.name for alias in child.names], function, child.lineno
            elif isinstance(child, ast.ImportFrom):
                if child.level or not child.module:
                    yield [], function, child.lineno  # relative imports are not used here
                else:
                    yield [child.module] + [f"{child.module}.{a.name}" for a in child.names], function, child.lineno
            else:
                yield from visit(child, function)

    yield from visit(tree, None)


def _imported_apps(names: list[str]) -> set[str]:
    if not names:
        return set()
    head = app_of(names[0])
    if head is not None:
        return {head}
    if names[0] == "lms":  # `from lms import events, forms`
        return {app for app in map(app_of, names[1:]) if app is not None}
    return set()


def upward_imports() -> list[str]:
    found = []
    for module, path in platform_modules():
        source = app_of(module)
        if source in WIRING or source is None:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for names, _function, line in imports_of(tree):
            for target in _imported_apps(names):
                if target == source or target in INFRASTRUCTURE:
                    continue
                where = f"{path.relative_to(ROOT)}:{line} imports {names[0]}"
                if source in INFRASTRUCTURE:
                    found.append(f"{where} (infrastructure imports no app)")
                elif target in WIRING:
                    found.append(f"{where} (the project's wiring is imported by nobody)")
                elif target not in RANK or source not in RANK:
                    found.append(f"{where} (an app missing from LAYERS: add it)")
                elif RANK[target] >= RANK[source]:
                    found.append(f"{where} ({source} may not import {target})")
    return found


def function_level_imports() -> list[str]:
    found = []
    for module, path in platform_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for names, function, line in imports_of(tree):
            if function is None or not names:
                continue
            if not (app_of(names[0]) or names[0] in PACKAGES):
                continue
            if path.name == "apps.py" and function == "ready":
                continue
            if (module, function) in FUNCTION_IMPORTS_ALLOWED:
                continue
            found.append(f"{path.relative_to(ROOT)}:{line} imports {names[0]} inside {function}()")
    return found


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in (ROOT / "lms").glob("*/apps.py")} | {"courses", "accessibility"}
    assert apps - INFRASTRUCTURE - set(RANK) == set()


def test_no_app_imports_an_app_of_its_layer_or_above():
    assert upward_imports() == []


def test_no_platform_import_inside_a_function():
    assert function_level_imports() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from lms.staff.permissions import x", "people may not import staff"),
        ("def f():\n    from lms.cohorts.models import Enrolment\n", "inside f()"),
    ],
)
def test_the_checks_bite(tmp_path, monkeypatch, source, expected):
    """A module of the bottom app importing the top one, or importing inside a function, is reported."""
    fake = tmp_path / "lms" / "people"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text(source)
    monkeypatch.setattr("tests.test_architecture.platform_modules", lambda: iter([("lms.people.bad", fake / "bad.py")]))
    monkeypatch.setattr("tests.test_architecture.ROOT", tmp_path)
    reported = upward_imports() + function_level_imports()
    assert any(expected in line for line in reported), reported


def test_no_model_signal_carries_a_domain_effect():
    """Cross-app effects go through lms/events.py, published by services; model signals (save, delete,
    many-to-many changes) are not used. Django's auth and migration signals and Wagtail's
    page_published are not model signals and stay allowed."""
    model_signals = {"pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed", "pre_init", "post_init"}
    found = []
    for _module, path in platform_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for names, _function, line in imports_of(tree):
            if (
                names
                and names[0] == "django.db.models.signals"
                and {n.rsplit(".", 1)[-1] for n in names} & model_signals
            ):
                found.append(f"{path.relative_to(ROOT)}:{line}")
    assert found == []
