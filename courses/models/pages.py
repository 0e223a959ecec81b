"""Curriculum pages: home, course index, the two courses (public course sheets), their sessions and
the complementary modules."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.blocks import CurriculumStreamBlock
from courses.models.objectives import Audience, LearningObjective, ObjectiveScope
from lms.people.permissions import can_view_trainer_notes

SHEET_FEATURES = ["bold", "italic", "ol", "ul", "link"]
# Kit, annex 3: group size and session length limits per audience.
KIT_MAX_GROUP_SIZE = {Audience.PEER_INTERVENERS: 8, Audience.REFERENTS: 15}
KIT_MAX_HOURS_PER_SESSION = {Audience.PEER_INTERVENERS: Decimal("6")}


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
    """Lists the courses and the complementary modules."""

    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("Texte affiché au-dessus de la liste des formations.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage", "courses.ComplementaryModulePage"]

    class Meta:
        verbose_name = _("liste des formations")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import complementary_modules, published_courses

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = published_courses()
        context["modules"] = complementary_modules(self)
        return context


class CoursePage(Page):
    """One EPoP course (peer interveners or referents): its public sheet (Qualiopi indicator 1) and
    the kit's rules that the rest of the platform enforces."""

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
    target_audience = models.TextField(
        _("public visé"), blank=True, help_text=_("Qui peut suivre la formation (fiche formation, Qualiopi).")
    )
    prerequisites = models.TextField(
        _("prérequis"),
        blank=True,
        help_text=_("Ce qui est demandé avant d'entrer en formation. Une ligne par prérequis."),
    )
    prerequisites_easy_read = models.TextField(
        _("prérequis en FALC"), blank=True, help_text=_("Les prérequis en facile à lire, une phrase par ligne.")
    )
    access_conditions = models.TextField(
        _("modalités d'accès"),
        blank=True,
        help_text=_("Comment s'inscrire : candidature, entretien de sélection, engagement de l'employeur…"),
    )
    access_delay = models.CharField(
        _("délai d'accès"),
        max_length=200,
        blank=True,
        help_text=_("Délai entre la demande et le début de la formation, ex. « 1 à 3 mois »."),
    )
    price = models.CharField(
        _("tarif"),
        max_length=200,
        blank=True,
        help_text=_("Ex. « Gratuit pour les stagiaires : financé par l'appel à projets régional »."),
    )
    teaching_methods = RichTextField(
        _("méthodes pédagogiques"),
        blank=True,
        features=SHEET_FEATURES,
        help_text=_("Ateliers, mises en situation, vidéos, co-animation par un formateur et un formateur pair…"),
    )
    evaluation_methods = RichTextField(
        _("modalités d'évaluation"),
        blank=True,
        features=SHEET_FEATURES,
        help_text=_("Positionnement d'entrée, évaluations intermédiaires et finale des objectifs, attestation."),
    )
    accessibility = RichTextField(
        _("accessibilité aux personnes en situation de handicap"),
        blank=True,
        features=SHEET_FEATURES,
        help_text=_("Aménagements possibles (LSF, LPC, vélotypie, FALC, CAA…), locaux, référent handicap."),
    )
    contact_name = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("Nom ou service à contacter pour la formation.")
    )
    contact_email = models.EmailField(_("adresse e-mail du contact"), blank=True, help_text=_("Adresse publique."))
    contact_phone = models.CharField(
        _("téléphone du contact"), max_length=30, blank=True, help_text=_("Numéro public, facultatif.")
    )
    sheet_updated_on = models.DateField(
        _("fiche mise à jour le"),
        null=True,
        blank=True,
        help_text=_("Date affichée sur la fiche. Vide : la date de la dernière publication."),
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
                FieldPanel("target_audience"),
                FieldPanel("prerequisites"),
                FieldPanel("prerequisites_easy_read"),
                FieldPanel("access_conditions"),
                FieldPanel("access_delay"),
                FieldPanel("price"),
                FieldPanel("teaching_methods"),
                FieldPanel("evaluation_methods"),
                FieldPanel("accessibility"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("sheet_updated_on"),
            ],
            heading=_("Fiche formation (Qualiopi, indicateur 1)"),
        ),
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

    def clean(self):
        super().clean()
        errors = {}
        kit_size = KIT_MAX_GROUP_SIZE.get(self.audience)
        if kit_size and self.max_group_size and self.max_group_size > kit_size:
            errors["max_group_size"] = _("Le kit limite ce groupe à %(max)s personnes.") % {"max": kit_size}
        kit_hours = KIT_MAX_HOURS_PER_SESSION.get(self.audience)
        if kit_hours and (self.max_hours_per_session is None or self.max_hours_per_session > kit_hours):
            errors["max_hours_per_session"] = _("Le kit limite une séance à %(max)s heures pour ce public.") % {
                "max": int(kit_hours)
            }
        if self.min_days > self.max_days:
            errors["max_days"] = _("Le nombre maximal de jours doit être au moins égal au nombre minimal.")
        if self.min_span_months > self.max_span_months:
            errors["max_span_months"] = _("L'étalement maximal doit être au moins égal à l'étalement minimal.")
        if errors:
            raise ValidationError(errors)

    @property
    def updated_on(self):
        """The "mis à jour le" date of the course sheet."""
        if self.sheet_updated_on:
            return self.sheet_updated_on
        published = self.last_published_at or self.first_published_at
        return published.date() if published else None

    def get_context(self, request, *args, **kwargs):
        from courses.offers import upcoming_offers
        from courses.selectors import course_sessions, objectives_for_course, transversal_objectives

        context = super().get_context(request, *args, **kwargs)
        context["objectives"] = objectives_for_course(self)
        context["transversal_objectives"] = transversal_objectives()
        context["sessions"] = course_sessions(self)
        context["offers"] = upcoming_offers([self.pk])[self.pk]
        return context


class SessionPage(Page):
    """One day or half-day of a course's curriculum, in the order of the page tree."""

    summary = models.TextField(
        _("résumé"), blank=True, help_text=_("Ce que l'on fait pendant cette séance, en deux phrases.")
    )
    summary_easy_read = models.TextField(
        _("résumé en FALC"), blank=True, help_text=_("Le même résumé en facile à lire, une phrase par ligne.")
    )
    planned_hours = models.DecimalField(
        _("durée prévue (heures)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Durée de la séance ; ne dépasse pas la durée maximale d'une séance de la formation."),
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
    body = StreamField(
        CurriculumStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("Le contenu de la séance, consultable en ligne, notamment pour rattraper une absence."),
    )
    preparation_notes = RichTextField(
        _("notes de préparation"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        help_text=_(
            "Réservé aux formateurs : déroulé, méthodes (ateliers, jeux de rôle, vidéos), points de vigilance."
        ),
    )
    preparation_materials = models.TextField(
        _("matériel"),
        blank=True,
        help_text=_("Réservé aux formateurs : le matériel à prévoir, une ligne par élément."),
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
        FieldPanel("summary_easy_read"),
        FieldPanel("planned_hours"),
        FieldPanel("objectives"),
        FieldPanel("can_be_joint"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("preparation_notes"), FieldPanel("preparation_materials")],
            heading=_("Préparation (formateurs seulement)"),
        ),
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

    @property
    def accepted_answer_forms(self) -> list[str]:
        """The answer forms a trainee may use for the intersession task, as French labels."""
        forms = [
            (self.accepts_text, _("un texte")),
            (self.accepts_file, _("un fichier")),
            (self.accepts_audio, _("un enregistrement audio")),
            (self.accepts_video, _("une vidéo")),
            (self.accepts_oral, _("une présentation orale à la séance suivante")),
        ]
        return [label for accepted, label in forms if accepted]

    def course(self) -> "CoursePage | None":
        """The course this session belongs to (its parent page)."""
        parent = self.get_parent()
        return parent.specific if parent else None

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import sibling_sessions

        context = super().get_context(request, *args, **kwargs)
        block_types = {block.block_type for block in self.body}
        context["course"] = self.course()
        context["objectives"] = self.objectives.all()
        context["show_trainer_notes"] = can_view_trainer_notes(request.user)
        context["has_h5p"] = "h5p" in block_types
        context["has_video"] = "video" in block_types
        context["previous_session"], context["next_session"] = sibling_sessions(self)
        return context

    def clean(self):
        super().clean()
        errors = {}
        # A page being created is not in the tree yet: its course rules apply from its first edit.
        course = self.course() if self.pk else None
        if self.has_intersession_task:
            if not self.intersession_instructions.strip():
                errors["intersession_instructions"] = _("Écrivez les consignes du travail d'intersession.")
            if not self.intersession_instructions_easy_read.strip():
                errors["intersession_instructions_easy_read"] = _(
                    "Écrivez aussi les consignes en FALC : des stagiaires en ont besoin."
                )
            if not self.accepted_answer_forms:
                errors["accepts_text"] = _("Acceptez au moins une forme de réponse pour le travail d'intersession.")
        if isinstance(course, CoursePage):
            limit = course.max_hours_per_session
            if limit is not None and self.planned_hours is not None and self.planned_hours > limit:
                errors["planned_hours"] = _("Une séance de cette formation dure %(max)s heures au plus.") % {
                    "max": f"{float(limit):g}"
                }
            objectives = list(self.objectives.all())
            foreign = [
                o.code
                for o in objectives
                if o.scope not in (ObjectiveScope.COMMON, ObjectiveScope.JOINT, course.audience)
            ]
            if foreign:
                errors["objectives"] = _("Ces objectifs ne concernent pas cette formation : %(codes)s.") % {
                    "codes": ", ".join(foreign)
                }
            elif any(o.is_transversal for o in objectives) and not self.can_be_joint:
                errors["objectives"] = _("L'objectif transversal ne s'applique qu'aux séances communes.")
        if errors:
            raise ValidationError(errors)


class ModuleTopic(models.TextChoices):
    """The complementary modules the kit names."""

    EASY_READ = "easy_read", _("FALC (facile à lire et à comprendre)")
    PUBLIC_SPEAKING = "public_speaking", _("Prise de parole en public")
    SELF_DETERMINATION = "self_determination", _("Autodétermination")
    LEADING_WORKSHOPS = "leading_workshops", _("Animation d'ateliers")
    HELPING_RELATIONSHIP = "helping_relationship", _("Relation d'aide")
    OTHER = "other", _("Autre")


class ComplementaryModulePage(Page):
    """An optional module after the course (kit: FALC, public speaking, self-determination…)."""

    topic = models.CharField(
        _("thème"), max_length=30, choices=ModuleTopic.choices, help_text=_("Le thème du module, parmi ceux du kit.")
    )
    audience = models.CharField(
        _("public"),
        max_length=30,
        choices=Audience.choices,
        blank=True,
        help_text=_("Vide : ouvert aux intervenants-pairs et aux référents."),
    )
    summary = models.TextField(_("résumé"), help_text=_("Deux ou trois phrases sur le module."))
    summary_easy_read = models.TextField(
        _("résumé en FALC"), blank=True, help_text=_("Le même résumé en facile à lire, une phrase par ligne.")
    )
    duration_hours = models.DecimalField(
        _("durée (heures)"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("Durée indicative.")
    )
    body = StreamField(
        CurriculumStreamBlock(), blank=True, verbose_name=_("contenu"), help_text=_("Le contenu du module.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("summary_easy_read"),
        FieldPanel("duration_hours"),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module complémentaire")
        verbose_name_plural = _("modules complémentaires")
