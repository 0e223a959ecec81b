"""Accessible content blocks: the video block's refusals, the H5P text alternative, FALC rendering,
documents flagged accessible, and the range-capable media view."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import CurriculumStreamBlock, DocumentBlock, EasyReadBlock, H5PActivityBlock, VideoBlock
from courses.factories import document_from_bytes, h5p_activity, video_block_value

pytestmark = pytest.mark.django_db


def clean_video(**overrides):
    block = VideoBlock()
    return block.clean(block.to_python(video_block_value(**overrides)))


def field_errors(callable_, *args) -> dict[str, list[str]]:
    with pytest.raises(StructBlockValidationError) as caught:
        callable_(*args)
    return {name: error.messages for name, error in caught.value.block_errors.items()}


def test_a_complete_video_block_is_accepted():
    value = clean_video()
    assert value["captions"].title == "Sous-titres : le savoir expérientiel"
    assert "Vivre avec un handicap" in value["transcript"].source


def test_a_video_without_captions_or_transcript_is_refused_in_french():
    errors = field_errors(lambda: clean_video(captions=None, transcript=""))
    assert errors == {
        "captions": ["Les sous-titres sont obligatoires : ajoutez le fichier WebVTT (.vtt) de la vidéo."],
        "transcript": [
            "La transcription est obligatoire : elle permet de connaître le contenu sans regarder la vidéo."
        ],
    }


def test_captions_must_be_a_valid_webvtt_file():
    srt = document_from_bytes("Sous-titres SRT", "sous-titres.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nBonjour\n")
    errors = field_errors(lambda: clean_video(captions=srt.pk))
    assert errors == {
        "captions": [
            "Le fichier « sous-titres.vtt » n'est pas un fichier WebVTT valide : "
            "la première ligne doit être « WEBVTT »."
        ]
    }


def test_the_video_itself_is_required_and_must_be_a_video_file():
    errors = field_errors(lambda: clean_video(video=None, video_url=""))
    assert errors == {"video": ["Ajoutez le fichier vidéo ou l'adresse de la vidéo."]}
    pdf = document_from_bytes("Un PDF", "notice.pdf", b"%PDF-1.7")
    assert field_errors(lambda: clean_video(video=pdf.pk)) == {
        "video": ["La vidéo doit être un fichier MP4, WebM ou OGV."]
    }
    assert field_errors(lambda: clean_video(video=None, video_url="https://example.org/page.html")) == {
        "video_url": ["L'adresse doit mener à un fichier MP4, WebM ou OGV."]
    }
    assert field_errors(lambda: clean_video(lsf_video=pdf.pk)) == {
        "lsf_video": ["La vidéo en LSF doit être un fichier MP4, WebM ou OGV."]
    }
    assert clean_video(video=None, video_url="https://media.example.org/film.mp4?x=1")["video_url"]


def test_the_video_renders_captions_transcript_and_an_lsf_toggle():
    block = VideoBlock()
    html = block.render(block.to_python(video_block_value()), context={"block_id": "b1"})
    assert '<track kind="captions"' in html and 'srclang="fr"' in html and "/programme/media/" in html
    assert "Lire la transcription de la vidéo" in html
    assert 'aria-pressed="false" data-lsf-toggle>Afficher la langue des signes (LSF)</button>' in html
    assert 'class="video-block__lsf" muted playsinline preload="metadata" hidden' in html


def test_the_h5p_block_requires_a_text_alternative():
    activity = h5p_activity()
    block = H5PActivityBlock()
    value = block.to_python({"activity": activity.pk, "instructions_easy_read": "", "text_alternative": ""})
    assert field_errors(block.clean, value) == {
        "text_alternative": [
            "L'alternative textuelle de l'activité H5P est obligatoire (ou sa version texte à remplir)."
        ]
    }


def test_the_h5p_block_asks_anonymous_visitors_to_log_in_and_always_offers_the_text_version(rf):
    activity = h5p_activity()
    block = H5PActivityBlock()
    value = block.to_python(
        {
            "activity": activity.pk,
            "instructions_easy_read": "Lisez.\nRépondez.",
            "text_alternative": "<p>Version texte</p>",
        }
    )
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/formations/x/")
    request.user = AnonymousUser()
    html = block.render(value, context={"request": request, "block_id": "b2"})
    assert "Connectez-vous pour faire cette activité" in html and 'href="/connexion/?next=/formations/x/"' in html
    assert "lms-h5p-activity" not in html
    assert "<p>Lisez.</p><p>Répondez.</p>" in html and "Version texte" in html


def test_easy_read_text_is_rendered_one_sentence_per_paragraph_with_falc_typography():
    block = EasyReadBlock()
    html = block.render(block.to_python({"heading": "À retenir", "text": "Première phrase.\n\n  Deuxième phrase.  \n"}))
    assert '<div class="easy-read">' in html
    assert "<p>Première phrase.</p><p>Deuxième phrase.</p>" in html


def test_a_document_says_whether_it_is_accessible():
    document = document_from_bytes("Programme", "programme.pdf", b"%PDF-1.7")
    block = DocumentBlock()
    raw = {"document": document.pk, "title": "", "description": "", "accessible": True, "easy_read_document": None}
    html = block.render(block.to_python(raw))
    assert "Document accessible : il se lit avec un lecteur d'écran." in html and "(PDF, 8" in html
    html = block.render(block.to_python({**raw, "accessible": False}))
    assert "Ce document n'est peut-être pas accessible." in html


def test_the_stream_offers_every_accessible_block():
    assert set(CurriculumStreamBlock().child_blocks) == {
        "paragraph",
        "easy_read",
        "pictogram_instructions",
        "document",
        "quote",
        "video",
        "h5p",
    }


def test_media_documents_are_served_with_range_requests(client):
    document = document_from_bytes("Clip", "clip.webm", b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 4)
    url = f"/programme/media/{document.pk}/clip.webm"
    full = client.get(url)
    assert full.status_code == 200 and full["Accept-Ranges"] == "bytes" and full["Content-Type"] == "video/webm"
    part = client.get(url, HTTP_RANGE="bytes=4-7")
    assert part.status_code == 206 and part.content == bytes([0, 1, 2, 3])
    assert part["Content-Range"] == "bytes 4-7/1028"
    assert client.get(url, HTTP_RANGE="bytes=-4").content == bytes([252, 253, 254, 255])
    assert client.get(url, HTTP_RANGE="bytes=5000-").status_code == 416
    assert client.get(f"/programme/media/{document.pk}/autre.webm").status_code == 404
    pdf = document_from_bytes("Notice", "notice.pdf", b"%PDF-1.7")
    assert client.get(f"/programme/media/{pdf.pk}/notice.pdf").status_code == 404


def test_invalid_captions_raise_validation_error_type():
    with pytest.raises(ValidationError):
        clean_video(captions=None)
