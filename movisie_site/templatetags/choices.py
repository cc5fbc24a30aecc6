from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def options(choices, selected=""):
    """``{% options pairs selected=value %}``: an ``<option>`` per (value, label).

    For long filter lists (200 dossiers): a ``{% for %}`` loop with an
    ``{% if %}`` per option cost more than the rest of the article list page.
    Values and labels are escaped as ``{{ }}`` would.
    """
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value == selected else "", label)
            for value, label in choices
        ),
    )
