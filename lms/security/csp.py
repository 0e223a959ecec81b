"""The Content-Security-Policy of the platform, built from settings, with the narrow relaxations
that the Wagtail admin and the H5P player need."""

import base64
import hashlib

from django.conf import settings

# The only inline script of h5p-standalone: it is written into the player's about:blank iframe,
# which inherits the page's policy (frame.bundle.js, H5P.getHeadTags).
H5P_IFRAME_BOOTSTRAP = "H5PIntegration = window.parent.H5PIntegration; var H5P = H5P || {}; H5P.externalEmbed = false;"
# The loader script tag of wagtail-lms' player; a response carrying it needs the H5P policy.
H5P_MARKER = b'id="h5p-standalone-script"'

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Style attributes (e.g. a progress bar's width) are harmless; <style> elements are not allowed.
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'", "blob:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
}

# Wagtail's admin still sets inline styles from markup and scripts (Draftail, choosers, previews).
ADMIN_RELAXATIONS = {
    "style-src": ["'unsafe-inline'"],
    "script-src": ["'unsafe-inline'"],
}


def script_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# What H5P's YouTube handler (H5P.Video) loads: the IFrame API script, its player and thumbnails.
H5P_YOUTUBE_SOURCES = {
    "script-src": ["https://www.youtube.com", "https://s.ytimg.com"],
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com"],
    "img-src": ["https://i.ytimg.com"],
}


def h5p_relaxations() -> dict[str, list[str]]:
    """What the H5P player needs: its iframe bootstrap script and the inline styles H5P content
    sets; content types needing more (e.g. 'unsafe-eval') are listed in CSP_H5P_EXTRA_SCRIPT_SRC.
    H5P_CONTENT_ORIGIN (package files on a separate origin) and H5P_ALLOW_YOUTUBE add their sources."""
    relaxations = {
        "script-src": [script_hash(H5P_IFRAME_BOOTSTRAP), *getattr(settings, "CSP_H5P_EXTRA_SCRIPT_SRC", [])],
        "style-src": ["'unsafe-inline'"],
    }
    origin = (getattr(settings, "H5P_CONTENT_ORIGIN", "") or "").rstrip("/")
    if origin:
        for directive in ("script-src", "style-src", "img-src", "font-src", "media-src", "connect-src"):
            relaxations.setdefault(directive, []).append(origin)
    if getattr(settings, "H5P_ALLOW_YOUTUBE", False):
        for directive, sources in H5P_YOUTUBE_SOURCES.items():
            relaxations.setdefault(directive, []).extend(sources)
    return relaxations


def build_policy(*relaxations: dict[str, list[str]]) -> str:
    """The header value: base policy + settings extras (CSP_EXTRA_SOURCES) + relaxations."""
    directives = {name: list(sources) for name, sources in BASE_POLICY.items()}
    for extra in (getattr(settings, "CSP_EXTRA_SOURCES", {}), *relaxations):
        for name, sources in extra.items():
            current = directives.setdefault(name, ["'self'"])
            current.extend(source for source in sources if source not in current)
    parts = [f"{name} {' '.join(sources)}" for name, sources in directives.items()]
    if getattr(settings, "CSP_UPGRADE_INSECURE_REQUESTS", False):
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


def policy_for(path: str, body: bytes | None) -> str:
    """The policy of one response: relaxed for the admin, or where the H5P player is embedded."""
    relaxations = []
    if any(path.startswith(prefix) for prefix in getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ["/admin/"])):
        relaxations.append(ADMIN_RELAXATIONS)
    if body is not None and H5P_MARKER in body:
        relaxations.append(h5p_relaxations())
    return build_policy(*relaxations)
