"""Forms of the calls for tenders: they collect input; every rule is the services' (lms/forms.py shows
their refusals next to the field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.cohorts.forms import DateInput, TimeInput
from lms.forms import AccessibleFormMixin
from lms.people.models import Region, Territory
from lms.tenders.kit import DEFAULT_CRITERIA
from lms.tenders.models import CheckMethod, Level, PriceLine, Procedure, Rule

LOT_ROWS = 3
ADDED_ROWS = 2
TEAM_ROWS = 4
SESSION_ROWS = 8
ACCESSIBILITY_MEANS = [
    ("LSF", _("Interprétation en langue des signes (LSF)")),
    ("LPC", _("Codage en langue française parlée complétée (LPC)")),
    ("vélotypie", _("Transcription en temps réel (vélotypie)")),
    ("sous-titrage", _("Sous-titrage des vidéos")),
    ("FALC", _("Supports en facile à lire et à comprendre (FALC)")),
    ("CAA", _("Communication alternative et améliorée (CAA), pictogrammes")),
    ("personnes d'appui", _("Personnes d'appui")),
    ("locaux accessibles", _("Locaux accessibles avec une salle de pause")),
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class RequirementForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20, help_text=_("Un code existant modifie son exigence ; un nouveau code l'ajoute.")
    )
    wording = forms.CharField(label=_("Libellé"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    level = forms.ChoiceField(label=_("Niveau"), choices=Level.choices)
    check_method = forms.ChoiceField(
        label=_("Mode de contrôle"), choices=CheckMethod.choices, initial=CheckMethod.EVALUATORS
    )
    rule = forms.ChoiceField(
        label=_("Règle du kit (contrôle automatique)"), choices=Rule.choices, required=False,
        help_text=_("La règle de la plateforme appliquée au calendrier et à l'équipe de chaque offre."),
    )  # fmt: skip


class CallForm(AccessibleFormMixin, forms.Form):
    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    procedure = forms.ChoiceField(label=_("Type de procédure"), choices=Procedure.choices, widget=forms.RadioSelect)
    publication_date = forms.DateField(label=_("Date de publication"), widget=DateInput())
    questions_deadline = forms.DateTimeField(label=_("Date limite des questions"), widget=DateTimeInput())
    submission_deadline = forms.DateTimeField(label=_("Date limite de remise des offres"), widget=DateTimeInput())
    award_date = forms.DateField(label=_("Date prévue d'attribution"), widget=DateInput())
    start_date = forms.DateField(label=_("Début prévu des formations"), widget=DateInput())

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        courses = CoursePage.objects.live().order_by("title")
        territories = Territory.objects.filter(region__in=regions).order_by("code", "name")
        for index in range(1, LOT_ROWS + 1):
            self.fields[f"lot_course_{index}"] = forms.ModelChoiceField(
                label=_("Lot %(number)s : formation") % {"number": index}, queryset=courses, required=index == 1,
                empty_label=_("Pas de lot") if index > 1 else _("Choisir"),
            )  # fmt: skip
            self.fields[f"lot_territory_{index}"] = forms.ModelChoiceField(
                label=_("Lot %(number)s : territoire") % {"number": index}, queryset=territories,
                required=index == 1, empty_label=_("Pas de lot") if index > 1 else _("Choisir"),
            )  # fmt: skip
        for index, (label, weight) in enumerate(DEFAULT_CRITERIA):
            self.fields[f"weight_{index}"] = forms.IntegerField(
                label=_("Pondération : %(criterion)s (points)") % {"criterion": label}, min_value=0, max_value=100,
                initial=weight,
            )  # fmt: skip
        for index in range(1, ADDED_ROWS + 1):
            self.fields[f"added_code_{index}"] = forms.CharField(
                label=_("Exigence régionale %(number)s : code") % {"number": index}, max_length=20, required=False
            )
            self.fields[f"added_wording_{index}"] = forms.CharField(
                label=_("Exigence régionale %(number)s : libellé") % {"number": index}, max_length=2000,
                required=False, widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    @property
    def main_fields(self):
        return [self[name] for name in ("region", "title", "procedure")]

    @property
    def timetable_fields(self):
        return [
            self[name]
            for name in ("publication_date", "questions_deadline", "submission_deadline", "award_date", "start_date")
        ]

    @property
    def lot_fields(self):
        return [self[name] for name in self.fields if name.startswith("lot_")]

    @property
    def weight_fields(self):
        return [self[name] for name in self.fields if name.startswith("weight_")]

    @property
    def added_fields(self):
        return [self[name] for name in self.fields if name.startswith("added_")]


class RegistrationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Raison sociale de l'organisme"), max_length=200)
    siret = forms.CharField(label=_("SIRET"), max_length=20, help_text=_("14 chiffres."))
    nda = forms.CharField(
        label=_("Numéro de déclaration d'activité (NDA)"), max_length=20,
        help_text=_("11 chiffres, attribués par la préfecture de région."),
    )  # fmt: skip
    region = forms.ModelChoiceField(
        label=_("Région où vous répondez"), queryset=Region.objects.order_by("name"), empty_label=_("Choisir")
    )
    contact_name = forms.CharField(label=_("Nom et prénom du contact"), max_length=150)
    contact_email = forms.EmailField(
        label=_("E-mail du contact"), help_text=_("Le compte pour répondre aux appels d'offres lui sera ouvert.")
    )


class BidForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisme"), queryset=None, empty_label=None)
    technical_proposal = forms.CharField(
        label=_("Proposition technique"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000,
        help_text=_("Pédagogie, objectifs couverts, rattrapage, travail d'intersession."),
    )  # fmt: skip
    price = forms.DecimalField(label=_("Prix total (€ HT)"), min_value=0, max_digits=10, decimal_places=2)
    group_size = forms.IntegerField(label=_("Stagiaires par groupe"), min_value=1, max_value=50)
    accessibility_means = forms.MultipleChoiceField(
        label=_("Moyens d'accessibilité prévus"), choices=ACCESSIBILITY_MEANS, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for code, label in PriceLine.choices:
            self.fields[f"price_{code}"] = forms.DecimalField(
                label=_("%(line)s (€ HT)") % {"line": label}, min_value=0, max_digits=10, decimal_places=2,
                required=False,
            )  # fmt: skip
        roles = [("", _("Choisir")), ("trainer", _("Formateur ou formatrice")), ("peer_trainer", _("Formateur pair"))]
        for index in range(1, TEAM_ROWS + 1):
            self.fields[f"team_name_{index}"] = forms.CharField(
                label=_("Personne %(number)s : nom") % {"number": index}, max_length=150, required=False
            )
            self.fields[f"team_role_{index}"] = forms.ChoiceField(
                label=_("Personne %(number)s : rôle") % {"number": index}, choices=roles, required=False
            )
        for index in range(1, SESSION_ROWS + 1):
            self.fields[f"session_date_{index}"] = forms.DateField(
                label=_("Séance %(number)s : date") % {"number": index}, widget=DateInput(), required=False
            )
            self.fields[f"session_start_{index}"] = forms.TimeField(
                label=_("Séance %(number)s : début") % {"number": index}, widget=TimeInput(), required=False
            )
            self.fields[f"session_end_{index}"] = forms.TimeField(
                label=_("Séance %(number)s : fin") % {"number": index}, widget=TimeInput(), required=False
            )

    @property
    def main_fields(self):
        return [self[name] for name in ("organisation", "technical_proposal", "price", "group_size")]

    @property
    def price_fields(self):
        return [self[f"price_{code}"] for code in PriceLine.values]

    def price_breakdown(self) -> dict:
        return {code: self.cleaned_data.get(f"price_{code}") for code in PriceLine.values}

    @property
    def team_rows(self):
        return [(self[f"team_name_{i}"], self[f"team_role_{i}"]) for i in range(1, TEAM_ROWS + 1)]

    @property
    def session_rows(self):
        return [
            (i, self[f"session_date_{i}"], self[f"session_start_{i}"], self[f"session_end_{i}"])
            for i in range(1, SESSION_ROWS + 1)
        ]

    def team(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"name": data[f"team_name_{i}"], "role": data[f"team_role_{i}"]}
            for i in range(1, TEAM_ROWS + 1)
            if data.get(f"team_name_{i}")
        ]

    def schedule(self) -> list[dict]:
        data = self.cleaned_data
        rows = []
        for i in range(1, SESSION_ROWS + 1):
            date, start = data.get(f"session_date_{i}"), data.get(f"session_start_{i}")
            end = data.get(f"session_end_{i}")
            if date and start and end:
                rows.append({"date": date, "start": start, "end": end})
            elif date or start or end:
                self.add_error(f"session_date_{i}", _("Indiquez la date, le début et la fin de la séance."))
        return rows


class DeclarationForm(AccessibleFormMixin, forms.Form):
    no_conflict = forms.BooleanField(
        label=_("Je déclare n'avoir aucun lien d'intérêts avec les organismes qui ont répondu à cet appel d'offres.")
    )


class ScoreForm(AccessibleFormMixin, forms.Form):
    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        for criterion in criteria:
            mark, justification = initial_scores.get(criterion.pk, (None, ""))
            self.fields[f"mark_{criterion.pk}"] = forms.DecimalField(
                label=_("%(criterion)s : note sur 10") % {"criterion": criterion.label}, min_value=0, max_value=10,
                decimal_places=1, initial=mark, required=False,
                help_text=_("Pondération : %(weight)s points.") % {"weight": criterion.weight},
            )  # fmt: skip
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s : justification") % {"criterion": criterion.label}, initial=justification,
                widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False,
            )  # fmt: skip
        self.criteria = criteria

    def marks(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data.get(f"mark_{c.pk}"), data.get(f"justification_{c.pk}", "")) for c in self.criteria}


class ConsolidationForm(AccessibleFormMixin, forms.Form):
    """The team's consolidated mark and justification per quality criterion; the mark starts at the
    evaluators' mean (lines from lms.tenders.selectors.consolidation_sheet)."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        for line in lines:
            criterion, done = line.criterion, line.consolidation
            self.fields[f"mark_{criterion.pk}"] = forms.DecimalField(
                label=_("%(criterion)s : note consolidée sur 10") % {"criterion": criterion.label},
                min_value=0, max_value=10, decimal_places=1, initial=done.mark if done else line.mean,
                error_messages={"required": _("Donnez une note consolidée de 0 à 10.")},
                help_text=_("Proposée : la moyenne des évaluateurs. Pondération : %(weight)s points.")
                % {"weight": criterion.weight},
            )  # fmt: skip
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s : justification de la consolidation") % {"criterion": criterion.label},
                initial=done.justification if done else "", widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
                error_messages={
                    "required": _(
                        "Justifiez la note consolidée : c'est obligatoire, même quand elle reprend la moyenne."
                    )
                },
                help_text=_("Même quand la note reprend la moyenne : elle motive la note de l'offre."),
            )  # fmt: skip
        self.criteria = [line.criterion for line in lines]

    def marks(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data.get(f"mark_{c.pk}"), data.get(f"justification_{c.pk}", "")) for c in self.criteria}


class QuestionForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Votre question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000,
        help_text=_("La réponse sera publiée pour tous les organismes, sans votre nom."),
    )  # fmt: skip


class AnswerForm(AccessibleFormMixin, forms.Form):
    answer = forms.CharField(label=_("Réponse"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, prefix=f"q{question.pk}" if question else None, **kwargs)


class AbandonForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif de la déclaration sans suite"),
        help_text=_(
            "Par exemple : aucune offre conforme, besoin modifié, budget insuffisant. Le motif est publié sur la "
            "page de l'appel d'offres et communiqué aux organismes qui ont déposé une offre."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
    )
