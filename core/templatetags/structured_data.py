from django import template

from core.structured_data import to_script

register = template.Library()


@register.simple_tag
def json_ld(items):
    """``{% json_ld structured_data %}``: a list of schema.org dicts, one <script>."""
    return to_script(items or [])
