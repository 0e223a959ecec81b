"""H5P packages: validation of an uploaded .h5p before wagtail-lms extracts it, and a builder of
packages from our own library (H5P.EpopQuestion) used by the tests and the demo."""

import io
import json
import posixpath
import zipfile
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.uploads import MB, ZipLimits, open_safe_zip

# H5P core's default whitelist, without SVG (refused), Flash and macro-capable office formats.
H5P_ALLOWED_EXTENSIONS = frozenset(
    [
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
        "md",
        "vtt",
        "webvtt",
        "js",
        "css",
    ]
)
H5P_LIMITS = ZipLimits(
    max_archive_bytes=50 * MB,
    max_total_bytes=150 * MB,
    max_members=2000,
    max_ratio=100,
    allowed_extensions=H5P_ALLOWED_EXTENSIONS,
)
REQUIRED_H5P_KEYS = ("title", "mainLibrary", "language", "preloadedDependencies", "embedTypes")
LIBRARY_ROOT = Path(__file__).resolve().parent / "h5p_library"
EPOP_QUESTION = {"machineName": "H5P.EpopQuestion", "majorVersion": 1, "minorVersion": 0}


def library_folder(dependency: dict) -> str:
    """The folder name H5P expects for a library: "H5P.Name-1.0"."""
    return f"{dependency['machineName']}-{dependency['majorVersion']}.{dependency['minorVersion']}"


def _load_json(archive: zipfile.ZipFile, name: str, missing: str, invalid: str) -> dict:
    try:
        data = archive.read(name)
    except KeyError:
        raise ValidationError(missing, code="missing_file") from None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError(invalid, code="invalid_json") from None
    if not isinstance(value, dict):
        raise ValidationError(invalid, code="invalid_json")
    return value


def _dependencies(declaration: dict, owner: str) -> list[dict]:
    dependencies = declaration.get("preloadedDependencies", [])
    if not isinstance(dependencies, list) or not all(
        isinstance(d, dict) and {"machineName", "majorVersion", "minorVersion"} <= d.keys() for d in dependencies
    ):
        raise ValidationError(
            _("Les dépendances déclarées par « %(owner)s » sont mal formées.") % {"owner": owner},
            code="invalid_dependencies",
        )
    return dependencies


def validate_h5p_package(file: IO[bytes]) -> dict:
    """Checks an uploaded .h5p package and returns its h5p.json; raises ValidationError (French)
    naming the first problem found. Safe ZIP first (lms.uploads), then the H5P structure."""
    archive = open_safe_zip(file, H5P_LIMITS)
    try:
        names = {info.filename.replace("\\", "/") for info in archive.infolist() if not info.is_dir()}
        manifest = _load_json(
            archive,
            "h5p.json",
            _("Le paquet H5P doit contenir le fichier h5p.json à sa racine."),
            _("Le fichier h5p.json n'est pas un JSON valide."),
        )
        for key in REQUIRED_H5P_KEYS:
            if key not in manifest:
                raise ValidationError(
                    _("Le fichier h5p.json est incomplet : le champ « %(key)s » manque.") % {"key": key},
                    code="incomplete_manifest",
                )
        _load_json(
            archive,
            "content/content.json",
            _("Le paquet H5P doit contenir le fichier content/content.json."),
            _("Le fichier content/content.json n'est pas un JSON valide."),
        )
        declared = _dependencies(manifest, "h5p.json")
        if manifest["mainLibrary"] not in {d["machineName"] for d in declared}:
            raise ValidationError(
                _("La bibliothèque principale « %(library)s » ne figure pas dans les dépendances de h5p.json.")
                % {"library": manifest["mainLibrary"]},
                code="main_library",
            )
        folders = {name.split("/", 1)[0] for name in names if "/" in name} - {"content"}
        for folder in sorted(folders):
            library = _load_json(
                archive,
                f"{folder}/library.json",
                _("Le dossier de bibliothèque « %(folder)s » ne contient pas de library.json.") % {"folder": folder},
                _("Le fichier %(folder)s/library.json n'est pas un JSON valide.") % {"folder": folder},
            )
            try:
                expected = library_folder(library)
            except KeyError:
                expected = "?"
            if expected != folder:
                raise ValidationError(
                    _("Le dossier de bibliothèque « %(folder)s » ne correspond pas à sa déclaration (%(declared)s).")
                    % {"folder": folder, "declared": expected},
                    code="library_name",
                )
            for kind in ("preloadedJs", "preloadedCss"):
                for entry in library.get(kind, []):
                    path = posixpath.normpath(f"{folder}/{entry.get('path', '') if isinstance(entry, dict) else ''}")
                    if path not in names:
                        raise ValidationError(
                            _(
                                "Le fichier « %(path)s » déclaré par la bibliothèque « %(folder)s » "
                                "est absent du paquet."
                            )
                            % {"path": path, "folder": folder},
                            code="missing_preloaded_file",
                        )
            declared = declared + _dependencies(library, folder)
        for dependency in declared:
            if library_folder(dependency) not in folders:
                raise ValidationError(
                    _("La bibliothèque « %(library)s » déclarée dans le paquet en est absente.")
                    % {"library": library_folder(dependency)},
                    code="missing_library",
                )
    finally:
        archive.close()
        file.seek(0)
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
