"""Renders what higher apps contribute to shared pages (lms.contributions): menu links and panels."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lms.contributions import footer_links_for, menu_links_for, panels_for

register = template.Library()


@register.inclusion_tag("includes/contributed_menu_links.html", takes_context=True)
def contributed_menu_links(context):
    return {"links": menu_links_for(context.get("user"))}


@register.inclusion_tag("includes/contributed_menu_links.html", takes_context=True)
def contributed_footer_links(context):
    return {"links": footer_links_for(context.get("user"))}


@register.simple_tag(takes_context=True)
def contributed_panels(context, place):
    request = context["request"]
    # Each panel is a rendered (and so already escaped) template: the joined HTML is not escaped again.
    return mark_safe(  # noqa: S308
        "".join(
            render_to_string(template_name, panel_context, request=request)
            for template_name, panel_context in panels_for(place=place, request=request)
        )
    )
