"""Forms of surveys, complaints and improvement actions (they validate input; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin
from lms.people.models import Region
from lms.surveys.models import Complaint, ImprovementAction, Question

# The 1–5 scale: a label and a pictogram for each point (the pictogram is decoration, the label is read).
SCALE = [
    ("1", _("Pas du tout satisfait"), _("Je ne suis pas content du tout"), "😞"),
    ("2", _("Peu satisfait"), _("Je ne suis pas content"), "🙁"),
    ("3", _("Moyennement satisfait"), _("C'est moyen"), "😐"),
    ("4", _("Satisfait"), _("Je suis content"), "🙂"),
    ("5", _("Très satisfait"), _("Je suis très content"), "😀"),
]
YES_NO = [("yes", _("Oui"), _("Oui"), "👍"), ("no", _("Non"), _("Non"), "👎")]


class SurveyAnswerForm(AccessibleFormMixin, forms.Form):
    """One field per question of the template, named by the question's stable code."""

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(template.questions.all())
        for question in self.questions:
            if question.kind == Question.Kind.TEXT:
                field = forms.CharField(
                    label=question.text, required=question.required, max_length=4000, widget=forms.Textarea({"rows": 4})
                )
                options = []
            else:
                options = {
                    Question.Kind.SCALE: SCALE,
                    Question.Kind.YES_NO: YES_NO,
                }.get(question.kind) or [(choice, choice, choice, "") for choice in question.choices]
                field = forms.ChoiceField(
                    label=question.text,
                    required=question.required,
                    choices=[(value, label) for value, label, _easy, _picto in options],
                    widget=forms.RadioSelect,
                )
            field.question = question
            field.options = options
            self.fields[question.code] = field

    def rows(self):
        """(bound field, question, options with their easy-read label and pictogram) for the template."""
        for question in self.questions:
            bound = self[question.code]
            options = []
            for index, (value, label, easy, picto) in enumerate(self.fields[question.code].options):
                choice_id = f"{bound.auto_id}_{index}"
                options.append(
                    {
                        "value": value,
                        "label": label,
                        "easy": easy,
                        "picto": picto,
                        "id": choice_id,
                        "checked": str(bound.value()) == str(value),
                    }
                )
            yield bound, question, options


# --- Complaints and improvement actions ------------------------------------------------------------


def category_choices() -> list[tuple[str, str]]:
    """Each category with its easy-to-read wording, built when the form is shown (in its language)."""
    return [(value, f"{label} — {CATEGORY_EASY[value]}") for value, label in Complaint.Category.choices]


CATEGORY_EASY = {
    "content": _("Ce qu'on apprend"),
    "logistics": _("La salle, les horaires, le transport"),
    "trainer": _("Un formateur"),
    "accessibility": _("L'accessibilité, l'aide dont j'ai besoin"),
    "administrative": _("Les papiers, l'inscription"),
    "technical": _("Le site, l'ordinateur"),
}


class PublicComplaintForm(AccessibleFormMixin, forms.Form):
    """The public form: anyone, signed in or not, may stay anonymous."""

    region = forms.ModelChoiceField(
        label=_("Région de la formation"), queryset=Region.objects.all(), help_text=_("Où a lieu la formation ?")
    )
    category = forms.ChoiceField(
        label=_("C'est à propos de"),
        choices=category_choices,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Ce qui s'est passé"),
        widget=forms.Textarea({"rows": 6}),
        max_length=5000,
        help_text=_("Racontez avec vos mots. Vous pouvez écrire court."),
    )
    name = forms.CharField(label=_("Votre nom (facultatif)"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("Votre e-mail (facultatif)"),
        required=False,
        help_text=_("Pour recevoir notre réponse. Sans e-mail, la réclamation reste anonyme."),
    )


class MyComplaintForm(AccessibleFormMixin, forms.Form):
    """From Mon espace: the complainant is the signed-in person, the group one of theirs."""

    group = forms.ModelChoiceField(label=_("Mon groupe"), queryset=None, required=False, empty_label=_("Aucun"))
    category = PublicComplaintForm.base_fields["category"]
    description = PublicComplaintForm.base_fields["description"]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["group"].required = True


class IncidentForm(AccessibleFormMixin, forms.Form):
    session = forms.ModelChoiceField(label=_("Séance"), queryset=None)
    category = forms.ChoiceField(label=_("Catégorie"), choices=Complaint.Category.choices)
    severity = forms.ChoiceField(label=_("Gravité"), choices=Complaint.Severity.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 5}), max_length=5000)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: f"{s.date:%d/%m/%Y} — {s.session_page.title}"


class AnswerComplaintForm(AccessibleFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Réponse envoyée"), widget=forms.Textarea({"rows": 6}), max_length=5000, required=False
    )


class CloseComplaintForm(AccessibleFormMixin, forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("La personne est-elle satisfaite de la réponse ?"),
        choices=Complaint.Satisfaction.choices,
        widget=forms.RadioSelect,
    )


class ActionForm(AccessibleFormMixin, forms.Form):
    source = forms.ChoiceField(label=_("Origine"), choices=ImprovementAction.Source.choices)
    complaint = forms.ModelChoiceField(label=_("Réclamation"), queryset=None, required=False)
    campaign = forms.ModelChoiceField(label=_("Campagne de questionnaire"), queryset=None, required=False)
    region = forms.ModelChoiceField(label=_("Région"), queryset=None)
    finding = forms.CharField(label=_("Constat (tendance)"), widget=forms.Textarea({"rows": 3}), max_length=4000)
    decision = forms.CharField(label=_("Décision"), widget=forms.Textarea({"rows": 3}), max_length=4000)
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Responsable"), queryset=None)
    due_on = forms.DateField(label=_("Échéance"), widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args, complaints, campaigns, regions, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complaint"].queryset = complaints
        self.fields["campaign"].queryset = campaigns
        self.fields["region"].queryset = regions
        self.fields["owner"].queryset = owners


class ActionUpdateForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Statut"), choices=ImprovementAction.Status.choices)
    effectiveness = forms.CharField(
        label=_("Vérification de l'efficacité (résultat)"),
        widget=forms.Textarea({"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_("Obligatoire pour « efficacité vérifiée » : ce que la vérification a montré."),
    )
