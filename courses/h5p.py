"""H5P packages: validation of an uploaded .h5p before wagtail-lms extracts it, true to the H5P
specification (https://h5p.org/documentation/developers/h5p-specification), and a builder of
packages from our own library (H5P.EpopQuestion) used by the tests and the demo.

The archive's safety (lms.uploads.open_safe_zip: paths, sizes, links, nested archives, content
matching its type) is checked first and stops at the first danger: such an archive is not read
further. Everything else is examined in full and every problem is reported at once, each naming the
file it concerns and what the editor can do."""

import io
import json
import posixpath
import re
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.uploads import MB, ZipLimits, file_extension, open_safe_zip

# H5P core's default whitelist (H5PCore "h5p_whitelist"), without Flash (swf) and the macro-capable
# office formats (doc, xls, ppt). SVG is handled apart: accepted in library folders (webfonts,
# icons), checked inside content/ (see svg_problems). Library folders may also hold js and css.
H5P_ALLOWED_EXTENSIONS = frozenset(
    {
        "json",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "tif",
        "tiff",
        "webp",
        "eot",
        "ttf",
        "woff",
        "woff2",
        "otf",
        "webm",
        "mp4",
        "ogg",
        "oga",
        "ogv",
        "mp3",
        "m4a",
        "wav",
        "txt",
        "pdf",
        "rtf",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "xml",
        "csv",
        "diff",
        "patch",
        "md",
        "textile",
        "vtt",
        "webvtt",
        "gltf",
        "glb",
    }
)
H5P_LIBRARY_EXTENSIONS = H5P_ALLOWED_EXTENSIONS | {"js", "css", "svg"}
H5P_LIMITS = ZipLimits(
    max_archive_bytes=50 * MB,
    max_total_bytes=150 * MB,
    max_members=2000,
    max_ratio=100,
    # Types are checked here, by folder, so that every refused file is listed at once.
    allowed_extensions=frozenset(),
    allow_svg=True,
)
# The H5P core API of the player wagtail-lms ships (h5p-standalone 3.x carries H5P core 1.24):
# a library asking for a newer core would not run.
PLAYER_CORE_API = (1, 24)
LIBRARY_ROOT = Path(__file__).resolve().parent / "h5p_library"
EPOP_QUESTION = {"machineName": "H5P.EpopQuestion", "majorVersion": 1, "minorVersion": 0}

# Formats of the specification (H5PValidator in h5p-php-library).
MACHINE_NAME = re.compile(r"^[\w\-.]{1,255}$")
VERSION_NUMBER = re.compile(r"^[0-9]{1,5}$")
LANGUAGE_CODE = re.compile(r"^[-a-zA-Z]{1,10}$")
LANGUAGE_FILE = re.compile(r"^(-?[a-z]+){1,7}\.json$", re.IGNORECASE)
EMBED_TYPES = {"iframe", "div"}
DEPENDENCY_KEYS = ("preloadedDependencies", "dynamicDependencies", "editorDependencies")

# SVG inside content/: what could run or fetch when the image is opened as a document.
SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SVG_LINK_ATTRIBUTES = {"href", "src", "action", "formaction"}


def library_folder(dependency: dict) -> str:
    """The folder name H5P expects for a library: "H5P.Name-1.0"."""
    return f"{dependency['machineName']}-{dependency['majorVersion']}.{dependency['minorVersion']}"


def _is_version(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99999) or (
        isinstance(value, str) and bool(VERSION_NUMBER.match(value))
    )


def _ignored(name: str) -> bool:
    """Files H5P core itself skips: hidden or underscore-prefixed (".DS_Store", "__MACOSX/")."""
    return any(part.startswith((".", "_")) for part in name.split("/"))


class _Report:
    """The problems found so far, in the order they are found."""

    def __init__(self):
        self.messages: list[str] = []

    def add(self, message: str, **params) -> None:
        self.messages.append(message % params if params else message)

    def read_json(self, archive: zipfile.ZipFile, name: str, names: set[str], *, missing: str):
        """The JSON object in `name`, or None with the problem recorded."""
        if name not in names:
            self.add(missing, file=name)
            return None
        try:
            value = json.loads(archive.read(name).decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            value = None
        if not isinstance(value, dict):
            self.add(
                _(
                    "Fichier « %(file)s » : ce n'est pas un JSON valide. Corrigez-le (un validateur JSON indique "
                    "la ligne fautive) ou réexportez le contenu depuis l'outil H5P qui l'a créé."
                ),
                file=name,
            )
            return None
        return value


def _dependencies(report: _Report, declaration: dict, file: str) -> list[dict]:
    """The well-formed dependencies a manifest declares; each malformed one is reported."""
    found = []
    for key in DEPENDENCY_KEYS:
        dependencies = declaration.get(key, [])
        if not isinstance(dependencies, list):
            dependencies = [dependencies]
        for dependency in dependencies:
            if (
                isinstance(dependency, dict)
                and isinstance(dependency.get("machineName"), str)
                and MACHINE_NAME.match(dependency["machineName"])
                and _is_version(dependency.get("majorVersion"))
                and _is_version(dependency.get("minorVersion"))
            ):
                found.append(
                    {
                        "machineName": dependency["machineName"],
                        "majorVersion": int(dependency["majorVersion"]),
                        "minorVersion": int(dependency["minorVersion"]),
                    }
                )
            else:
                report.add(
                    _(
                        "Fichier « %(file)s » : une dépendance de « %(key)s » est mal formée (il faut "
                        "machineName, majorVersion et minorVersion, par exemple "
                        '{"machineName": "H5P.Question", "majorVersion": 1, "minorVersion": 5}). '
                        "Réexportez le contenu depuis l'outil H5P qui l'a créé."
                    ),
                    file=file,
                    key=key,
                )
    return found


def _check_manifest(report: _Report, manifest: dict) -> list[dict]:
    """h5p.json against the specification's schema; returns its dependencies."""
    advice = _("Réexportez le contenu depuis l'outil H5P qui l'a créé, ou corrigez ce champ dans h5p.json.")
    for key in ("title", "mainLibrary", "language", "preloadedDependencies", "embedTypes"):
        if key not in manifest:
            report.add(
                _("Fichier « h5p.json » : le champ obligatoire « %(key)s » manque. %(advice)s"), key=key, advice=advice
            )
    title = manifest.get("title")
    if "title" in manifest and not (isinstance(title, str) and 0 < len(title) <= 255):
        report.add(
            _("Fichier « h5p.json » : le titre doit être un texte de 1 à 255 caractères. %(advice)s"), advice=advice
        )
    main = manifest.get("mainLibrary")
    if "mainLibrary" in manifest and not (isinstance(main, str) and MACHINE_NAME.match(main)):
        report.add(
            _("Fichier « h5p.json » : « mainLibrary » n'est pas un nom de bibliothèque valide. %(advice)s"),
            advice=advice,
        )
    language = manifest.get("language")
    if "language" in manifest and not (isinstance(language, str) and LANGUAGE_CODE.match(language)):
        report.add(
            _("Fichier « h5p.json » : la langue doit être un code comme « fr » ou « fr-FR ». %(advice)s"),
            advice=advice,
        )
    embed_types = manifest.get("embedTypes")
    if "embedTypes" in manifest and not (
        isinstance(embed_types, list) and embed_types and set(embed_types) <= EMBED_TYPES
    ):
        report.add(
            _("Fichier « h5p.json » : « embedTypes » doit lister « iframe » et/ou « div ». %(advice)s"),
            advice=advice,
        )
    dependencies = _dependencies(report, manifest, "h5p.json")
    if isinstance(main, str) and "preloadedDependencies" in manifest:
        entries = manifest["preloadedDependencies"]
        preloaded = {d.get("machineName") for d in entries if isinstance(d, dict)} if isinstance(entries, list) else {}
        if main not in preloaded:
            report.add(
                _(
                    "Fichier « h5p.json » : la bibliothèque principale « %(library)s » ne figure pas dans ses "
                    "dépendances (preloadedDependencies). %(advice)s"
                ),
                library=main,
                advice=advice,
            )
    return dependencies


def _check_library(report: _Report, archive, names: set[str], folder: str, library: dict) -> list[dict]:
    """One library folder's library.json, its preloaded files and language files."""
    file = f"{folder}/library.json"
    advice = _("Réexportez le contenu depuis une installation H5P à jour, qui fournit cette bibliothèque complète.")
    formats = {
        "title": (lambda v: isinstance(v, str) and 0 < len(v) <= 255, _("un texte de 1 à 255 caractères")),
        "machineName": (
            lambda v: isinstance(v, str) and bool(MACHINE_NAME.match(v)),
            _("un nom comme « H5P.Question »"),
        ),
        "majorVersion": (_is_version, _("un nombre entier")),
        "minorVersion": (_is_version, _("un nombre entier")),
        "patchVersion": (_is_version, _("un nombre entier")),
        "runnable": (lambda v: v in (0, 1, True, False, "0", "1"), _("0 ou 1")),
    }
    for key, (valid, expected) in formats.items():
        if key not in library:
            report.add(
                _("Fichier « %(file)s » : le champ obligatoire « %(key)s » manque. %(advice)s"),
                file=file,
                key=key,
                advice=advice,
            )
        elif not valid(library[key]):
            report.add(
                _("Fichier « %(file)s » : le champ « %(key)s » doit être %(expected)s. %(advice)s"),
                file=file,
                key=key,
                expected=expected,
                advice=advice,
            )
    if all(formats[key][0](library.get(key)) for key in ("machineName", "majorVersion", "minorVersion")):
        declared = library_folder(
            {
                "machineName": library["machineName"],
                "majorVersion": int(library["majorVersion"]),
                "minorVersion": int(library["minorVersion"]),
            }
        )
        if declared != folder:
            report.add(
                _(
                    "Dossier « %(folder)s » : sa bibliothèque se déclare « %(declared)s » dans library.json ; le "
                    "dossier doit porter ce nom. Réexportez le contenu plutôt que de renommer des dossiers."
                ),
                folder=folder,
                declared=declared,
            )
    core_api = library.get("coreApi")
    if core_api is not None:
        if not (
            isinstance(core_api, dict)
            and _is_version(core_api.get("majorVersion"))
            and _is_version(core_api.get("minorVersion"))
        ):
            report.add(
                _("Fichier « %(file)s » : « coreApi » doit donner majorVersion et minorVersion. %(advice)s"),
                file=file,
                advice=advice,
            )
        elif (int(core_api["majorVersion"]), int(core_api["minorVersion"])) > PLAYER_CORE_API:
            report.add(
                _(
                    "Fichier « %(file)s » : cette bibliothèque demande le cœur H5P %(needed)s, le lecteur de la "
                    "plateforme fournit le %(supported)s. Exportez le contenu avec une version plus ancienne de la "
                    "bibliothèque, ou demandez une mise à jour du lecteur."
                ),
                file=file,
                needed=f"{int(core_api['majorVersion'])}.{int(core_api['minorVersion'])}",
                supported="{}.{}".format(*PLAYER_CORE_API),
            )
    for kind in ("preloadedJs", "preloadedCss"):
        entries = library.get(kind, [])
        if not isinstance(entries, list):
            entries = [entries]
        for entry in entries:
            path = entry.get("path") if isinstance(entry, dict) else None
            if not isinstance(path, str) or not path:
                report.add(
                    _("Fichier « %(file)s » : une entrée de « %(kind)s » n'a pas de chemin (path). %(advice)s"),
                    file=file,
                    kind=kind,
                    advice=advice,
                )
                continue
            full = posixpath.normpath(f"{folder}/{path}")
            if full not in names:
                report.add(
                    _("Fichier « %(path)s » : déclaré par %(file)s (%(kind)s), il est absent du paquet. %(advice)s"),
                    path=full,
                    file=file,
                    kind=kind,
                    advice=advice,
                )
    for name in sorted(n for n in names if n.startswith(f"{folder}/language/")):
        base = name[len(f"{folder}/language/") :]
        if "/" in base:
            continue
        if not LANGUAGE_FILE.match(base):
            report.add(
                _(
                    "Fichier « %(file)s » : ce nom de fichier de langue n'est pas valide (il faut un code de "
                    "langue, par exemple « fr.json » ou « pt-br.json »). Renommez-le ou retirez-le du paquet."
                ),
                file=name,
            )
        if file_extension(base) == "json":
            try:
                json.loads(archive.read(name).decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                report.add(
                    _(
                        "Fichier « %(file)s » : ce fichier de langue n'est pas un JSON valide. Corrigez-le ou "
                        "réexportez le contenu depuis l'outil H5P qui l'a créé."
                    ),
                    file=name,
                )
    return _dependencies(report, library, file)


def svg_problems(data: bytes) -> list[str]:
    """What makes an SVG unsafe to open as a document: scripts, event handlers, foreignObject,
    references outside the file, entity declarations. Empty for a plain drawing."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return [_("une déclaration DOCTYPE ou ENTITY")]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return [_("un contenu illisible (ce n'est pas un SVG bien formé)")]
    found: list[str] = []

    def note(text: str) -> None:
        if text not in found:
            found.append(text)

    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in SVG_FORBIDDEN_ELEMENTS:
            note(_("un élément <%(tag)s>") % {"tag": tag})
        if tag == "style" and re.search(r"@import|url\(\s*['\"]?(?!#)", element.text or "", re.IGNORECASE):
            note(_("une feuille de style qui charge des ressources externes"))
        if tag in {"set", "animate"} and (element.get("attributeName") or "").lower().endswith("href"):
            note(_("une animation qui change un lien"))
        for attribute, value in element.attrib.items():
            name = attribute.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                note(_("un gestionnaire d'événement (%(name)s)") % {"name": name})
            elif name in SVG_LINK_ATTRIBUTES and not value.strip().startswith(("#", "data:image/")):
                note(_("une référence externe (%(name)s)") % {"name": name})
            elif name == "style" and re.search(r"url\(\s*['\"]?(?!#)", value, re.IGNORECASE):
                note(_("un style qui charge une ressource externe"))
    return found


def validate_h5p_package(file: IO[bytes]) -> dict:
    """Checks an uploaded .h5p package and returns its h5p.json; raises ValidationError listing
    every problem found (French, one message per problem)."""
    archive = open_safe_zip(file, H5P_LIMITS)
    report = _Report()
    manifest: dict = {}
    try:
        names = {
            info.filename.replace("\\", "/")
            for info in archive.infolist()
            if not info.is_dir() and not _ignored(info.filename.replace("\\", "/"))
        }
        folders = {name.split("/", 1)[0] for name in names if "/" in name} - {"content"}
        for name in sorted(names):
            extension = file_extension(name)
            in_library = name.split("/", 1)[0] in folders
            allowed = H5P_LIBRARY_EXTENSIONS if in_library else H5P_ALLOWED_EXTENSIONS
            if extension not in allowed and not (extension == "svg" and name.startswith("content/")):
                report.add(
                    _(
                        "Fichier « %(file)s » : le type .%(extension)s n'est pas accepté dans un paquet H5P. "
                        "Retirez ce fichier du contenu dans l'éditeur H5P, puis réexportez le paquet."
                    ),
                    file=name,
                    extension=extension or "?",
                )
            elif extension == "svg" and not in_library:
                found = svg_problems(archive.read(name))
                if found:
                    report.add(
                        _(
                            "Fichier « %(file)s » : cette image SVG contient %(found)s, ce qui pourrait exécuter "
                            "du code. Remplacez-la par une image PNG ou par un SVG simple (un dessin sans script), "
                            "puis réexportez le paquet."
                        ),
                        file=name,
                        found=", ".join(found),
                    )
        manifest = (
            report.read_json(
                archive,
                "h5p.json",
                names,
                missing=_(
                    "Fichier « %(file)s » : il manque à la racine du paquet. Exportez le contenu depuis H5P "
                    "(« Réutiliser » puis « Télécharger en fichier .h5p ») plutôt que de compresser un dossier."
                ),
            )
            or {}
        )
        declared = _check_manifest(report, manifest) if manifest else []
        report.read_json(
            archive,
            "content/content.json",
            names,
            missing=_(
                "Fichier « %(file)s » : il manque dans le paquet, qui n'a donc pas de contenu. Réexportez le "
                "contenu depuis l'outil H5P qui l'a créé."
            ),
        )
        library_dependencies: dict[str, list[dict]] = {}
        for folder in sorted(folders):
            library = report.read_json(
                archive,
                f"{folder}/library.json",
                names,
                missing=_(
                    "Fichier « %(file)s » : il manque, le dossier n'est donc pas une bibliothèque H5P. Retirez ce "
                    "dossier ou réexportez le contenu depuis l'outil H5P qui l'a créé."
                ),
            )
            if library is not None:
                library_dependencies[folder] = _check_library(report, archive, names, folder, library)
        # Every declared library is present, and every library present is declared by a chain of
        # dependencies from h5p.json (a library nobody loads is dead weight or a smuggled file).
        reached: set[str] = set()
        pending = [(library_folder(d), "h5p.json") for d in declared]
        missing: dict[str, str] = {}
        while pending:
            folder, by = pending.pop(0)
            if folder in reached:
                continue
            if folder not in folders:
                missing.setdefault(folder, by)
                continue
            reached.add(folder)
            pending += [(library_folder(d), f"{folder}/library.json") for d in library_dependencies.get(folder, [])]
        for folder, by in sorted(missing.items()):
            report.add(
                _(
                    "Bibliothèque « %(library)s » : déclarée par %(file)s, elle est absente du paquet. Réexportez "
                    "le contenu depuis une installation H5P où cette bibliothèque est installée."
                ),
                library=folder,
                file=by,
            )
        if manifest:
            for folder in sorted(folders - reached):
                report.add(
                    _(
                        "Dossier « %(folder)s » : aucune bibliothèque du paquet ne le déclare comme dépendance. "
                        "Retirez ce dossier du paquet ou réexportez le contenu depuis l'outil H5P qui l'a créé."
                    ),
                    folder=folder,
                )
    finally:
        archive.close()
        file.seek(0)
    if report.messages:
        raise ValidationError([ValidationError(message, code="h5p") for message in report.messages])
    return manifest


def build_question_package(
    *,
    title: str,
    question: str,
    answers: list[str],
    correct: int,
    language: str = "fr",
    extra_files: dict[str, bytes] | None = None,
    manifest_overrides: dict | None = None,
    omit: tuple[str, ...] = (),
) -> bytes:
    """A real .h5p package (h5p.json, content/content.json and our H5P.EpopQuestion library) for a
    single-choice question. `extra_files`, `manifest_overrides` and `omit` let tests build faulty
    packages."""
    manifest = {
        "title": title,
        "language": language,
        "mainLibrary": EPOP_QUESTION["machineName"],
        "embedTypes": ["iframe"],
        "license": "U",
        "preloadedDependencies": [EPOP_QUESTION],
        **(manifest_overrides or {}),
    }
    content = {"question": question, "answers": answers, "correct": correct, "language": language}
    files: dict[str, bytes] = {
        "h5p.json": json.dumps(manifest, ensure_ascii=False).encode(),
        "content/content.json": json.dumps(content, ensure_ascii=False).encode(),
    }
    folder = library_folder(EPOP_QUESTION)
    for path in sorted((LIBRARY_ROOT / folder).rglob("*")):
        if path.is_file():
            files[f"{folder}/{path.relative_to(LIBRARY_ROOT / folder).as_posix()}"] = path.read_bytes()
    files.update(extra_files or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            if name not in omit:
                archive.writestr(name, data)
    return buffer.getvalue()
