"""``{% site_header %}`` and ``{% site_footer %}``: the page's frame, rendered
once per process for each language and section of the site.

The header (logo, search form, the navigation twice) and the footer are the
same on every page but for the language, the section the navigation marks
(the resolved URL's namespace and name) and the code: the URLconf, the
templates and the static files' hashed names, which change only with a
deploy (a new process). Rendering them on every page reversed 23 URLs and
translated 40 strings: 1.3 ms of CPU of a 10 ms cold article page
(``python -m scripts.profile_requests``), the same markup every time.

Not kept: the search page's header (it shows the query in the search field),
anything with ``DEBUG`` on (templates are read again on every change), and
nothing after a settings change (tests override URLs and languages): the
memo is emptied then.
"""

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

HEADER = "includes/header.html"
FOOTER = "includes/footer.html"


class _Section:
    """What header.html reads of the request: where the page is."""

    def __init__(self, namespace: str, url_name: str | None):
        self.namespace = namespace
        self.url_name = url_name


class _Request:
    def __init__(self, section: _Section):
        self.resolver_match = section


@functools.lru_cache(maxsize=256)
def _rendered(name: str, section: tuple, language, prefix, urlconf) -> str:
    # language, prefix and urlconf are part of the key only: the render below
    # runs with them active.
    request = _Request(_Section(*section)) if section else None
    return render_to_string(name, {"request": request})


def _frame(name: str, section: tuple = ()) -> SafeString:
    key = (name, section, get_language(), get_script_prefix(), get_urlconf())
    return mark_safe(_rendered(*key))  # noqa: S308 (our templates escape)


def _forget(**kwargs) -> None:
    _rendered.cache_clear()


setting_changed.connect(_forget)


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    section = (match.namespace, match.url_name) if match else ("", None)
    if settings.DEBUG or section[1] == "search":
        return mark_safe(render_to_string(HEADER, context.flatten()))  # noqa: S308
    return _frame(HEADER, section)


@register.simple_tag
def site_footer() -> SafeString:
    if settings.DEBUG:
        return mark_safe(render_to_string(FOOTER))  # noqa: S308
    return _frame(FOOTER)
