"""Surrogate keys: what a public page shows, named so the proxy can forget it.

Every public response carries an ``xkey`` header listing the things on the
page: ``article-12``, ``dossier-3``, ``theme-2``, ``author-5``, the thread
``reactions-article-12``, and for a list the list itself (``articles``,
``dossiers``, ``themes``, ``authors``: the key a change purges when it adds
or removes an item, or reorders a list). This is Drupal's cache tags and
Fastly's surrogate keys: a change purges its keys (``purges.queue.purge``)
and the caching proxy (Varnish with the xkey vmod,
``deploy/varnish/default.vcl``) drops every page carrying one of them,
whatever its address, query string or page of reactions.

Views, and the template tags that put things on a page, call ``shows()``
while the response is made; ``core.caching.cache_for_readers`` collects the
keys for that one response (a context variable, so threads do not mix) and
writes the header once the page is rendered. The key rules live here, so
the pages that show a thing and the changes that purge it cannot disagree
on its name.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db import models

HEADER = "xkey"

_collected: ContextVar[set[str] | None] = ContextVar("surrogate_keys", default=None)


# Every list of content (search results, feeds, the sitemap show them all).
CONTENT_LISTS = ("articles", "dossiers", "themes", "authors")


def key(obj: models.Model) -> str:
    """``article-12``: one item, author or theme."""
    return f"{obj._meta.model_name}-{obj.pk}"


def reactions_key(item: models.Model) -> str:
    """``reactions-article-12``: the reaction thread of an item (and the
    counts that cards in lists show)."""
    return f"reactions-{key(item)}"


def list_key(model: type[models.Model] | models.Model) -> str:
    """``articles``: every list of this model (which items, in what order)."""
    return f"{model._meta.model_name}s"


def item_keys(obj: models.Model) -> list[str]:
    """What a change to ``obj`` purges: its pages and every list of its kind
    (an item added, removed, renamed or moved in time)."""
    return [key(obj), list_key(obj)]


def shows(*things: models.Model | str) -> None:
    """Record what the page being made shows: models (their ``key``) or keys.

    Does nothing before the first cached view of a thread (an admin page, a
    test's render); what a later uncached view adds is read by nobody.
    """
    collected = _collected.get()
    if collected is None:
        return
    for thing in things:
        collected.add(thing if isinstance(thing, str) else key(thing))


def shows_all(items) -> None:
    """Record every item of a list (cards: the item and its reaction count)."""
    collected = _collected.get()
    if collected is None:
        return
    for item in items:
        collected.add(key(item))
        collected.add(reactions_key(item))


def collect() -> set[str]:
    """Start collecting the keys of a new response (in this thread or task);
    returns the set that ``shows`` fills.

    The set is left in place after the view returns: a TemplateResponse
    renders later, and its tags still add to it (the next response starts
    a new one).
    """
    keys: set[str] = set()
    _collected.set(keys)
    return keys


def collected() -> set[str]:
    """The keys recorded so far for the response being made."""
    return set(_collected.get() or ())


def header_value(keys: set[str]) -> str:
    return " ".join(sorted(keys))
