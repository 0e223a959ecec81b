"""Open Badges 3.0: the platform's signing key, the issuer profile, achievements, and each
certificate's OpenBadgeCredential signed as a VC-JWT (RS256).

The private key comes from the environment in production (CERTIFICATES_SIGNING_KEY holding a PEM,
or CERTIFICATES_SIGNING_KEY_FILE naming a file); in development a key is generated on first use
under a folder that ignores itself in git, so that no private key is ever committed.
"""

import base64
import datetime
import hashlib
import json
import os
import threading
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.urls import reverse

from lms.certificates.selectors import completion_rule_for

ALGORITHM = "RS256"
OB_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ISSUER_NAME = "EPoP formations"

_lock = threading.Lock()
_cached: dict[str, object] = {}


def _b64url_uint(value: int) -> str:
    data = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def key_file_path() -> Path:
    configured = os.environ.get("CERTIFICATES_SIGNING_KEY_FILE") or getattr(
        settings, "CERTIFICATES_SIGNING_KEY_FILE", ""
    )
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / ".certificates-keys" / "openbadges-rs256.pem"


def _generate_key_file(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        # The folder ignores itself: a generated development key can never be committed.
        ignore.write_text("*\n")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return pem


def private_key():
    """The platform's RSA signing key (loaded once per process)."""
    with _lock:
        if "key" in _cached:
            return _cached["key"]
        pem = os.environ.get("CERTIFICATES_SIGNING_KEY", "").encode()
        if not pem:
            path = key_file_path()
            try:
                pem = path.read_bytes()
            except FileNotFoundError:
                try:
                    pem = _generate_key_file(path)
                except FileExistsError:  # another process generated it first
                    pem = path.read_bytes()
        key = serialization.load_pem_private_key(pem, password=None)
        _cached["key"] = key
        return key


def public_jwk() -> dict:
    """The public half of the signing key as a JWK, with its RFC 7638 thumbprint as key id."""
    numbers = private_key().public_key().public_numbers()
    jwk = {"e": _b64url_uint(numbers.e), "kty": "RSA", "n": _b64url_uint(numbers.n)}
    thumbprint = hashlib.sha256(json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode()).digest()
    kid = base64.urlsafe_b64encode(thumbprint).rstrip(b"=").decode()
    return {**jwk, "alg": ALGORITHM, "use": "sig", "kid": kid}


def jwks() -> dict:
    return {"keys": [public_jwk()]}


def absolute(path: str) -> str:
    return settings.SITE_BASE_URL + path


def issuer_id() -> str:
    return absolute(reverse("certificates:ob_issuer"))


def issuer_profile() -> dict:
    """The issuer's Profile, published at its own id."""
    return {
        "@context": OB_CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": settings.SITE_BASE_URL + "/",
        "description": (
            "Plateforme de formation EPoP : intervenants-pairs et référents de l'intervention par les pairs."
        ),
    }


def achievement(course, rule=None) -> dict:
    """The Achievement of completing `course`, with criteria in plain words."""

    rule = rule or completion_rule_for(course)
    criteria = [f"avoir été présent au moins {rule.min_attendance_percent} % des heures prévues"]
    if rule.count_caught_up_absences:
        criteria[0] += " (les absences rattrapées en ligne comptent)"
    if rule.require_final_session:
        criteria.append("avoir été présent à la dernière séance")
    if rule.require_intersession_work:
        criteria.append("avoir rendu les travaux d'intersession")
    if rule.require_final_evaluation:
        criteria.append("avoir fait l'évaluation finale des objectifs")
    return {
        "id": absolute(reverse("certificates:ob_achievement", args=[course.audience])),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": course.title,
        # Never the course's public summary: it describes who the course is for (e.g. people with a
        # disability), which a credential must not reveal about its holder.
        "description": (
            f"A suivi la formation « {course.title} » de l'approche EPoP (intervention par les pairs) "
            "et rempli ses conditions de fin de formation."
        ),
        "criteria": {"narrative": "Pour obtenir ce badge, il faut " + ", ".join(criteria) + "."},
        "inLanguage": "fr",
    }


def identity_hash(email: str, salt: str) -> str:
    """sha256$hex of the normalised e-mail followed by the salt, as Open Badges specifies."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def credential(certificate, course) -> dict:
    """The OpenBadgeCredential of a certificate: name, course and dates only; the person appears
    only as a salted hash of their e-mail, never with any health or disability information."""
    valid_from = certificate.issued_at.astimezone(datetime.UTC).replace(microsecond=0)
    return {
        "@context": OB_CONTEXTS,
        "id": certificate.verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": ISSUER_NAME},
        "validFrom": valid_from.isoformat().replace("+00:00", "Z"),
        "name": f"{certificate.course_title} — formation suivie",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(certificate.trainee.email, certificate.email_salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": certificate.email_salt,
                }
            ],
            "achievement": achievement(course),
        },
    }


def sign(credential_data: dict) -> str:
    """The VC-JWT: the credential is the payload, with iss, jti and nbf mapped from it."""
    valid_from = datetime.datetime.fromisoformat(credential_data["validFrom"].replace("Z", "+00:00"))
    payload = {
        **credential_data,
        "iss": credential_data["issuer"]["id"],
        "jti": credential_data["id"],
        "nbf": int(valid_from.timestamp()),
    }
    headers = {"kid": public_jwk()["kid"], "typ": "JWT"}
    return jwt.encode(payload, private_key(), algorithm=ALGORITHM, headers=headers)


def verify(token: str, jwks_data: dict) -> dict:
    """Checks a VC-JWT against a published JWKS and returns its credential."""
    kid = jwt.get_unverified_header(token)["kid"]
    key_data = next(key for key in jwks_data["keys"] if key["kid"] == kid)
    public = jwt.PyJWK(key_data).key
    return jwt.decode(token, public, algorithms=[ALGORITHM], options={"verify_aud": False})
