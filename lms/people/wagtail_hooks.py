"""Wagtail admin for people's records: the read-only audit log and the erasure requests."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.people.models import AuditLogEntry
from lms.people.permissions import is_administrator
from lms.people.services import invite


class AdministratorsReadOnlyPolicy(BasePermissionPolicy):
    """Administrators may view; nobody may add, change or delete (the log is append-only)."""

    def user_has_permission(self, user, action):
        return action == "view" and is_administrator(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class AuditLogViewSet(ModelViewSet):
    model = AuditLogEntry
    icon = "list-ul"
    menu_label = _("Journal d'accès")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "journal-acces"
    inspect_view_enabled = True
    list_display = ["created_at", "actor_label", "action", "record_type", "record_label", "subject", "detail"]
    list_filter = ["action", "record_type"]
    search_fields = ["actor_label", "record_label", "detail"]
    inspect_view_fields = [
        "created_at",
        "actor_label",
        "action",
        "record_type",
        "record_id",
        "record_label",
        "subject",
        "detail",
    ]
    form_fields = []


register_permission_policy(AuditLogEntry, AdministratorsReadOnlyPolicy(AuditLogEntry))


@hooks.register("register_admin_viewset")
def register_audit_log_viewset():
    return AuditLogViewSet("audit_log")


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


@hooks.register("register_admin_menu_item")
def register_erasure_requests_menu_item():
    return AdministratorsMenuItem(
        _("Demandes d'effacement"), reverse("people:erasure_requests"), icon_name="bin", order=910
    )


@hooks.register("after_create_user")
def invite_person_created_without_password(request, user):
    """A person an administrator creates without a password gets the invitation to choose one
    (WAGTAILUSERS_PASSWORD_REQUIRED is off)."""
    if user.password and user.has_usable_password():
        return
    if not user.password:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    invite(user=user, actor=request.user)
