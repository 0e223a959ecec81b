"""The dashboards' filter form (GET): period, region, course, territory, organisation, breakdown.
Choices are limited to the viewer's reach; an unknown value is ignored (the filter is not applied)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.forms import AccessibleFormMixin
from lms.people.models import Region, Territory, TrainingOrganisation
from lms.reporting.catalogue import DIMENSION_LABELS, REGION

FIRST_YEAR = 2020


class FilterForm(AccessibleFormMixin, forms.Form):
    annee = forms.TypedChoiceField(label=_("Année"), required=False, coerce=int, empty_value=None)
    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.none(), required=False)
    formation = forms.ModelChoiceField(label=_("Formation"), queryset=CoursePage.objects.none(), required=False)
    territoire = forms.ModelChoiceField(label=_("Territoire"), queryset=Territory.objects.none(), required=False)
    organisme = forms.ModelChoiceField(
        label=_("Organisme de formation"), queryset=TrainingOrganisation.objects.none(), required=False
    )
    par = forms.ChoiceField(label=_("Détailler par"), required=False)

    def __init__(self, data, *, reach, today, with_breakdown=True):
        super().__init__(data)
        self.reach = reach
        self.fields["annee"].choices = [("", _("Toutes"))] + [
            (year, str(year)) for year in range(today.year + 1, FIRST_YEAR - 1, -1)
        ]
        regions = Region.objects.order_by("name")
        territories = Territory.objects.order_by("name")
        organisations = TrainingOrganisation.objects.order_by("name")
        if reach.regions is not None:
            regions = regions.filter(pk__in=reach.regions)
            territories = territories.filter(region_id__in=reach.regions)
        if reach.organisations is not None:
            organisations = organisations.filter(pk__in=reach.organisations)
        if REGION in reach.dimensions:
            self.fields["region"].queryset = regions
        else:
            del self.fields["region"]
        self.fields["formation"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["territoire"].queryset = territories
        self.fields["organisme"].queryset = organisations
        for name in ("region", "formation", "territoire", "organisme"):
            if name in self.fields:
                self.fields[name].empty_label = _("Tous")
        if with_breakdown:
            self.fields["par"].choices = [(dimension, DIMENSION_LABELS[dimension]) for dimension in reach.dimensions]
        else:
            del self.fields["par"]

    def filters(self) -> dict:
        """The scope's filters from the valid fields (an invalid one is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        values = {
            "year": data.get("annee"),
            "region": data.get("region"),
            "course": data.get("formation"),
            "territory": data.get("territoire"),
            "organisation": data.get("organisme"),
        }
        return {key: (value.pk if hasattr(value, "pk") else value) for key, value in values.items() if value}

    def valid_data(self) -> dict[str, str]:
        """The submitted values of the valid fields, as given (for links and the export's request)."""
        self.is_valid()
        valid = getattr(self, "cleaned_data", {})
        return {name: str(self.data.get(name)) for name in self.fields if self.data.get(name) and name in valid}

    def dimension(self, default: str) -> str:
        value = getattr(self, "cleaned_data", {}).get("par") if "par" in self.fields else None
        return value if value in self.reach.dimensions else default

    def described(self) -> list[tuple[str, str]]:
        """(label, value) of each filter, as the exports' "Filtres" sheet lists them."""
        data = getattr(self, "cleaned_data", {})
        shown = []
        for name, field in self.fields.items():
            if name == "par":
                continue
            value = data.get(name)
            shown.append((str(field.label), str(value) if value else str(_("Tous"))))
        return shown


class ReportForm(AccessibleFormMixin, forms.Form):
    """Issuing a funder report: a region of the person's reach and a civil year."""

    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.none(), empty_label=_("Choisir"))
    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)

    def __init__(self, data=None, *, regions, today):
        super().__init__(data)
        self.fields["region"].queryset = regions
        self.fields["annee"].choices = [(year, str(year)) for year in range(today.year, FIRST_YEAR - 1, -1)]


class BpfYearForm(AccessibleFormMixin, forms.Form):
    """The BPF worksheet's civil year (GET); the year before this one unless another is chosen."""

    annee = forms.TypedChoiceField(label=_("Année civile"), coerce=int)

    def __init__(self, data, *, today):
        super().__init__(data)
        self.fields["annee"].choices = [(year, str(year)) for year in range(today.year, FIRST_YEAR - 1, -1)]
        self.default = today.year - 1
        self.fields["annee"].initial = self.default

    def year(self) -> int:
        """The chosen year, or the default one when none (or an unknown one) is given."""
        if self.is_valid():
            return self.cleaned_data["annee"]
        return self.default
