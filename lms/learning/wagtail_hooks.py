"""Wagtail administration of learning records: read-only lists for administrators.

Answers, feedback and evaluations are written only through the front-end pages, where the rules
(accepted forms, content checks, scope of objectives, who leads the group) are enforced."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.learning.models import Assignment, IntermediateGoal, ObjectiveAssessment, Submission


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing only: these records change through services, never by hand."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, "view") or super().user_has_permission(user, "change")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


class AssignmentViewSet(ReadOnlyViewSet):
    name = "learning_assignments"
    model = Assignment
    icon = "date"
    menu_label = _("Travaux d'intersession")
    list_display = ["__str__", "group", "scheduled_session", "due_at"]
    list_filter = ["group"]


class SubmissionViewSet(ReadOnlyViewSet):
    name = "learning_submissions"
    model = Submission
    icon = "doc-full"
    menu_label = _("Réponses aux travaux")
    list_display = ["__str__", "answer_form", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "answer_form"]
    inspect_view_fields = ["assignment", "trainee", "answer_form", "status", "submission_count", "submitted_at"]


class ObjectiveAssessmentViewSet(ReadOnlyViewSet):
    name = "learning_assessments"
    model = ObjectiveAssessment
    icon = "tick"
    menu_label = _("Évaluations des objectifs")
    list_display = ["trainee", "objective", "kind", "assessor", "level", "recorded_at"]
    list_filter = ["kind", "assessor", "group"]


class IntermediateGoalViewSet(ReadOnlyViewSet):
    name = "learning_goals"
    model = IntermediateGoal
    icon = "pick"
    menu_label = _("Objectifs intermédiaires")
    list_display = ["trainee", "description", "status", "status_date"]
    list_filter = ["status", "group"]


class LearningViewSetGroup(ViewSetGroup):
    menu_label = _("Travaux et objectifs")
    menu_icon = "tasks"
    menu_order = 330
    items = (AssignmentViewSet, SubmissionViewSet, ObjectiveAssessmentViewSet, IntermediateGoalViewSet)


for _model in (Assignment, Submission, ObjectiveAssessment, IntermediateGoal):
    register_permission_policy(_model, ReadOnlyPermissionPolicy(_model))


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    return LearningViewSetGroup()
