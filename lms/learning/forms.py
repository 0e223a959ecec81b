"""Forms of the learning pages: they collect input; the rules are in services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin
from lms.learning.models import AnswerForm, IntermediateGoal, Level, level_wording
from lms.learning.uploads import ACCEPT_ATTRIBUTE, AUDIO_POLICY, FILE_POLICY, VIDEO_POLICY
from lms.uploads.fields import PolicyFormField


class AnswerSubmissionForm(AccessibleFormMixin, forms.Form):
    """A trainee's answer: the form they choose, and its content."""

    answer_form = forms.ChoiceField(label=_("Comment rendez-vous votre travail ?"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Votre réponse écrite (ou une note pour l'oral)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    file = PolicyFormField(
        policy=FILE_POLICY,
        label=_("Votre fichier"),
        required=False,
        help_text=_("PDF, texte, document bureautique ou image. 20 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE["file"]}),
    )
    audio = PolicyFormField(
        policy=AUDIO_POLICY,
        label=_("Votre enregistrement audio"),
        required=False,
        help_text=_("Sur un téléphone, vous pouvez enregistrer directement. 50 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE["audio"], "capture": "user"}),
    )
    video = PolicyFormField(
        policy=VIDEO_POLICY,
        label=_("Votre vidéo"),
        required=False,
        help_text=_("Sur un téléphone, vous pouvez filmer directement. 300 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE["video"], "capture": "user"}),
    )

    def __init__(self, *args, accepted_forms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer_form"].choices = [(value, AnswerForm(value).label) for value in accepted_forms]
        self.fields["file"].widget = forms.FileInput(attrs=self.fields["file"].widget.attrs)


class FeedbackForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(label=_("Votre retour écrit"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    audio = PolicyFormField(
        policy=AUDIO_POLICY,
        label=_("Ou un retour audio"),
        required=False,
        help_text=_("Enregistrez ou choisissez un fichier audio. 50 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE["audio"], "capture": "user"}),
    )


class ExtensionForm(AccessibleFormMixin, forms.Form):
    due_date = forms.DateField(label=_("Nouvelle date limite"), widget=forms.DateInput(attrs={"type": "date"}))
    due_time = forms.TimeField(
        label=_("Heure limite"), initial=datetime.time(9, 0), widget=forms.TimeInput(attrs={"type": "time"})
    )
    reason = forms.CharField(label=_("Motif (visible par le stagiaire)"), required=False, max_length=250)

    def due_at(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(self.cleaned_data["due_date"], self.cleaned_data["due_time"])
        )


class AssessmentForm(AccessibleFormMixin, forms.Form):
    """One radio group per objective of the course; an objective left blank is not recorded."""

    def __init__(self, *args, objectives=(), initial_levels=None, assessor="self", **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives = list(objectives)
        initial_levels = initial_levels or {}
        # Worded for who answers: the trainee's own voice, or the trainers' observation.
        choices = [(value, level_wording(value, assessor)[0]) for value in Level.values]
        for objective in self.objectives:
            self.fields[f"objective_{objective.pk}"] = forms.TypedChoiceField(
                label=objective.wording,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=initial_levels.get(objective.pk),
            )

    def levels(self) -> dict:
        return {
            objective: self.cleaned_data[f"objective_{objective.pk}"]
            for objective in self.objectives
            if self.cleaned_data.get(f"objective_{objective.pk}") is not None
        }

    def rows(self):
        """(objective, bound field) pairs, for the template."""
        return [(objective, self[f"objective_{objective.pk}"]) for objective in self.objectives]


class GoalForm(AccessibleFormMixin, forms.Form):
    description = forms.CharField(
        label=_("Objectif intermédiaire"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que le stagiaire vise d'ici la prochaine séance, en mots simples."),
    )
    objectives = forms.MultipleChoiceField(
        label=_("Objectifs de la formation liés"), widget=forms.CheckboxSelectMultiple
    )
    target_date = forms.DateField(
        label=_("Pour le (facultatif)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.objective_map = {str(o.pk): o for o in objectives}
        self.fields["objectives"].choices = [(str(o.pk), f"{o.code} — {o.wording}") for o in objectives]

    def chosen_objectives(self):
        return [self.objective_map[pk] for pk in self.cleaned_data.get("objectives", [])]


class GoalReviewForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Constat"),
        choices=[(value, label) for value, label in IntermediateGoal.Status.choices if value != "open"],
        widget=forms.RadioSelect,
    )
    status_date = forms.DateField(label=_("Date du constat"), widget=forms.DateInput(attrs={"type": "date"}))
    comment = forms.CharField(label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    adjusted_description = forms.CharField(
        label=_("Objectif ajusté (si « Ajusté »)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
