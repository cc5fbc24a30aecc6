# ruff: noqa: RUF001, RUF002 -- quotation marks are what this module is about.
"""``{{ title|quoted }}``: a title in quotation marks, unless it has its own.

Some titles are a quotation themselves (‘Sociale innovatie werkt het best …’);
putting them between quotes again gave ‘‘…’’. Which marks to add is the
translation's choice (Dutch: ‘…’).
"""

from django import template
from django.utils.translation import pgettext

register = template.Library()

OPENING = "‘“„‚'\"«‹"
CLOSING = "’”'\"»›"


def has_own_quotes(text: str) -> bool:
    return len(text) > 1 and text[0] in OPENING and text[-1] in CLOSING


@register.filter
def quoted(value) -> str:
    text = str(value).strip()
    if has_own_quotes(text):
        return text
    return pgettext("quotation marks around a title", "“%(title)s”") % {"title": text}
