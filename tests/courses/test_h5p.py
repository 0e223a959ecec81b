"""H5P packages: the validator true to the H5P specification (real-shaped exports accepted, every
problem of a faulty one listed at once), the admin upload going through it, and wagtail-lms's own
page types kept out of our tree."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page
from wagtail_lms.models import CoursePage as LmsCoursePage
from wagtail_lms.models import H5PActivity, H5PLessonPage, SCORMLessonPage

from courses.h5p import build_question_package, svg_problems, validate_h5p_package
from courses.services import create_h5p_activity
from lms.people.models import Role
from tests.courses.h5p_packages import SVG_ICON, real_shaped_files, real_shaped_package, zip_files

pytestmark = pytest.mark.django_db

LIB = "H5P.EpopQuestion-1.0"
HOSTILE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/x?\'+document.cookie)">'
    b"<script>alert(document.cookie)</script></svg>"
)


def package(**kwargs) -> bytes:
    return build_question_package(title="Quiz", question="Vrai ?", answers=["Oui", "Non"], correct=0, **kwargs)


def refusal(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_h5p_package(io.BytesIO(data))
    return caught.value.messages


def test_a_package_built_from_our_library_is_valid():
    manifest = validate_h5p_package(io.BytesIO(package()))
    assert manifest["mainLibrary"] == "H5P.EpopQuestion"
    assert manifest["preloadedDependencies"] == [
        {"machineName": "H5P.EpopQuestion", "majorVersion": 1, "minorVersion": 0}
    ]


@pytest.mark.parametrize("main", ["H5P.EpopQuestion-1.0", "H5P.TrueFalse-1.8", "H5P.DragText-1.10", "H5P.Agamotto-1.5"])
def test_real_shaped_exports_with_their_shared_libraries_are_accepted(main):
    files = real_shaped_files(main)
    # The files that used to make every real package refused are there.
    assert {"FontAwesome-4.5/fontawesome-webfont.svg", "H5P.JoubelUI-1.3/library.json"} <= files.keys() or (
        main == "H5P.Agamotto-1.5" and "H5P.Image-1.1/placeholder.svg" in files
    )
    manifest = validate_h5p_package(io.BytesIO(zip_files(files)))
    assert manifest["mainLibrary"] == main.rsplit("-", 1)[0]


def test_the_drag_the_words_export_keeps_jquery_ui_and_its_diff_file():
    files = real_shaped_files("H5P.DragText-1.10")
    assert "jQuery.ui-1.10/apply-when-upgrading.diff" in files
    assert {"H5P.Question-1.5/images/correct.svg", "H5P.FontIcons-1.0/fonts/h5p.svg"} <= files.keys()
    validate_h5p_package(io.BytesIO(zip_files(files)))


def test_other_formats_of_h5p_cores_default_whitelist_are_accepted():
    extra = {name: b"x" for name in ("content/notes.patch", "content/readme.textile", "content/model.gltf")}
    extra["content/model.glb"] = b"glTF\x02\x00\x00\x00"
    validate_h5p_package(io.BytesIO(real_shaped_package(extra_files=extra)))


def test_a_clean_svg_in_content_is_accepted_and_a_hostile_one_is_refused_by_name():
    validate_h5p_package(io.BytesIO(real_shaped_package(extra_files={"content/images/logo.svg": SVG_ICON})))
    messages = refusal(real_shaped_package(extra_files={"content/images/x.svg": HOSTILE_SVG}))
    assert messages == [
        "Fichier « content/images/x.svg » : cette image SVG contient un gestionnaire d'événement (onload), un "
        "élément <script>, ce qui pourrait exécuter du code. Remplacez-la par une image PNG ou par un SVG "
        "simple (un dessin sans script), puis réexportez le paquet."
    ]


@pytest.mark.parametrize(
    ("svg", "found"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "<foreignobject>"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="https://evil.example/x.png"/></svg>',
            "référence externe (href)",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><path/></a></svg>', "(href)"),
        (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "DOCTYPE"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><style>@import url(https://e.x/a.css);</style></svg>", "style"),
    ],
)
def test_svg_problems_name_what_could_run_or_fetch(svg, found):
    assert found in ", ".join(svg_problems(svg))


def test_an_svg_with_a_script_inside_a_library_folder_is_accepted_as_real_exports_ship_svg_fonts():
    # Served with a sandbox policy (see test_h5p_serving): it cannot run when opened.
    validate_h5p_package(io.BytesIO(real_shaped_package(extra_files={"FontAwesome-4.5/extra.svg": HOSTILE_SVG})))


TITLE_MISSING = (
    "Fichier « H5P.Question-1.5/library.json » : le champ obligatoire « title » manque. Réexportez le contenu "
    "depuis une installation H5P à jour, qui fournit cette bibliothèque complète."
)
MAJOR_MISSING = (
    "Fichier « H5P.JoubelUI-1.3/library.json » : le champ obligatoire « majorVersion » manque. Réexportez le "
    "contenu depuis une installation H5P à jour, qui fournit cette bibliothèque complète."
)
CORE_API_NEWER = (
    "Fichier « jQuery.ui-1.10/library.json » : cette bibliothèque demande le cœur H5P 1.99, le lecteur de la "
    "plateforme fournit le 1.24. Exportez le contenu avec une version plus ancienne de la bibliothèque, ou "
    "demandez une mise à jour du lecteur."
)
LANGUAGE_NOT_JSON = (
    "Fichier « H5P.Question-1.5/language/fr.json » : ce fichier de langue n'est pas un JSON valide. Corrigez-le "
    "ou réexportez le contenu depuis l'outil H5P qui l'a créé."
)
LANGUAGE_BAD_NAME = (
    "Fichier « H5P.JoubelUI-1.3/language/XXX!.json » : ce nom de fichier de langue n'est pas valide (il faut un "
    "code de langue, par exemple « fr.json » ou « pt-br.json »). Renommez-le ou retirez-le du paquet."
)
UNDECLARED = (
    "Dossier « H5P.Orphan-1.0 » : aucune bibliothèque du paquet ne le déclare comme dépendance. Retirez ce "
    "dossier du paquet ou réexportez le contenu depuis l'outil H5P qui l'a créé."
)
ORPHAN = {
    "H5P.Orphan-1.0/library.json": json.dumps(
        {
            "title": "Orphan",
            "machineName": "H5P.Orphan",
            "majorVersion": 1,
            "minorVersion": 0,
            "patchVersion": 0,
            "runnable": 0,
            "preloadedJs": [{"path": "orphan.js"}],
        }
    ).encode(),
    "H5P.Orphan-1.0/orphan.js": b"var H5P = H5P || {};",
}


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"extra_files": {"H5P.Question-1.5/language/fr.json": b"{'semantics': ["}}, [LANGUAGE_NOT_JSON]),
        ({"extra_files": {"H5P.JoubelUI-1.3/language/XXX!.json": b"{}"}}, [LANGUAGE_BAD_NAME]),
        ({"library_changes": {"H5P.Question-1.5": {"title": None}}}, [TITLE_MISSING]),
        (
            {"library_changes": {"jQuery.ui-1.10": {"coreApi": {"majorVersion": 1, "minorVersion": 99}}}},
            [CORE_API_NEWER],
        ),
        ({"extra_files": ORPHAN}, [UNDECLARED]),
        ({"library_changes": {"H5P.JoubelUI-1.3": {"majorVersion": None}}}, [MAJOR_MISSING]),
    ],
)
def test_each_invalid_case_of_the_public_validator_suite_is_refused(kwargs, expected):
    assert refusal(real_shaped_package(**kwargs)) == expected


def test_every_problem_of_a_package_is_listed_at_once():
    messages = refusal(
        real_shaped_package(
            extra_files={
                "H5P.Question-1.5/language/fr.json": b"{'semantics': [",
                "H5P.JoubelUI-1.3/language/XXX!.json": b"{}",
                "content/images/x.svg": HOSTILE_SVG,
                "content/run.php": b"<?php echo 1;",
                "content/tool.swf": b"FWS",
                **ORPHAN,
            },
            library_changes={
                "H5P.Question-1.5": {"title": None},
                "jQuery.ui-1.10": {"coreApi": {"majorVersion": 1, "minorVersion": 99}},
            },
        )
    )
    for expected in (TITLE_MISSING, CORE_API_NEWER, LANGUAGE_NOT_JSON, LANGUAGE_BAD_NAME, UNDECLARED):
        assert expected in messages
    assert any(m.startswith("Fichier « content/images/x.svg » : cette image SVG") for m in messages)
    assert any(m.startswith("Fichier « content/run.php » : le type .php n'est pas accepté") for m in messages)
    assert any(m.startswith("Fichier « content/tool.swf » : le type .swf n'est pas accepté") for m in messages)
    assert len(messages) == 8


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"omit": ("h5p.json",)},
            "Fichier « h5p.json » : il manque à la racine du paquet. Exportez le contenu depuis H5P (« Réutiliser » "
            "puis « Télécharger en fichier .h5p ») plutôt que de compresser un dossier.",
        ),
        (
            {"extra_files": {"h5p.json": b"[1, 2]"}},
            "Fichier « h5p.json » : ce n'est pas un JSON valide. Corrigez-le (un validateur JSON indique la ligne "
            "fautive) ou réexportez le contenu depuis l'outil H5P qui l'a créé.",
        ),
        (
            {"omit": ("content/content.json",)},
            "Fichier « content/content.json » : il manque dans le paquet, qui n'a donc pas de contenu. Réexportez "
            "le contenu depuis l'outil H5P qui l'a créé.",
        ),
        (
            {"manifest_overrides": {"mainLibrary": "H5P.Other"}},
            "Fichier « h5p.json » : la bibliothèque principale « H5P.Other » ne figure pas dans ses dépendances "
            "(preloadedDependencies). Réexportez le contenu depuis l'outil H5P qui l'a créé, ou corrigez ce champ "
            "dans h5p.json.",
        ),
        (
            {"manifest_overrides": {"language": "français!"}},
            "Fichier « h5p.json » : la langue doit être un code comme « fr » ou « fr-FR ». Réexportez le contenu "
            "depuis l'outil H5P qui l'a créé, ou corrigez ce champ dans h5p.json.",
        ),
        (
            {"manifest_overrides": {"embedTypes": ["popup"]}},
            "Fichier « h5p.json » : « embedTypes » doit lister « iframe » et/ou « div ». Réexportez le contenu "
            "depuis l'outil H5P qui l'a créé, ou corrigez ce champ dans h5p.json.",
        ),
        (
            {"omit": (f"{LIB}/scripts/epop-question.js",)},
            f"Fichier « {LIB}/scripts/epop-question.js » : déclaré par {LIB}/library.json (preloadedJs), il est "
            "absent du paquet. Réexportez le contenu depuis une installation H5P à jour, qui fournit cette "
            "bibliothèque complète.",
        ),
        (
            {"omit": (f"{LIB}/library.json", f"{LIB}/scripts/epop-question.js", f"{LIB}/styles/epop-question.css")},
            f"Bibliothèque « {LIB} » : déclarée par h5p.json, elle est absente du paquet. Réexportez le contenu "
            "depuis une installation H5P où cette bibliothèque est installée.",
        ),
        (
            {"extra_files": {"content/page.html": b"<html></html>"}},
            "Le fichier « content/page.html » contient une page web (HTML) : ce format est refusé.",
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
    assert refusal(package(**kwargs)) == [message]


def test_a_library_folder_not_matching_its_declaration_is_refused_by_name():
    messages = refusal(
        package(
            extra_files={
                "H5P.Wrong-2.0/library.json": json.dumps(
                    {
                        "title": "x",
                        "machineName": "H5P.EpopQuestion",
                        "majorVersion": 1,
                        "minorVersion": 0,
                        "patchVersion": 0,
                        "runnable": 1,
                    }
                ).encode()
            }
        )
    )
    assert (
        "Dossier « H5P.Wrong-2.0 » : sa bibliothèque se déclare « H5P.EpopQuestion-1.0 » dans library.json ; le "
        "dossier doit porter ce nom. Réexportez le contenu plutôt que de renommer des dossiers."
    ) in messages


def test_a_file_that_is_not_a_zip_is_refused():
    assert refusal(b"<html>not a package</html>") == ["Le fichier n'est pas une archive ZIP valide."]


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


def test_the_h5p_admin_speaks_french_and_shows_only_what_the_platform_uses(client, make_user, site_tree):
    client.force_login(make_user(Role.ADMINISTRATOR, email="admin@example.fr"))
    html = client.get("/admin/").content.decode()
    sidebar = html.split('id="wagtail-sidebar-props" type="application/json">', 1)[1].split("</script>", 1)[0]
    menu = json.dumps(json.loads(sidebar), ensure_ascii=False)
    assert "Activités interactives" in menu and "Activités H5P" in menu and "Résultats H5P" in menu
    for english in ("SCORM Packages", "Enrollments", "SCORM Attempts", "H5P Lesson Completions", "H5P Activities"):
        assert english not in menu
    form = client.get("/admin/snippets/wagtail_lms/h5pactivity/add/").content.decode()
    for label in ("Titre", "Description", "Paquet H5P (.h5p)", "selon la spécification H5P"):
        assert label in form
    assert ">Package file<" not in form and ">Title<" not in form
