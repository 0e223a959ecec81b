"""Public accessibility pages."""

from django.views.generic import TemplateView


class AccessibilityStatementView(TemplateView):
    """The accessibility statement (déclaration d'accessibilité), linked from every page's footer."""

    template_name = "accessibility/statement.html"
