"""Forms of the accessibility pages; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.models import ArrangementKind, ArrangementLine, CriterionCheck
from lms.forms import AccessibleFormMixin


class DisplayPreferencesForm(AccessibleFormMixin, forms.Form):
    falc = forms.BooleanField(
        label=_("Facile à lire et à comprendre (FALC)"),
        required=False,
        help_text=_("Affiche la version facile à lire des textes quand elle existe."),
    )
    larger_text = forms.BooleanField(label=_("Texte plus grand"), required=False)
    high_contrast = forms.BooleanField(label=_("Contraste renforcé"), required=False)
    more_spacing = forms.BooleanField(label=_("Plus d'espace entre les lignes et les lettres"), required=False)
    reduced_motion = forms.BooleanField(label=_("Pas d'animation"), required=False)


class ConsentForm(AccessibleFormMixin, forms.Form):
    # The checkbox is described by the consent text shown above it (id "consent-text" in needs.html).
    accepted = forms.BooleanField(
        label=_("J'ai lu ce texte et je suis d'accord."),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
    )


class NeedForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Aménagement"), choices=[("", "—")] + list(ArrangementKind.choices))
    details = forms.CharField(
        label=_("Précisions (facultatif, obligatoire pour « Autre »)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dites ce qui vous aide. N'écrivez pas de diagnostic ni d'information médicale."),
    )


class NeedDetailsForm(AccessibleFormMixin, forms.Form):
    details = forms.CharField(label=_("Précisions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ArrangementLineForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Statut"), choices=ArrangementLine.Status.choices)
    provider = forms.CharField(label=_("Prestataire"), required=False, max_length=200)
    cost = forms.CharField(label=_("Coût (€ TTC)"), required=False, max_length=20)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ThemeCheckForm(AccessibleFormMixin, forms.Form):
    """The team's verdict and note on each criterion of one RGAA theme."""

    def __init__(self, *args, theme, checks, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme = theme
        for number, check in checks:
            key = number.replace(".", "_")
            self.fields[f"verdict_{key}"] = forms.ChoiceField(
                label=_("Critère %(number)s : verdict") % {"number": number},
                choices=CriterionCheck.Verdict.choices,
                initial=check.verdict if check else CriterionCheck.Verdict.NOT_CHECKED,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Critère %(number)s : constat") % {"number": number},
                required=False,
                initial=check.note if check else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def verdicts(self) -> dict[str, tuple[str, str]]:
        return {
            number: (
                self.cleaned_data[f"verdict_{number.replace('.', '_')}"],
                self.cleaned_data[f"note_{number.replace('.', '_')}"],
            )
            for number in self.theme.criteria
        }

    def rows(self):
        """(criterion number, verdict field, note field) for the template."""
        for number in self.theme.criteria:
            key = number.replace(".", "_")
            yield number, self[f"verdict_{key}"], self[f"note_{key}"]
