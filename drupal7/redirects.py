"""Every old address of an imported node answers with a 301 to its new page.

Through ``django.contrib.redirects`` (its fallback middleware answers any 404
whose path has a row), so editors see these addresses in the admin and can
add their own: ``/node/<nid>``, each ``url_alias`` of the node, and each
``/comment/<cid>`` (Drupal's comment permalink) to the reaction's anchor.

A chunk's addresses are looked up in two queries and its new redirects
written in one INSERT. The items are gone through in order, as if each were
imported alone: an address a second node of the chunk also claims is
treated as the first one's redirect, already here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _

from . import report as r
from .bulk import draw_ids, insert
from .nodes import Item
from .state import Ledger, fingerprint, known

MAX_PATH = Redirect._meta.get_field("old_path").max_length


def is_site_address(path: str) -> bool:
    """True when ``path`` (or it with a slash added, which Django's
    APPEND_SLASH would lead to) is one of this site's own pages: an alias
    such as ``zoeken`` or ``reacties/1`` must not take it over. An address
    named by a slug (``dossiers/<slug>/``) is a page only while something
    has that slug; the redirects middleware answers only its 404s, so such
    an alias is kept (Drupal's ``dossiers/…`` aliases lead on to the new
    slugs)."""
    for candidate in (path, path.rstrip("/") + "/"):
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if "slug" not in match.kwargs:
            return True
    return False


def wanted_paths(item, data, reactions) -> dict[str, str]:
    """{old path: new path} for the node, its aliases and its comments."""
    url = item.get_absolute_url()
    paths = {f"/node/{data.node['nid']}": url}
    for alias in data.aliases:
        paths[escape_uri_path("/" + alias["alias"].strip("/"))] = url
    for cid, reaction in reactions.items():
        paths[f"/comment/{cid}"] = reaction.get_absolute_url()
    return paths


def write(items: list[Item], *, overwrite: bool, ledger: Ledger) -> None:
    wanted = [
        (item, old, new)
        for item in items
        if item.obj is not None
        for old, new in wanted_paths(item.obj, item.data, item.reactions).items()
    ]
    addresses = _Addresses({old for _item, old, _new in wanted}, overwrite, ledger)
    for item, old, new in wanted:
        addresses.claim(old, new, tally=item.tally)
    addresses.insert_new()


class _Addresses:
    """A chunk's old paths: what this site holds for them, what is to come."""

    def __init__(self, paths: set[str], overwrite: bool, ledger: Ledger):
        self.rows = known("redirect", paths)
        self.redirects = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(
                site_id=settings.SITE_ID, old_path__in=list(paths)
            )
        }
        self.new: list[Redirect] = []
        self.overwrite, self.ledger = overwrite, ledger

    def claim(self, old: str, new: str, *, tally: r.Tally) -> None:
        """``old`` is to lead to ``new``, unless an editor decided otherwise."""
        tally.count("redirect", r.READ)
        if len(old) > MAX_PATH:
            tally.count("redirect", r.SKIPPED)
            message = _("longer than %(n)s characters; left out") % {"n": MAX_PATH}
            tally.note("redirect", old, message)
            return
        if is_site_address(old):
            tally.count("redirect", r.SKIPPED)
            tally.note("redirect", old, _("one of this site's own addresses; left out"))
            return
        row, redirect = self.rows.get(old), self.redirects.get(old)
        if redirect is not None and redirect.new_path == new:
            if row is None:  # an editor made the same redirect by hand
                self._remember(row, redirect)
            tally.count("redirect", r.UNCHANGED)
            return
        if not self.overwrite:
            if redirect is not None and (
                row is None or row.fingerprint != _fingerprint(redirect.new_path)
            ):
                tally.count("redirect", r.KEPT)
                message = _("already leads to %(path)s here; not overwritten")
                tally.note("redirect", old, message % {"path": redirect.new_path})
                return
            if redirect is None and row is not None:
                tally.count("redirect", r.KEPT)
                tally.note("redirect", old, _("deleted here; not created again"))
                return
        if redirect is None:
            redirect = Redirect(site_id=settings.SITE_ID, old_path=old, new_path=new)
            self.redirects[old] = redirect
            self.new.append(redirect)
            tally.count("redirect", r.CREATED)
        else:
            redirect.new_path = new
            if redirect.pk is not None:  # else it waits for insert_new
                redirect.save()
            tally.count("redirect", r.UPDATED)
        # A mapping row whose redirect an editor deleted now maps the new one.
        self._remember(row, redirect)

    def insert_new(self) -> None:
        ids = draw_ids(Redirect, len(self.new))
        for redirect, pk in zip(self.new, ids, strict=True):
            redirect.pk = pk
        insert(Redirect, self.new)

    def _remember(self, row, redirect: Redirect) -> None:
        written = _fingerprint(redirect.new_path)
        self.rows[redirect.old_path] = self.ledger.remember(
            row,
            kind="redirect",
            drupal_id=redirect.old_path,
            target=redirect,
            fingerprint=written,
            source_fingerprint=written,
        )


def _fingerprint(new_path: str) -> str:
    return fingerprint({"new": new_path})
