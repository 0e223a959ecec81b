"""Accessible content blocks of the curriculum's StreamFields (session and module bodies).

Each block keeps what an accessibility check needs in plain named fields: captions, transcript,
alt_text, text (easy-read), text_alternative (H5P), accessible (documents).
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.h5p_serving import content_base_url
from lms.uploads import validate_webvtt

VIDEO_EXTENSIONS = {".mp4", ".webm", ".ogv"}
AUDIO_EXTENSIONS = {".mp3", ".m4a", ".ogg", ".oga", ".wav"}
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def easy_read_lines(text: str) -> list[str]:
    """The sentences of an easy-to-read text, one per line (FALC: one sentence per line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _extension(document) -> str:
    return PurePosixPath(document.file.name).suffix.lower() if document else ""


def _read_document(document, limit: int) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read(limit)


class EasyReadBlock(blocks.StructBlock):
    """Easy-to-read (FALC) text: one sentence per line, shown with FALC typography."""

    heading = blocks.CharBlock(
        label=_("titre"), required=False, max_length=120, help_text=_("Un titre court, facultatif.")
    )
    text = blocks.TextBlock(
        label=_("texte en FALC"),
        help_text=_("Une phrase par ligne. Des phrases courtes, des mots simples, pas d'abréviation."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Texte facile à lire (FALC)")
        template = "courses/blocks/easy_read_block.html"
        preview_value = {"heading": "À retenir", "text": "Vous avez une expérience.\nCette expérience est utile."}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["lines"] = easy_read_lines(value.get("text"))
        return context


class PictogramStepBlock(blocks.StructBlock):
    """One instruction illustrated by a pictogram whose alternative text is required."""

    pictogram = ImageChooserBlock(label=_("pictogramme"))
    alt_text = blocks.CharBlock(
        label=_("texte alternatif"),
        max_length=200,
        help_text=_("Ce que montre le pictogramme, pour les personnes qui ne le voient pas. Obligatoire."),
    )
    text = blocks.TextBlock(label=_("consigne"), help_text=_("La consigne, en une ou deux phrases simples."))

    class Meta:
        icon = "image"
        label = _("Étape illustrée")


class PictogramInstructionsBlock(blocks.StructBlock):
    """Step-by-step instructions, each step illustrated by a pictogram."""

    heading = blocks.CharBlock(label=_("titre"), max_length=120, help_text=_("Ex. « Comment se passe l'atelier »."))
    steps = blocks.ListBlock(PictogramStepBlock(), label=_("étapes"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Consignes illustrées de pictogrammes")
        template = "courses/blocks/pictogram_instructions_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, flagged accessible or not, with an optional easy-read version."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("titre affiché"), required=False, max_length=200, help_text=_("Vide : le titre du document.")
    )
    description = blocks.TextBlock(label=_("description"), required=False, help_text=_("À quoi sert ce document."))
    accessible = blocks.BooleanBlock(
        label=_("document accessible"),
        required=False,
        help_text=_("Cochez si le document est balisé et lisible avec un lecteur d'écran (titres, ordre de lecture)."),
    )
    easy_read_document = DocumentChooserBlock(
        label=_("version FALC"), required=False, help_text=_("La version facile à lire du document, s'il y en a une.")
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document")
        template = "courses/blocks/document_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quote, e.g. a trainee's or a peer trainer's words."""

    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur ou autrice"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "courses/blocks/quote_block.html"
        preview_value = {"quote": "Mon expérience est devenue un savoir.", "attribution": "Une intervenante-paire"}


class VideoBlock(blocks.StructBlock):
    """A video with required WebVTT captions and transcript, optional LSF video and audio description."""

    title = blocks.CharBlock(label=_("titre de la vidéo"), max_length=200)
    video = DocumentChooserBlock(
        label=_("fichier vidéo"), required=False, help_text=_("Un fichier MP4 ou WebM déposé dans les documents.")
    )
    video_url = blocks.URLBlock(
        label=_("ou adresse du fichier vidéo"),
        required=False,
        help_text=_("L'adresse directe d'un fichier MP4 ou WebM, si la vidéo n'est pas déposée ici."),
    )
    captions = DocumentChooserBlock(
        label=_("sous-titres (WebVTT)"),
        required=False,
        help_text=_("Obligatoire : le fichier .vtt des sous-titres en français."),
    )
    transcript = blocks.RichTextBlock(
        label=_("transcription"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Obligatoire : tout ce qui est dit et montré dans la vidéo, par écrit."),
    )
    lsf_video = DocumentChooserBlock(
        label=_("vidéo en LSF"),
        required=False,
        help_text=_("Facultatif : l'interprétation en langue des signes, jouée en même temps que la vidéo."),
    )
    audio_description = DocumentChooserBlock(
        label=_("version audiodécrite"),
        required=False,
        help_text=_("Facultatif : la vidéo ou le fichier audio avec la description des images."),
    )

    class Meta:
        icon = "media"
        label = _("Vidéo accessible")
        template = "courses/blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video, url = value.get("video"), value.get("video_url")
        if not video and not url:
            errors["video"] = ValidationError(_("Ajoutez le fichier vidéo ou l'adresse de la vidéo."))
        elif video and _extension(video) not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(_("La vidéo doit être un fichier MP4, WebM ou OGV."))
        elif url and not video and PurePosixPath(url.split("?")[0]).suffix.lower() not in VIDEO_EXTENSIONS:
            errors["video_url"] = ValidationError(_("L'adresse doit mener à un fichier MP4, WebM ou OGV."))
        captions = value.get("captions")
        if not captions:
            errors["captions"] = ValidationError(
                _("Les sous-titres sont obligatoires : ajoutez le fichier WebVTT (.vtt) de la vidéo.")
            )
        else:
            try:
                validate_webvtt(_read_document(captions, 2 * 1024 * 1024), name=captions.file.name)
            except ValidationError as error:
                errors["captions"] = error
        if not value.get("transcript") or not value["transcript"].source.strip():
            errors["transcript"] = ValidationError(
                _("La transcription est obligatoire : elle permet de connaître le contenu sans regarder la vidéo.")
            )
        lsf = value.get("lsf_video")
        if lsf and _extension(lsf) not in VIDEO_EXTENSIONS:
            errors["lsf_video"] = ValidationError(_("La vidéo en LSF doit être un fichier MP4, WebM ou OGV."))
        described = value.get("audio_description")
        if described and _extension(described) not in VIDEO_EXTENSIONS | AUDIO_EXTENSIONS:
            errors["audio_description"] = ValidationError(
                _("La version audiodécrite doit être un fichier vidéo (MP4, WebM) ou audio (MP3, M4A, OGG, WAV).")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        from django.urls import reverse

        video = value.get("video")
        context["video_src"] = (
            reverse("courses:media", args=[video.pk, video.filename]) if video else value.get("video_url")
        )
        described = value.get("audio_description")
        context["audio_description_is_audio"] = bool(described and _extension(described) in AUDIO_EXTENSIONS)
        return context


class TextQuestionBlock(blocks.StructBlock):
    """The activity's question as a plain HTML form: for whoever cannot use the interactive tool.
    Its answer is checked on the server and shown only once the person has answered."""

    question = blocks.TextBlock(
        label=_("question"), required=False, help_text=_("La question, telle qu'elle est posée.")
    )
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("réponse proposée"), required=False),
        label=_("réponses proposées"),
        required=False,
        default=[],
        help_text=_("Dans l'ordre de l'activité. Deux au moins."),
    )
    correct = blocks.IntegerBlock(
        label=_("numéro de la bonne réponse"),
        required=False,
        min_value=1,
        help_text=_("1 pour la première réponse proposée, 2 pour la deuxième…"),
    )
    explanation = blocks.RichTextBlock(
        label=_("explication"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Affichée seulement après la réponse, avec la bonne réponse."),
    )

    class Meta:
        label = _("version texte à remplir")
        icon = "form"


class H5PActivityBlock(blocks.StructBlock):
    """An interactive H5P activity (wagtail-lms player and xAPI capture) with its text version: a
    description and, for questions, the same question as a form recording the same result."""

    activity = SnippetChooserBlock("wagtail_lms.H5PActivity", label=_("activité H5P"))
    instructions_easy_read = blocks.TextBlock(
        label=_("consigne en FALC"), required=False, help_text=_("Une phrase par ligne.")
    )
    text_alternative = blocks.RichTextBlock(
        label=_("alternative textuelle"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Ce que l'activité montre ou demande, sans l'outil interactif. N'y écrivez pas les réponses : "
            "elles vont dans la version texte à remplir, montrées seulement après avoir répondu."
        ),
    )
    text_question = TextQuestionBlock(
        required=False,
        help_text=_(
            "Pour une question : la même question en formulaire simple. Le résultat compte comme celui de "
            "l'activité interactive."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Activité interactive H5P")
        template = "courses/blocks/h5p_activity_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        question = value.get("text_question") or {}
        choices = [c for c in (question.get("choices") or []) if c and c.strip()]
        filled = bool((question.get("question") or "").strip() or choices or question.get("correct"))
        has_alternative = bool(value.get("text_alternative") and value["text_alternative"].source.strip())
        if not has_alternative and not filled:
            errors["text_alternative"] = ValidationError(
                _("L'alternative textuelle de l'activité H5P est obligatoire (ou sa version texte à remplir).")
            )
        if filled:
            if not (question.get("question") or "").strip():
                errors["text_question"] = ValidationError(_("Écrivez la question de la version texte."))
            elif len(choices) < 2:
                errors["text_question"] = ValidationError(_("Proposez au moins deux réponses."))
            elif not question.get("correct") or question["correct"] > len(choices):
                errors["text_question"] = ValidationError(
                    _("Le numéro de la bonne réponse doit être entre 1 et %(count)s.") % {"count": len(choices)}
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["easy_read_lines"] = easy_read_lines(value.get("instructions_easy_read"))
        activity = value.get("activity")
        if activity is not None:
            context["content_url"] = content_base_url(activity)
        question = value.get("text_question") or {}
        choices = [c for c in (question.get("choices") or []) if c and c.strip()]
        if (question.get("question") or "").strip() and len(choices) >= 2 and question.get("correct"):
            request = (parent_context or {}).get("request")
            user = getattr(request, "user", None)
            result = None
            if activity is not None and getattr(user, "is_authenticated", False):
                from courses.selectors import h5p_completion

                result = h5p_completion(user, [activity])[activity.pk]
            context["text_question"] = {
                "question": question["question"],
                "choices": choices,
                # Only once answered: the page never carries the answer before.
                "answered": bool(result and result["completed"]),
                "result": result,
                "answer": choices[question["correct"] - 1] if result and result["completed"] else None,
                "explanation": question.get("explanation") if result and result["completed"] else None,
            }
        return context


class CurriculumStreamBlock(blocks.StreamBlock):
    """The content of a session or a complementary module."""

    paragraph = blocks.RichTextBlock(
        label=_("texte"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="courses/blocks/paragraph_block.html",
        preview_value="<p>Ce que l'on apprend pendant cette séance.</p>",
    )
    easy_read = EasyReadBlock()
    pictogram_instructions = PictogramInstructionsBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    h5p = H5PActivityBlock()
