"""``{{ user|editor_name }}``: how the admin names a member of staff."""

from django import template

from core.editors import editor_name as name_of

register = template.Library()


@register.filter
def editor_name(user) -> str:
    return name_of(user)
