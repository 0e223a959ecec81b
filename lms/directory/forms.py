"""Forms of the directory pages: they collect input; every rule is the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.directory.models import PHOTO_POLICY, DirectoryEntry, EntryKind, Language
from lms.followup.models import InterventionFormat
from lms.forms import AccessibleFormMixin
from lms.people.models import Region, Territory
from lms.uploads.fields import PolicyFormField


class EntryForm(AccessibleFormMixin, forms.Form):
    """The person's choices, field by field: what they write, and whether it is public."""

    name_display = forms.ChoiceField(
        label=_("Mon nom dans l'annuaire"),
        choices=DirectoryEntry.NameDisplay.choices,
        widget=forms.RadioSelect,
        help_text=_("Votre adresse e-mail et votre téléphone ne sont jamais publiés."),
    )
    show_photo = forms.BooleanField(label=_("Montrer ma photo"), required=False)
    photo = PolicyFormField(
        policy=PHOTO_POLICY,
        label=_("Ma photo"),
        required=False,
        help_text=_("Une photo de vous, au format PNG ou JPEG, 3 Mo au plus."),
    )
    remove_photo = forms.BooleanField(label=_("Supprimer ma photo"), required=False)
    photo_alt = forms.CharField(
        label=_("Ce que montre ma photo"),
        required=False,
        max_length=200,
        help_text=_("Ex. « Nora sourit, devant une bibliothèque. » Ce texte est lu à qui ne voit pas la photo."),
    )
    show_themes = forms.BooleanField(label=_("Montrer mes thèmes"), required=False)
    themes = forms.CharField(
        label=_("Mes thèmes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que je connais par mon expérience et que je veux transmettre."),
    )
    show_audiences = forms.BooleanField(label=_("Montrer mes publics"), required=False)
    audiences = forms.CharField(
        label=_("Les publics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("À qui je veux parler : professionnels, étudiants, familles…"),
    )
    show_formats = forms.BooleanField(label=_("Montrer ce que je fais"), required=False)
    formats = forms.MultipleChoiceField(
        label=_("Ce que je fais"),
        required=False,
        choices=InterventionFormat.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    show_area = forms.BooleanField(label=_("Montrer où j'interviens"), required=False)
    area = forms.CharField(
        label=_("Où j'interviens"), required=False, max_length=200, help_text=_("La ville, le secteur, à distance…")
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Mes départements"),
        required=False,
        queryset=Territory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    show_languages = forms.BooleanField(label=_("Montrer mes langues"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Les langues dans lesquelles j'interviens"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    show_text = forms.BooleanField(label=_("Montrer ma présentation"), required=False)
    text = forms.CharField(
        label=_("Ma présentation, avec mes mots"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    text_easy_read = forms.CharField(
        label=_("Ma présentation en facile à lire"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Des phrases courtes, un mot simple pour chaque idée."),
    )

    FIELDS = (
        "name_display",
        "show_photo",
        "photo_alt",
        "show_themes",
        "themes",
        "show_audiences",
        "audiences",
        "show_formats",
        "formats",
        "show_area",
        "area",
        "departments",
        "show_languages",
        "languages",
        "show_text",
        "text",
        "text_easy_read",
    )

    def __init__(self, *args, entry: DirectoryEntry, departments, **kwargs):
        initial = {name: getattr(entry, name) for name in self.FIELDS if name != "departments"}
        initial["departments"] = [territory.pk for territory in entry.departments.all()]
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["departments"].queryset = departments
        self.fields["departments"].label_from_instance = lambda territory: territory.name
        if not entry.photo:
            del self.fields["remove_photo"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        return {
            **{name: data[name] for name in self.FIELDS if name != "departments"},
            "departments": data["departments"],
            "photo": data.get("photo") or None,
            "remove_photo": data.get("remove_photo", False),
        }


class ConsentForm(AccessibleFormMixin, forms.Form):
    consent = forms.BooleanField(
        label=_(
            "Je suis d'accord pour que les informations que j'ai choisies soient publiques dans l'annuaire. "
            "Je sais que je peux retirer mon accord à tout moment : ma fiche est alors retirée tout de suite."
        ),
        required=False,
    )


class ChangesForm(AccessibleFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Ce qui est à revoir"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La personne lit ce message dans sa fiche."),
    )


class SearchForm(AccessibleFormMixin, forms.Form):
    """The public search: a GET form that works without JavaScript."""

    q = forms.CharField(
        label=_("Rechercher"), required=False, max_length=100, help_text=_("Un prénom, un thème, une ville…")
    )
    kind = forms.ChoiceField(label=_("Qui"), required=False, choices=[("", _("Tout le monde")), *EntryKind.choices])
    theme = forms.CharField(label=_("Thème"), required=False, max_length=100)
    audience = forms.CharField(label=_("Public"), required=False, max_length=100)
    format = forms.ChoiceField(
        label=_("Format d'intervention"),
        required=False,
        choices=[("", _("Tous les formats")), *InterventionFormat.choices],
    )
    region = forms.ModelChoiceField(
        label=_("Région"), required=False, queryset=Region.objects.order_by("name"), empty_label=_("Toutes les régions")
    )
    department = forms.ModelChoiceField(
        label=_("Département"),
        required=False,
        queryset=Territory.objects.none(),
        empty_label=_("Tous les départements"),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].label_from_instance = lambda territory: territory.name

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class ContactForm(AccessibleFormMixin, forms.Form):
    """A visitor's message about an entry, for the regional team. `website` is a trap for robots."""

    name = forms.CharField(label=_("Votre nom"), max_length=150)
    email = forms.EmailField(
        label=_("Votre adresse e-mail"), help_text=_("L'équipe régionale vous répond à cette adresse.")
    )
    organisation = forms.CharField(label=_("Votre structure"), required=False, max_length=200)
    message = forms.CharField(
        label=_("Votre message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dites ce que vous aimeriez organiser, pour qui et quand."),
    )
    website = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
