"""H5P packages: every refusal of the validator, the admin upload going through it, and wagtail-lms's
own page types kept out of our tree."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page
from wagtail_lms.models import CoursePage as LmsCoursePage
from wagtail_lms.models import H5PActivity, H5PLessonPage, SCORMLessonPage

from courses.h5p import build_question_package, validate_h5p_package
from courses.services import create_h5p_activity
from lms.people.models import Role

pytestmark = pytest.mark.django_db

LIB = "H5P.EpopQuestion-1.0"


def package(**kwargs) -> bytes:
    return build_question_package(title="Quiz", question="Vrai ?", answers=["Oui", "Non"], correct=0, **kwargs)


def refusal(data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_h5p_package(io.BytesIO(data))
    return caught.value


def test_a_package_built_from_our_library_is_valid():
    manifest = validate_h5p_package(io.BytesIO(package()))
    assert manifest["mainLibrary"] == "H5P.EpopQuestion"
    assert manifest["preloadedDependencies"] == [
        {"machineName": "H5P.EpopQuestion", "majorVersion": 1, "minorVersion": 0}
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"omit": ("h5p.json",)}, "Le paquet H5P doit contenir le fichier h5p.json à sa racine."),
        ({"extra_files": {"h5p.json": b"{not json"}}, "Le fichier h5p.json n'est pas un JSON valide."),
        ({"extra_files": {"h5p.json": b"[1, 2]"}}, "Le fichier h5p.json n'est pas un JSON valide."),
        (
            {"extra_files": {"h5p.json": json.dumps({"title": "x"}).encode()}},
            "Le fichier h5p.json est incomplet : le champ « mainLibrary » manque.",
        ),
        ({"omit": ("content/content.json",)}, "Le paquet H5P doit contenir le fichier content/content.json."),
        (
            {"extra_files": {"content/content.json": b"\xff\xfe"}},
            "Le fichier content/content.json n'est pas un JSON valide.",
        ),
        (
            {"manifest_overrides": {"mainLibrary": "H5P.Other"}},
            "La bibliothèque principale « H5P.Other » ne figure pas dans les dépendances de h5p.json.",
        ),
        (
            {"manifest_overrides": {"preloadedDependencies": [{"machineName": "H5P.EpopQuestion"}]}},
            "Les dépendances déclarées par « h5p.json » sont mal formées.",
        ),
        (
            {"omit": (f"{LIB}/library.json",)},
            f"Le dossier de bibliothèque « {LIB} » ne contient pas de library.json.",
        ),
        (
            {
                "extra_files": {
                    "H5P.Wrong-2.0/library.json": json.dumps(
                        {"machineName": "H5P.EpopQuestion", "majorVersion": 1, "minorVersion": 0}
                    ).encode()
                }
            },
            "Le dossier de bibliothèque « H5P.Wrong-2.0 » ne correspond pas à sa déclaration (H5P.EpopQuestion-1.0).",
        ),
        (
            {"omit": (f"{LIB}/scripts/epop-question.js",)},
            f"Le fichier « {LIB}/scripts/epop-question.js » déclaré par la bibliothèque « {LIB} » "
            "est absent du paquet.",
        ),
        (
            {"omit": (f"{LIB}/library.json", f"{LIB}/scripts/epop-question.js", f"{LIB}/styles/epop-question.css")},
            "La bibliothèque « H5P.EpopQuestion-1.0 » déclarée dans le paquet en est absente.",
        ),
        (
            {"extra_files": {"content/images/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}},
            "Le fichier « content/images/logo.svg » est une image SVG : "
            "ce format est refusé car il peut contenir du code.",
        ),
        (
            {"extra_files": {"content/shell.php": b"<?php system($_GET['c']);"}},
            "Le fichier « content/shell.php » a un type non autorisé (.php).",
        ),
        (
            {"extra_files": {"content/page.html": b"<html></html>"}},
            "Le fichier « content/page.html » a un type non autorisé (.html).",
        ),
        (
            {"extra_files": {"../../outside.json": b"{}"}},
            "L'archive contient un chemin dangereux : « ../../outside.json ».",
        ),
        (
            {"extra_files": {"content/more.h5p": b"PK\x03\x04"}},
            "L'archive contient une autre archive : « content/more.h5p ». Les archives imbriquées sont refusées.",
        ),
    ],
)
def test_each_faulty_package_is_refused_with_a_french_message(kwargs, message):
    assert refusal(package(**kwargs)).messages == [message]


def test_a_file_that_is_not_a_zip_is_refused():
    assert refusal(b"<html>not a package</html>").messages == ["Le fichier n'est pas une archive ZIP valide."]


def test_create_h5p_activity_validates_then_lets_wagtail_lms_extract_the_package():
    activity = create_h5p_activity(title="Quiz", package=package(), filename="Mon quiz (v1).h5p")
    assert activity.main_library == "H5P.EpopQuestion"
    assert activity.package_file.name.endswith("Mon-quiz-v1.h5p")
    assert activity.get_content_base_url().startswith("/lms/h5p-content/h5p_")
    with pytest.raises(ValidationError):
        create_h5p_activity(title="Mauvais", package=package(omit=("h5p.json",)), filename="x.h5p")
    assert H5PActivity.objects.count() == 1


def upload_form(title: str, data: bytes) -> dict:
    return {"title": title, "description": "", "package_file": SimpleUploadedFile("quiz.h5p", data)}


def test_the_admin_refuses_an_unsafe_package_next_to_the_field_and_accepts_a_valid_one(client, make_user):
    admin = make_user(Role.ADMINISTRATOR, email="admin@example.fr")
    client.force_login(admin)
    url = "/admin/snippets/wagtail_lms/h5pactivity/add/"
    response = client.post(url, upload_form("Piégé", package(extra_files={"../evil.json": b"{}"})))
    assert response.status_code == 200
    assert "L&#x27;archive contient un chemin dangereux : « ../evil.json »." in response.content.decode()
    assert not H5PActivity.objects.exists()

    response = client.post(url, upload_form("Quiz valide", package()))
    assert response.status_code == 302
    activity = H5PActivity.objects.get()
    assert (activity.title, activity.main_library) == ("Quiz valide", "H5P.EpopQuestion")


def test_wagtail_lms_page_types_cannot_be_created_in_our_tree(site_tree):
    root = Page.get_first_root_node()
    for page_type in (LmsCoursePage, H5PLessonPage, SCORMLessonPage):
        assert not page_type.can_create_at(root)
        assert not page_type.can_create_at(site_tree["home"])
    allowed = {model.__name__ for model in site_tree["peer_interveners"].specific_class.creatable_subpage_models()}
    assert allowed == {"SessionPage"}
