"""Open Badges 3.0: the credential's fields, its VC-JWT signature checked with the published JWKS,
and nothing personal beyond a salted hash of the e-mail."""

import json

import jwt
import pytest
from django.conf import settings

from lms.certificates import badges, selectors
from lms.certificates.services import IssuingContext, issue_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(world):
    completion = selectors.group_completion(world.group)
    certificate, _created = issue_certificate(
        IssuingContext(world.group, completion), completion.status_of(world.alice)
    )
    return certificate


def test_badge_signature_verifies_with_the_published_jwks(client, certificate):
    jwks = client.get("/certificats/openbadges/jwks.json").json()
    assert jwks["keys"][0]["kty"] == "RSA" and "d" not in jwks["keys"][0]
    header = jwt.get_unverified_header(certificate.badge_jwt)
    assert header["alg"] == "RS256" and header["kid"] == jwks["keys"][0]["kid"]
    credential = badges.verify(certificate.badge_jwt, jwks)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_a_tampered_badge_is_rejected(client, certificate):
    jwks = client.get("/certificats/openbadges/jwks.json").json()
    header, payload, signature = certificate.badge_jwt.split(".")
    data = json.loads(jwt.utils.base64url_decode(payload))
    data["credentialSubject"]["achievement"]["name"] = "Autre formation"
    forged = jwt.utils.base64url_encode(json.dumps(data).encode()).decode()
    with pytest.raises(jwt.InvalidSignatureError):
        badges.verify(f"{header}.{forged}.{signature}", jwks)


def test_badge_fields_follow_open_badges_3(client, certificate, world):
    credential = badges.verify(certificate.badge_jwt, client.get("/certificats/openbadges/jwks.json").json())
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["id"] == certificate.verification_url == credential["jti"]
    issuer_url = f"{settings.SITE_BASE_URL}/certificats/openbadges/emetteur.json"
    assert credential["issuer"]["id"] == issuer_url == credential["iss"]
    assert credential["validFrom"].endswith("Z")
    assert credential["nbf"] == int(certificate.issued_at.timestamp())
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == "Formation des intervenants-pairs"
    assert "au moins 80 % des heures prévues" in achievement["criteria"]["narrative"]
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["type"] == "IdentityObject" and identity["hashed"] is True
    assert identity["identityType"] == "emailAddress"
    assert identity["identityHash"] == badges.identity_hash("alice@example.fr", identity["salt"])
    assert identity["salt"] == certificate.email_salt


def test_the_badge_holds_nothing_personal_beyond_the_hashed_email(client, certificate):
    raw = json.dumps(jwt.decode(certificate.badge_jwt, options={"verify_signature": False}), ensure_ascii=False)
    for forbidden in ("alice@example.fr", "Alice", "Bérénger", "handicap", "besoin", "accessibilit"):
        assert forbidden.lower() not in raw.lower()


def test_issuer_profile_and_achievement_are_public(client, site_tree):
    profile = client.get("/certificats/openbadges/emetteur.json").json()
    assert profile["type"] == ["Profile"] and profile["name"] == "EPoP formations"
    assert profile["id"] == f"{settings.SITE_BASE_URL}/certificats/openbadges/emetteur.json"
    achievement = client.get("/certificats/openbadges/formations/peer_interveners.json").json()
    assert achievement["criteria"]["narrative"].startswith("Pour obtenir ce badge")
    assert client.get("/certificats/openbadges/formations/inconnu.json").status_code == 404


def test_the_key_is_generated_once_outside_git_and_can_come_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "key.pem"
    monkeypatch.setenv("CERTIFICATES_SIGNING_KEY_FILE", str(path))
    monkeypatch.setattr(badges, "_cached", {})
    first = badges.public_jwk()
    assert path.exists() and (path.parent / ".gitignore").read_text() == "*\n"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setattr(badges, "_cached", {})
    assert badges.public_jwk() == first  # read back, not regenerated
    monkeypatch.setenv("CERTIFICATES_SIGNING_KEY", path.read_text())
    monkeypatch.setenv("CERTIFICATES_SIGNING_KEY_FILE", str(tmp_path / "absent.pem"))
    monkeypatch.setattr(badges, "_cached", {})
    assert badges.public_jwk() == first
    assert not (tmp_path / "absent.pem").exists()
