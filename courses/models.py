"""Curriculum pages: the home page, the course index, the two courses and their sessions."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet


class Audience(models.TextChoices):
    """Who a course is for."""

    PEER_INTERVENERS = "peer_interveners", _("Intervenants-pairs")
    REFERENTS = "referents", _("Référents de l'intervention par les pairs")


class ObjectiveScope(models.TextChoices):
    """Which course(s) an objective belongs to (kit, annex 3)."""

    COMMON = "common", _("Commun aux deux formations")
    PEER_INTERVENERS = "peer_interveners", _("Spécifique aux intervenants-pairs")
    REFERENTS = "referents", _("Spécifique aux référents")
    JOINT = "joint", _("Transversal aux séances communes")


@register_snippet
class LearningObjective(models.Model):
    """A learning objective of the kit, with its scope and an easy-to-read wording."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("Ex. C1 à C12, IP1 à IP3, RP1, RP2, T."))
    scope = models.CharField(_("portée"), max_length=20, choices=ObjectiveScope.choices)
    wording = models.TextField(_("libellé du kit"), help_text=_("Le libellé exact du kit formations."))
    easy_read_wording = models.TextField(
        _("libellé en FALC"), help_text=_("Le même objectif en facile à lire et à comprendre.")
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("scope"),
        FieldPanel("wording"),
        FieldPanel("easy_read_wording"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("objectif pédagogique")
        verbose_name_plural = _("objectifs pédagogiques")

    def __str__(self):
        return f"{self.code} — {self.wording[:80]}"

    def applies_to(self, audience: str) -> bool:
        """Whether a course for `audience` works on this objective (joint ones apply to both)."""
        return self.scope in (ObjectiveScope.COMMON, ObjectiveScope.JOINT, audience)


class HomePage(Page):
    """The site's home page: what EPoP training is and the two courses."""

    intro = RichTextField(_("introduction"), blank=True, help_text=_("Présentation courte de la plateforme."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import published_courses

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = published_courses()
        return context


class CourseIndexPage(Page):
    """Lists the courses."""

    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("Texte affiché au-dessus de la liste des formations.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("liste des formations")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import published_courses

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = published_courses()
        return context


class CoursePage(Page):
    """One EPoP course (peer interveners or referents): its public sheet and the kit's rules that
    the rest of the platform enforces."""

    # Explicit parent link: wagtail-lms ships a CoursePage model whose default accessor would clash.
    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="epop_course_page", primary_key=True
    )
    audience = models.CharField(
        _("public"),
        max_length=30,
        choices=Audience.choices,
        unique=True,
        help_text=_("Public visé : une seule formation par public."),
    )
    summary = models.TextField(
        _("résumé"), help_text=_("Deux ou trois phrases affichées dans la liste des formations.")
    )
    summary_easy_read = models.TextField(
        _("résumé en FALC"),
        blank=True,
        help_text=_("Le même résumé en facile à lire et à comprendre."),
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("taille maximale du groupe"),
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Kit : 8 intervenants-pairs au plus, 12 à 15 référents au plus."),
    )
    max_hours_per_session = models.DecimalField(
        _("durée maximale d'une séance (heures)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kit : 6 h au plus pour les intervenants-pairs. Vide : pas de limite."),
    )
    planned_total_hours = models.DecimalField(
        _("durée totale prévue (heures)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("35"),
        help_text=_("Kit : environ 35 heures."),
    )
    min_days = models.PositiveSmallIntegerField(_("nombre minimal de jours"), default=5)
    max_days = models.PositiveSmallIntegerField(_("nombre maximal de jours"), default=8)
    min_span_months = models.PositiveSmallIntegerField(_("étalement minimal (mois)"), default=3)
    max_span_months = models.PositiveSmallIntegerField(_("étalement maximal (mois)"), default=4)
    prefers_half_days = models.BooleanField(
        _("demi-journées préférées"),
        default=False,
        help_text=_("Kit : pour les intervenants-pairs, privilégier les demi-journées."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("summary_easy_read"),
        MultiFieldPanel(
            [
                FieldPanel("max_group_size"),
                FieldPanel("max_hours_per_session"),
                FieldPanel("planned_total_hours"),
                FieldPanel("min_days"),
                FieldPanel("max_days"),
                FieldPanel("min_span_months"),
                FieldPanel("max_span_months"),
                FieldPanel("prefers_half_days"),
            ],
            heading=_("Règles du kit"),
        ),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.SessionPage"]

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")


class SessionPage(Page):
    """One day or half-day of a course's curriculum, in the order of the page tree."""

    summary = models.TextField(
        _("résumé"), blank=True, help_text=_("Ce que l'on fait pendant cette séance, en deux phrases.")
    )
    objectives = ParentalManyToManyField(
        LearningObjective,
        blank=True,
        related_name="session_pages",
        verbose_name=_("objectifs travaillés"),
        help_text=_("Les objectifs du kit travaillés pendant cette séance."),
    )
    can_be_joint = models.BooleanField(
        _("peut être commune"),
        default=False,
        help_text=_("La séance peut réunir intervenants-pairs et référents."),
    )
    intersession_task_title = models.CharField(
        _("titre du travail d'intersession"),
        max_length=200,
        blank=True,
        help_text=_("Laisser vide s'il n'y a pas de travail à faire avant la séance suivante."),
    )
    intersession_instructions = models.TextField(
        _("consignes"), blank=True, help_text=_("Consignes du travail d'intersession.")
    )
    intersession_instructions_easy_read = models.TextField(
        _("consignes en FALC"),
        blank=True,
        help_text=_("Les mêmes consignes en facile à lire et à comprendre."),
    )
    accepts_text = models.BooleanField(_("réponse écrite acceptée"), default=True)
    accepts_file = models.BooleanField(_("fichier accepté"), default=True)
    accepts_audio = models.BooleanField(_("enregistrement audio accepté"), default=True)
    accepts_video = models.BooleanField(_("enregistrement vidéo accepté"), default=True)
    accepts_oral = models.BooleanField(
        _("présentation orale acceptée"),
        default=True,
        help_text=_("« Je le présenterai à l'oral à la prochaine séance. »"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("can_be_joint"),
        MultiFieldPanel(
            [
                FieldPanel("intersession_task_title"),
                FieldPanel("intersession_instructions"),
                FieldPanel("intersession_instructions_easy_read"),
                FieldPanel("accepts_text"),
                FieldPanel("accepts_file"),
                FieldPanel("accepts_audio"),
                FieldPanel("accepts_video"),
                FieldPanel("accepts_oral"),
            ],
            heading=_("Travail d'intersession"),
        ),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("séance du programme")
        verbose_name_plural = _("séances du programme")

    @property
    def has_intersession_task(self) -> bool:
        return bool(self.intersession_task_title)
