"""``{{ html|rich_text }}``: output editor HTML, sanitised once more.

Rich-text fields are already cleaned when saved (core.richtext), but
``QuerySet.update()`` and raw SQL skip ``pre_save``. Cleaning again on output
(nh3 is fast) means nothing unsanitised is ever marked safe.
"""

from functools import cache

from django import template
from django.utils.safestring import mark_safe

from core.richtext import rich_text_sanitizer

register = template.Library()


@cache
def _sanitizer():
    return rich_text_sanitizer(heading_levels=(2, 3, 4))


@register.filter
def rich_text(value):
    if not value:
        return ""
    return mark_safe(_sanitizer()(str(value)))  # noqa: S308 - sanitised by nh3
