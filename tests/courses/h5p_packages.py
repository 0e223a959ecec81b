"""Builds .h5p packages shaped like real exports from H5P installations: the shared libraries real
content types ship (FontAwesome with its SVG webfont, H5P.JoubelUI, H5P.FontIcons, H5P.Question
with SVG icons, jQuery.ui with apply-when-upgrading.diff, H5P.Image with its placeholder.svg),
several content types and nested dependencies. The libraries hold minimal stand-in scripts and
styles written for these tests, never third-party code; H5P.EpopQuestion is our own library, so a
package built around it really plays."""

import io
import json
import zipfile
from copy import deepcopy

from courses.h5p import LIBRARY_ROOT

WOFF = b"wOFF\x00\x01\x00\x00" + b"\x00" * 40
TTF = b"\x00\x01\x00\x00" + b"\x00" * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
# An SVG webfont as FontAwesome ships it: glyphs in <font>, nothing executable.
SVG_FONT = (
    b'<?xml version="1.0" standalone="no"?>\n<svg xmlns="http://www.w3.org/2000/svg"><defs>'
    b'<font id="fontawesomeregular" horiz-adv-x="1536"><font-face units-per-em="1792" ascent="1536"/>'
    b'<glyph unicode="&#xf00c;" d="M1671 970q0 -40 -28 -68l-724 -724z"/></font></defs></svg>'
)
SVG_ICON = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M0 0h16v16H0z" fill="#1a1a1a"/></svg>'


def _dep(folder: str) -> dict:
    name, version = folder.rsplit("-", 1)
    major, minor = version.split(".")
    return {"machineName": name, "majorVersion": int(major), "minorVersion": int(minor)}


def _library(folder: str, *, title: str, runnable: int = 0, js=(), css=(), deps=(), **extra) -> dict:
    dep = _dep(folder)
    return {
        "title": title,
        "machineName": dep["machineName"],
        "majorVersion": dep["majorVersion"],
        "minorVersion": dep["minorVersion"],
        "patchVersion": 3,
        "runnable": runnable,
        "license": "MIT",
        "author": "Joubel",
        "coreApi": {"majorVersion": 1, "minorVersion": 19},
        **({"preloadedJs": [{"path": p} for p in js]} if js else {}),
        **({"preloadedCss": [{"path": p} for p in css]} if css else {}),
        **({"preloadedDependencies": [_dep(d) for d in deps]} if deps else {}),
        **extra,
    }


def _stand_in_js(global_name: str) -> bytes:
    return f"var H5P = H5P || {{}};\n/* Test stand-in. */\nH5P.{global_name} = H5P.{global_name} || {{}};\n".encode()


def _content_type_js(machine_name: str) -> bytes:
    """A runnable stand-in content type: shows its question text, nothing more."""
    name = machine_name.split(".", 1)[1]
    return (
        "var H5P = H5P || {};\n"
        f"H5P.{name} = function (params) {{ this.params = params || {{}}; }};\n"
        f"H5P.{name}.prototype.attach = function ($container) {{\n"
        "  var root = $container.get ? $container.get(0) : $container;\n"
        "  root.textContent = this.params.question || '';\n"
        "};\n"
    ).encode()


# folder -> (library.json, other files of the folder)
LIBRARIES: dict[str, tuple[dict, dict[str, bytes]]] = {
    "FontAwesome-4.5": (
        _library("FontAwesome-4.5", title="Font Awesome", css=["h5p-font-awesome.min.css"]),
        {
            "h5p-font-awesome.min.css": b"@font-face{font-family:'H5PFontAwesome4';src:url(fontawesome-webfont.woff)}",
            "fontawesome-webfont.svg": SVG_FONT,
            "fontawesome-webfont.woff": WOFF,
            "fontawesome-webfont.ttf": TTF,
        },
    ),
    "H5P.FontIcons-1.0": (
        _library("H5P.FontIcons-1.0", title="H5P.FontIcons", css=["styles/h5p-font-icons.css"]),
        {
            "styles/h5p-font-icons.css": b"@font-face{font-family:'h5p';src:url(../fonts/h5p.woff)}",
            "fonts/h5p.svg": SVG_FONT,
            "fonts/h5p.woff": WOFF,
        },
    ),
    "H5P.Transition-1.0": (
        _library("H5P.Transition-1.0", title="Transition", js=["transition.js"]),
        {"transition.js": _stand_in_js("Transition")},
    ),
    "H5P.JoubelUI-1.3": (
        _library(
            "H5P.JoubelUI-1.3",
            title="Joubel UI",
            js=["js/joubel-help-dialog.js", "js/joubel-ui.js"],
            css=["css/joubel-ui.css"],
            deps=["FontAwesome-4.5", "H5P.Transition-1.0", "H5P.FontIcons-1.0"],
        ),
        {
            "js/joubel-help-dialog.js": _stand_in_js("JoubelHelpTextDialog"),
            "js/joubel-ui.js": _stand_in_js("JoubelUI"),
            "css/joubel-ui.css": b".h5p-joubelui-button{cursor:pointer}",
            "images/throbber.svg": SVG_ICON,
            "language/fr.json": json.dumps({"semantics": []}).encode(),
        },
    ),
    "H5P.Question-1.5": (
        _library(
            "H5P.Question-1.5",
            title="Question",
            js=["scripts/question.js", "scripts/explainer.js"],
            css=["styles/question.css", "styles/explainer.css"],
            deps=["H5P.JoubelUI-1.3"],
        ),
        {
            "scripts/question.js": _stand_in_js("Question"),
            "scripts/explainer.js": _stand_in_js("Question.Explainer"),
            "styles/question.css": b".h5p-question{margin:0}",
            "styles/explainer.css": b".h5p-question-explanation{margin:0}",
            "images/correct.svg": SVG_ICON,
            "images/wrong.svg": SVG_ICON,
            "language/fr.json": json.dumps({"semantics": []}).encode(),
            "language/pt-br.json": json.dumps({"semantics": []}).encode(),
            "language/.en.json": json.dumps({"semantics": []}).encode(),
        },
    ),
    "jQuery.ui-1.10": (
        _library("jQuery.ui-1.10", title="jQuery UI", js=["h5p-jquery-ui.js"], css=["h5p-jquery-ui.css"]),
        {
            "h5p-jquery-ui.js": b"/* Test stand-in for jQuery UI. */\n",
            "h5p-jquery-ui.css": b".ui-helper-hidden{display:none}",
            "apply-when-upgrading.diff": b"--- a/h5p-jquery-ui.js\n+++ b/h5p-jquery-ui.js\n@@ -1 +1 @@\n-a\n+b\n",
        },
    ),
    "H5P.Image-1.1": (
        _library("H5P.Image-1.1", title="Image", runnable=0, js=["image.js"], css=["image.css"]),
        {"image.js": _stand_in_js("Image"), "image.css": b".h5p-image{width:100%}", "placeholder.svg": SVG_ICON},
    ),
    "H5P.TrueFalse-1.8": (
        _library(
            "H5P.TrueFalse-1.8",
            title="True/False Question",
            runnable=1,
            js=["h5p-true-false.js"],
            css=["css/h5p-true-false.css"],
            deps=["H5P.Question-1.5", "H5P.JoubelUI-1.3", "H5P.FontIcons-1.0"],
            embedTypes=["iframe"],
        ),
        {"h5p-true-false.js": _content_type_js("H5P.TrueFalse"), "css/h5p-true-false.css": b".h5p-true-false{}"},
    ),
    "H5P.DragText-1.10": (
        _library(
            "H5P.DragText-1.10",
            title="Drag Text",
            runnable=1,
            js=["dist/h5p-drag-text.js"],
            css=["dist/h5p-drag-text.css"],
            deps=["H5P.Question-1.5", "jQuery.ui-1.10", "H5P.JoubelUI-1.3", "FontAwesome-4.5"],
            embedTypes=["iframe"],
        ),
        {"dist/h5p-drag-text.js": _content_type_js("H5P.DragText"), "dist/h5p-drag-text.css": b".h5p-drag{}"},
    ),
    "H5P.Agamotto-1.5": (
        _library(
            "H5P.Agamotto-1.5",
            title="Agamotto",
            runnable=1,
            js=["dist/h5p-agamotto.js"],
            css=["dist/h5p-agamotto.css"],
            deps=["H5P.Image-1.1", "FontAwesome-4.5"],
            embedTypes=["iframe"],
        ),
        {"dist/h5p-agamotto.js": _content_type_js("H5P.Agamotto"), "dist/h5p-agamotto.css": b".h5p-agamotto{}"},
    ),
}


def _epop_question() -> tuple[dict, dict[str, bytes]]:
    """Our own playable library, depending (as real content types do) on H5P.Question and jQuery.ui,
    and through them on the whole chain of shared libraries."""
    folder = LIBRARY_ROOT / "H5P.EpopQuestion-1.0"
    library = json.loads((folder / "library.json").read_text())
    library["preloadedDependencies"] = [_dep("H5P.Question-1.5"), _dep("jQuery.ui-1.10")]
    files = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "library.json"
    }
    return library, files


LIBRARIES["H5P.EpopQuestion-1.0"] = _epop_question()

CONTENT = {
    "H5P.EpopQuestion-1.0": {
        "question": "Qu'est-ce qu'un savoir expérientiel rare ?",
        "answers": ["Un diplôme", "Un savoir construit en vivant une expérience peu commune"],
        "correct": 1,
        "language": "fr",
    },
    "H5P.TrueFalse-1.8": {"question": "<p>Le pair-aidant partage son vécu.</p>", "correct": "true"},
    "H5P.DragText-1.10": {"question": "Le savoir *expérientiel* se transmet.", "textField": "*expérientiel*"},
    "H5P.Agamotto-1.5": {
        "question": "Deux images",
        "items": [{"image": {"params": {"file": {"path": "images/a.png"}}}}],
    },
}


def closure(folder: str) -> list[str]:
    """The library folders a package of `folder` ships: itself and its dependencies, recursively."""
    seen: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.append(current)
        pending += [
            f"{d['machineName']}-{d['majorVersion']}.{d['minorVersion']}"
            for d in LIBRARIES[current][0].get("preloadedDependencies", [])
        ]
    return seen


def real_shaped_files(main: str = "H5P.EpopQuestion-1.0", *, title: str = "Activité de test") -> dict[str, bytes]:
    """The files of an export of `main`: h5p.json, content/ and every library folder it needs."""
    manifest = {
        "title": title,
        "language": "fr",
        "mainLibrary": _dep(main)["machineName"],
        "embedTypes": ["iframe"],
        "license": "U",
        "defaultLanguage": "fr",
        # Like real exports: the main library and the ones the content itself uses; the rest comes
        # through the libraries' own dependencies.
        "preloadedDependencies": [_dep(main), _dep("FontAwesome-4.5")]
        if main != "H5P.EpopQuestion-1.0"
        else [_dep(main)],
    }
    files = {
        "h5p.json": json.dumps(manifest, ensure_ascii=False).encode(),
        "content/content.json": json.dumps(CONTENT[main], ensure_ascii=False).encode(),
    }
    if main == "H5P.Agamotto-1.5":
        files["content/images/a.png"] = PNG
    for folder in closure(main):
        library, others = LIBRARIES[folder]
        files[f"{folder}/library.json"] = json.dumps(deepcopy(library)).encode()
        files.update({f"{folder}/{name}": data for name, data in others.items()})
    return files


def zip_files(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def real_shaped_package(
    main: str = "H5P.EpopQuestion-1.0",
    *,
    title: str = "Activité de test",
    extra_files: dict[str, bytes] | None = None,
    omit: tuple[str, ...] = (),
    library_changes: dict[str, dict] | None = None,
) -> bytes:
    """A package of `main`; `extra_files` adds or replaces files, `omit` removes some and
    `library_changes` edits library.json fields (a value of None removes the field)."""
    files = real_shaped_files(main, title=title)
    for folder, changes in (library_changes or {}).items():
        library = json.loads(files[f"{folder}/library.json"])
        for key, value in changes.items():
            if value is None:
                library.pop(key, None)
            else:
                library[key] = value
        files[f"{folder}/library.json"] = json.dumps(library).encode()
    files.update(extra_files or {})
    return zip_files({name: data for name, data in files.items() if name not in omit})
