from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def honeypot_name() -> str:
    """The name of the trap field bots fill in (COMMENTS_HONEYPOT_FIELD)."""
    return settings.COMMENTS_HONEYPOT_FIELD
