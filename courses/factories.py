"""Builders of curriculum data for tests and seed_demo: the kit's objectives, the page tree (home,
index, courses, sessions), H5P activities built from our own library, and captioned videos.

    course = CoursePageFactory(audience=Audience.REFERENTS)
    session = SessionPageFactory(parent=course, objectives=["C1", "RP1"])
    LearningObjectiveFactory(code="X1")   # or kit_objectives() for the kit's 18
"""

from decimal import Decimal
from pathlib import Path

import factory
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, Locale, Page, Site

from courses.h5p import build_question_package
from courses.models import (
    Audience,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LearningObjective,
    ObjectiveScope,
    SessionPage,
)
from courses.services import create_h5p_activity, ensure_kit_objectives

DEMO_ASSETS = Path(__file__).resolve().parent / "demo_assets"


class LearningObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningObjective
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"X{n}")
    scope = ObjectiveScope.COMMON
    wording = factory.Sequence(lambda n: f"Objectif de test numéro {n}")
    easy_read_wording = factory.Sequence(lambda n: f"Objectif {n} en facile à lire.")
    sort_order = factory.Sequence(lambda n: 100 + n)


def kit_objectives() -> list[LearningObjective]:
    """The kit's 17 objectives and the transversal one (idempotent)."""

    return ensure_kit_objectives()


def home_page() -> HomePage:
    """The home page, created as the default site's root when missing."""
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Former à l'intervention par les pairs", slug="accueil"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "EPoP formations"},
        )
    return home


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=CourseIndexPage(title="Les formations", slug="formations"))
    return index


class _PageFactory(factory.Factory):
    """Creates a Wagtail page under `parent` (a factory argument, default given by _default_parent)."""

    class Meta:
        abstract = True

    @classmethod
    def _default_parent(cls):
        raise NotImplementedError

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or cls._default_parent()
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        return page


COURSE_DEFAULTS = {
    Audience.PEER_INTERVENERS: {
        "title": "Formation des intervenants-pairs",
        "slug": "intervenants-pairs",
        "max_group_size": 8,
        "max_hours_per_session": Decimal("6"),
        "prefers_half_days": True,
    },
    Audience.REFERENTS: {
        "title": "Formation des référents de l'intervention par les pairs",
        "slug": "referents",
        "max_group_size": 15,
        "max_hours_per_session": None,
        "prefers_half_days": False,
    },
}


class CoursePageFactory(_PageFactory):
    """A course for `audience` with the kit's rules; returns the existing one for that audience."""

    class Meta:
        model = CoursePage

    audience = Audience.PEER_INTERVENERS
    summary = "Une formation d'environ 35 heures."

    @classmethod
    def _default_parent(cls):
        return course_index()

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        existing = CoursePage.objects.filter(audience=kwargs["audience"]).first()
        if existing:
            return existing
        for key, value in COURSE_DEFAULTS[kwargs["audience"]].items():
            kwargs.setdefault(key, value)
        return super()._create(model_class, *args, parent=parent, **kwargs)


class SessionPageFactory(_PageFactory):
    """A session of a course; `objectives` accepts LearningObjective objects or kit codes."""

    class Meta:
        model = SessionPage

    title = factory.Sequence(lambda n: f"Séance {n}")
    slug = factory.Sequence(lambda n: f"seance-{n}")
    summary = "Ce que l'on fait pendant la séance."

    @classmethod
    def _default_parent(cls):
        return CoursePageFactory()

    @classmethod
    def _create(cls, model_class, *args, parent=None, objectives=(), **kwargs):
        parent = parent or cls._default_parent()
        page = model_class(**kwargs)
        codes = [o for o in objectives if isinstance(o, str)]
        found = list(LearningObjective.objects.filter(code__in=codes)) if codes else []
        page.objectives = [o for o in objectives if not isinstance(o, str)] + found
        parent.add_child(instance=page)
        return page


def h5p_activity(title: str = "Quiz : le savoir expérientiel", **question):
    """A validated H5PActivity built from our H5P.EpopQuestion library."""

    question = {
        "question": "Qu'est-ce qu'un savoir expérientiel rare ?",
        "answers": [
            "Un savoir appris dans les livres",
            "Un savoir construit en vivant une expérience peu commune",
            "Un diplôme",
        ],
        "correct": 1,
        **question,
    }
    package = build_question_package(title=title, **question)
    return create_h5p_activity(title=title, package=package, filename="quiz-savoir-experientiel.h5p")


def ensure_root_collection() -> Collection:
    """Wagtail's root collection, which documents need; transactional tests flush it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def demo_document(filename: str, title: str) -> Document:
    """A Wagtail document holding one of courses/demo_assets (reused when it exists)."""
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    ensure_root_collection()
    document = Document(title=title)
    document.file.save(filename, ContentFile((DEMO_ASSETS / filename).read_bytes()), save=False)
    document.save()
    return document


def document_from_bytes(title: str, filename: str, data: bytes) -> Document:
    """A Wagtail document with the given content (tests: captions, faulty files)."""
    ensure_root_collection()
    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def video_block_value(**overrides) -> dict:
    """The raw value of a complete video block using the demo video, captions and LSF video."""
    value = {
        "title": "Le savoir expérientiel en une minute",
        "video": demo_document("savoir-experientiel.webm", "Vidéo : le savoir expérientiel").pk,
        "video_url": "",
        "captions": demo_document("savoir-experientiel.vtt", "Sous-titres : le savoir expérientiel").pk,
        "transcript": "<p>Vivre avec un handicap apprend des choses que peu de personnes savent.</p>",
        "lsf_video": demo_document("savoir-experientiel-lsf.webm", "LSF : le savoir expérientiel").pk,
        "audio_description": None,
    }
    value.update(overrides)
    return value
