"""Wagtail administration: arrangement lines for administrators, and the content accessibility report.

Trainees' needs and consents are deliberately not in the administration: only the trainee, the
trainers of their groups and the regional team of their region may see them (front-end pages)."""

from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accessibility import admin_views, services
from accessibility.models import ArrangementLine


class ArrangementLineAdminForm(WagtailAdminModelForm):
    """Booking a line in the back office goes through the same service as the site: a confirmed line
    needs a provider, a cost is never negative; the refusal shows next to the field."""

    def clean(self):
        cleaned = super().clean()
        try:
            services.clean_line_booking(
                status=cleaned.get("status", ""), provider=cleaned.get("provider", ""), cost=cleaned.get("cost")
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        return services.update_line(
            self.instance,
            actor=self.for_user,
            status=self.cleaned_data["status"],
            provider=self.cleaned_data.get("provider", ""),
            cost=self.cleaned_data.get("cost"),
            notes=self.cleaned_data.get("notes", ""),
        )


class DerivedLinePermissionPolicy(ModelPermissionPolicy):
    """Lines come from participants' needs: they are edited (booking), never added by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ArrangementLineViewSet(ModelViewSet):
    """Every session's arrangement lines, to follow bookings and costs across regions."""

    model = ArrangementLine
    icon = "clipboard-list"
    menu_label = _("Aménagements des séances")
    add_to_admin_menu = True
    menu_order = 350
    list_display = ["__str__", "plan", "beneficiary_count", "status", "provider", "cost", "still_needed"]
    list_filter = ["status", "kind", "still_needed"]
    form_fields = ["status", "provider", "cost", "notes"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=ArrangementLineAdminForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


register_permission_policy(ArrangementLine, DerivedLinePermissionPolicy(ArrangementLine))


@hooks.register("register_admin_viewset")
def register_arrangement_lines():
    return ArrangementLineViewSet("arrangement_lines")


@hooks.register("register_admin_urls")
def register_content_report_urls():
    return [
        path("accessibilite/contenus/", admin_views.content_report_index, name="accessibility_content_index"),
        path(
            "accessibilite/contenus/<int:course_id>/",
            admin_views.content_report,
            name="accessibility_content_report",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_content_report_menu_item():
    return MenuItem(
        _("Accessibilité des contenus"), reverse("accessibility_content_index"), icon_name="view", order=900
    )
