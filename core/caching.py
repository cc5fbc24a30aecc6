"""HTTP caching for public pages.

Readers get ``Cache-Control: public, max-age=…`` and an ETag computed from
the rendered page (for a page kept on the server, once, when it is stored:
hashing a long thread's page on every request cost a quarter of serving it),
so a conditional GET is answered with 304. The ETag covers
everything on the page (including reactions added by other apps), so it can
never be stale. Staff may be looking at a preview: their responses are
private and never stored. ``Vary: Cookie`` keeps shared caches from handing a
staff preview to a reader or the other way round.

The views themselves must not touch the session for anonymous readers beyond
asking who the user is (no writes, no cookies, no CSRF token).

Item pages (``server_cache=True``) are also kept rendered on the server for
anonymous readers, so a busy article with hundreds of reactions costs one
query instead of a full render. The cache key holds the content version: the
latest change of any model in READER_PAGE_VERSION_MODELS (articles,
dossiers, reactions, authors: a renamed author shows on every page crediting
them), read in one query over indexed ``max(updated_at)`` lookups. The
models are named in settings, not imported: this module sits below the apps
whose changes it watches. Any edit, publication or moderation
therefore shows at once, from every worker and app server. What no
``updated_at`` records (a theme renamed, a scheduled item whose moment
arrives, a deletion) shows within READER_PAGE_CACHE_SECONDS (60 s), well
inside the ``max-age`` we already allow shared caches.

In front of the app servers a caching proxy (Varnish, ``deploy/varnish/``)
keeps public pages for ``CACHE_PROXY_SECONDS`` (a day), told by
``Surrogate-Control`` (which only the proxy reads and strips; browsers keep
``max-age``): every response names what it shows in an ``xkey`` header
(``core/surrogates.py``), and every change purges those keys
(``purges.queue``). With a proxy configured, this server-side page cache is
off by default (READER_PAGE_CACHE_SECONDS 0): the proxy does its job, and a
page rendered after a purge must come from the database, not from an entry
keyed by a version that a theme rename or a scheduled item does not change.
"""

import functools
import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import get_language
from django.views.decorators.http import conditional_page

from . import surrogates
from .compiled import prepared_cursor

READER_MAX_AGE = 300  # seconds: short, so corrections reach readers quickly


@functools.cache
def _version_query(labels: tuple[str, ...]) -> str:
    # Built once per process: composing it per request cost as much CPU as
    # running it (python -m scripts.profile_requests).
    tables = [
        connection.ops.quote_name(apps.get_model(label)._meta.db_table)
        for label in labels
    ]
    # Table names from our models, quoted: no input reaches this text.
    subqueries = (f"(SELECT max(updated_at) FROM {table})" for table in tables)  # noqa: S608
    return "SELECT " + ", ".join(subqueries)


def content_version() -> str:
    """The latest change to anything an item page shows, in one query."""
    query = _version_query(tuple(settings.READER_PAGE_VERSION_MODELS))
    with prepared_cursor() as cursor:
        cursor.execute(query)
        row = cursor.fetchone()
    return "|".join(value.isoformat() if value else "-" for value in row)


def _page_key(request, query: tuple[str, ...] = ()) -> str:
    # Everything the page depends on besides the content: the scheme and host
    # (canonical, og:url and structured data are absolute URLs), the path,
    # the query parameters the view reads (``query``) and the language. Any
    # other parameter (?r=<random>, utm_*) shares the page's entry: keyed on
    # the full address, each one stored (and first computed) a copy.
    params = urlencode(
        sorted((name, value) for name in query for value in request.GET.getlist(name))
    )
    raw = "|".join(
        (
            request.build_absolute_uri(request.path),
            params,
            get_language() or "",
            content_version(),
        )
    )
    # v4: keyed on the parameters a view reads, not the full address; the
    # entry holds the surrogate keys too.
    return "reader-page:v4:" + hashlib.sha256(raw.encode()).hexdigest()


def _render_for_cache(view_func, request, query, *args, **kwargs):
    """The view's response, served from or stored in the server-side cache."""
    seconds = settings.READER_PAGE_CACHE_SECONDS
    if not seconds or request.method not in ("GET", "HEAD"):
        return view_func(request, *args, **kwargs)
    key = _page_key(request, query)
    cached = cache.get(key)
    if cached is not None:
        content, content_type, etag, keys = cached
        response = HttpResponse(content, content_type=content_type)
        if etag:  # hashed once, when the page was stored (not per request)
            response["ETag"] = etag
        surrogates.shows(*keys)
        return response
    response = view_func(request, *args, **kwargs)
    if response.status_code == 200 and not response.cookies:
        if hasattr(response, "render"):
            response.render()
        set_response_etag(response)  # what conditional_page would compute
        keys = tuple(surrogates.collected())
        entry = (response.content, response["Content-Type"], response.get("ETag"), keys)
        cache.set(key, entry, seconds)
    return response


def _name_keys(response, keys: set[str]) -> None:
    """Tell the caching proxy what the page shows and how long to keep it."""
    if keys and not response.cookies:
        response[surrogates.HEADER] = surrogates.header_value(keys)
        response["Surrogate-Control"] = f"max-age={settings.CACHE_PROXY_SECONDS}"


def cache_for_readers(
    view=None, *, max_age=READER_MAX_AGE, server_cache=False, query=(), shows=()
):
    """Public caching headers for readers; with ``server_cache`` the page is
    also kept rendered on the server, one entry per value of the query
    parameters named in ``query`` (those the view reads). ``shows``:
    surrogate keys every response of the view carries (lists it shows),
    besides those its code records (core/surrogates.py)."""

    def decorator(view_func):
        @conditional_page
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            # The keys of this response: the view and, while the template
            # renders (after we return, for a TemplateResponse), its tags add
            # to them; the header is written once it is rendered.
            keys = surrogates.collect()
            surrogates.shows(*shows)
            if server_cache and not request.user.is_authenticated:
                response = _render_for_cache(
                    view_func, request, tuple(query), *args, **kwargs
                )
            else:
                response = view_func(request, *args, **kwargs)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
            elif response.status_code == 200:
                patch_cache_control(response, public=True, max_age=max_age)
                if hasattr(response, "render") and not response.is_rendered:
                    response.add_post_render_callback(
                        lambda rendered: _name_keys(rendered, keys)
                    )
                else:
                    _name_keys(response, keys)
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapped

    return decorator(view) if view is not None else decorator
