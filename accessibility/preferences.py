"""Display preferences as a small value object, read from a cookie or from the account."""

from dataclasses import dataclass, fields

COOKIE_NAME = "epop_affichage"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Names joined by dots: commas and spaces would force quoting in a cookie value.

# Preference name -> class set on <html> (also used by the script that applies them live).
HTML_CLASSES = {
    "falc": "falc-mode",
    "larger_text": "pref-larger-text",
    "high_contrast": "pref-high-contrast",
    "more_spacing": "pref-more-spacing",
    "reduced_motion": "pref-reduced-motion",
}


@dataclass(frozen=True)
class DisplayPrefs:
    """What the templates see as `display_prefs`: one boolean per preference."""

    falc: bool = False
    larger_text: bool = False
    high_contrast: bool = False
    more_spacing: bool = False
    reduced_motion: bool = False

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_cookie(cls, value: str | None) -> "DisplayPrefs":
        chosen = {part.strip() for part in (value or "").split(".")}
        return cls(**{name: name in chosen for name in cls.names()})

    @classmethod
    def from_model(cls, preference) -> "DisplayPrefs":
        return cls(**{name: getattr(preference, name) for name in cls.names()})

    def as_cookie(self) -> str:
        return ".".join(name for name in self.names() if getattr(self, name))

    @property
    def html_classes(self) -> str:
        return " ".join(HTML_CLASSES[name] for name in self.names() if getattr(self, name))

    @property
    def any(self) -> bool:
        return any(getattr(self, name) for name in self.names())
