"""Forms of the certificates pages; the rules themselves live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.certificates.models import OrganisationSignatory
from lms.forms import AccessibleFormMixin

MAX_IMAGE_BYTES = 2 * 1024 * 1024


class RevocationForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif de la révocation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Il reste dans le dossier. Il n'est pas affiché sur la page publique de vérification."),
        error_messages={"required": _("Indiquez le motif de la révocation.")},
    )


class VerificationForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code de vérification"),
        max_length=40,
        help_text=_("Il est imprimé en bas du document, par exemple ABCD-EFGH-IJKL-MNOP-QRST."),
        error_messages={"required": _("Indiquez le code imprimé sur le document.")},
    )


class SignatoryForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = OrganisationSignatory
        fields = ["signatory_name", "signatory_title", "place", "stamp", "signature"]
        error_messages = {"signatory_name": {"required": _("Indiquez le nom du représentant légal.")}}
        widgets = {
            "stamp": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
            "signature": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }

    def _check_image(self, name):
        image = self.cleaned_data.get(name)
        if image and getattr(image, "size", 0) > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("L'image ne doit pas dépasser 2 Mo."))
        content_type = getattr(getattr(image, "image", None), "format", None)
        if image and hasattr(image, "content_type") and content_type not in (None, "PNG", "JPEG"):
            raise forms.ValidationError(_("Choisissez une image PNG ou JPEG."))
        return image

    def clean_stamp(self):
        return self._check_image("stamp")

    def clean_signature(self):
        return self._check_image("signature")
