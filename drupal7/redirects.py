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
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _

from . import report as r
from .bulk import draw_ids, insert
from .nodes import Item
from .state import Ledger, fingerprint, known

MAX_PATH = Redirect._meta.get_field("old_path").max_length


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
    paths = list({old for _item, old, _new in wanted})
    rows = known("redirect", paths)
    existing = {
        redirect.old_path: redirect
        for redirect in Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path__in=paths
        )
    }
    new_redirects: list[Redirect] = []
    for item, old, new in wanted:
        redirect = _one(item.tally, old, new, rows, existing, overwrite, ledger)
        if redirect is not None:
            new_redirects.append(redirect)
    ids = draw_ids(Redirect, len(new_redirects))
    for redirect, pk in zip(new_redirects, ids, strict=True):
        redirect.pk = pk
    insert(Redirect, new_redirects)


def _one(tally, old, new, rows, existing, overwrite, ledger) -> Redirect | None:
    """One address; returns a redirect still to be inserted, if it is new."""
    tally.count("redirect", r.READ)
    if len(old) > MAX_PATH:
        tally.count("redirect", r.SKIPPED)
        tally.note(
            "redirect",
            old,
            _("longer than %(n)s characters; left out") % {"n": MAX_PATH},
        )
        return None
    row, redirect = rows.get(old), existing.get(old)
    if redirect is not None and redirect.new_path == new:
        if row is None:  # an editor made the same redirect by hand
            rows[old] = _remember(ledger, None, redirect)
        tally.count("redirect", r.UNCHANGED)
        return None
    if (
        redirect is not None
        and (row is None or row.fingerprint != fingerprint({"new": redirect.new_path}))
        and not overwrite
    ):
        tally.count("redirect", r.KEPT)
        tally.note(
            "redirect",
            old,
            _("already leads to %(path)s here; not overwritten")
            % {"path": redirect.new_path},
        )
        return None
    if redirect is None and row is not None and not overwrite:
        tally.count("redirect", r.KEPT)
        tally.note("redirect", old, _("deleted here; not created again"))
        return None
    created = redirect is None
    if created:
        redirect = Redirect(site_id=settings.SITE_ID, old_path=old, new_path=new)
        existing[old] = redirect
    else:
        redirect.new_path = new
        if redirect.pk is not None:  # else it waits for the INSERT
            redirect.save()
    # A mapping row whose redirect an editor deleted now maps the new one.
    rows[old] = _remember(ledger, row, redirect)
    tally.count("redirect", r.CREATED if created else r.UPDATED)
    return redirect if created else None


def _remember(ledger: Ledger, row, redirect: Redirect):
    written = fingerprint({"new": redirect.new_path})
    return ledger.remember(
        row,
        kind="redirect",
        drupal_id=redirect.old_path,
        target=redirect,
        fingerprint=written,
        source_fingerprint=written,
    )
