"""Wagtail administration of attendance records, read-only: signatures, closing and corrections go
through the attendance pages and their services, so that closed slots stay immutable."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.attendance.models import Amendment, AttendanceSlot, CatchUp, SessionMaterial
from lms.people.permissions import is_administrator


class ReadOnlyForAdministrators(BasePermissionPolicy):
    """Administrators may view; nobody adds, changes or deletes here."""

    def user_has_permission(self, user, action):
        return action == "view" and is_administrator(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class AttendanceSlotViewSet(ModelViewSet):
    model = AttendanceSlot
    icon = "tick-inverse"
    menu_label = _("Créneaux d'émargement")
    url_prefix = "emargement/creneaux"
    list_display = ["session", "half_day", "opened_by", "opened_at", "closed_by", "closed_at"]
    list_filter = ["half_day"]
    inspect_view_enabled = True
    form_fields = []


class AmendmentViewSet(ModelViewSet):
    model = Amendment
    icon = "edit"
    menu_label = _("Corrections d'émargement")
    url_prefix = "emargement/corrections"
    list_display = ["amended_at", "amended_by", "record", "change", "reason"]
    inspect_view_enabled = True
    form_fields = []


class CatchUpViewSet(ModelViewSet):
    model = CatchUp
    icon = "history"
    menu_label = _("Rattrapages")
    url_prefix = "emargement/rattrapages"
    list_display = ["trainee", "session", "opened_at", "completed_at"]
    inspect_view_enabled = True
    form_fields = []


class SessionMaterialViewSet(ModelViewSet):
    model = SessionMaterial
    icon = "doc-full"
    menu_label = _("Supports de séance")
    url_prefix = "emargement/supports"
    list_display = ["title", "kind", "session", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    inspect_view_enabled = True
    form_fields = []


for _model in (AttendanceSlot, Amendment, CatchUp, SessionMaterial):
    register_permission_policy(_model, ReadOnlyForAdministrators(_model))


class AttendanceViewSetGroup(ModelViewSetGroup):
    menu_label = _("Émargement")
    menu_icon = "tick-inverse"
    items = (AttendanceSlotViewSet, AmendmentViewSet, CatchUpViewSet, SessionMaterialViewSet)


@hooks.register("register_admin_viewset")
def register_attendance_viewsets():
    return AttendanceViewSetGroup()
