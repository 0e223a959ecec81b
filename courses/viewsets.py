"""Admin viewsets replacing wagtail-lms's H5P activity ones, so that every uploaded package goes
through our validator (courses.h5p) before wagtail-lms extracts it. Selected in settings through
WAGTAIL_LMS_H5P_ACTIVITY_VIEWSET_CLASS and WAGTAIL_LMS_H5P_SNIPPET_VIEWSET_CLASS."""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_lms import viewsets as lms_viewsets

from courses.h5p import validate_h5p_package
from lms.uploads import normalize_filename


class H5PActivityForm(WagtailAdminModelForm):
    """Refuses an unsafe or malformed .h5p package with a French message next to the field."""

    def clean_package_file(self):
        upload = self.cleaned_data.get("package_file")
        if isinstance(upload, UploadedFile):
            validate_h5p_package(upload)
            upload.name = normalize_filename(upload.name)
        return upload


H5P_PANELS = [
    FieldPanel("title", heading=_("Titre"), help_text=_("Le titre de l'activité, lu par les stagiaires.")),
    FieldPanel("description", heading=_("Description"), help_text=_("À quoi sert l'activité (visible des éditeurs).")),
    FieldPanel(
        "package_file",
        heading=_("Paquet H5P (.h5p)"),
        help_text=_(
            "Un paquet .h5p complet exporté depuis H5P (bibliothèques comprises), 50 Mo au plus. Il est vérifié "
            "selon la spécification H5P avant d'être accepté : chaque problème trouvé est listé avec ce qu'il faut "
            "faire."
        ),
    ),
    FieldPanel(
        "extracted_path",
        heading=_("Dossier extrait"),
        read_only=True,
        help_text=_("Rempli automatiquement : où le lecteur trouve le paquet décompressé."),
    ),
    FieldPanel(
        "main_library",
        heading=_("Bibliothèque principale"),
        read_only=True,
        help_text=_("Rempli automatiquement depuis h5p.json : le type de contenu (ex. H5P.TrueFalse)."),
    ),
]


class H5PActivityViewSet(lms_viewsets.H5PActivityViewSet):
    menu_label = _("Activités H5P")
    edit_handler = ObjectList(H5P_PANELS, base_form_class=H5PActivityForm)


class H5PActivitySnippetViewSet(lms_viewsets.H5PActivitySnippetViewSet):
    menu_label = _("Activités H5P")
    edit_handler = ObjectList(H5P_PANELS, base_form_class=H5PActivityForm)
