"""Every old address of an imported node answers with a 301 to its new page.

Through ``django.contrib.redirects`` (its fallback middleware answers any 404
whose path has a row), so editors see these addresses in the admin and can
add their own: ``/node/<nid>``, each ``url_alias`` of the node, and each
``/comment/<cid>`` (Drupal's comment permalink) to the reaction's anchor.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _

from . import report as r
from .models import ImportedItem
from .state import fingerprint, known, remember

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


def import_redirects(item, data, reactions, *, overwrite: bool, tally: r.Tally) -> None:
    paths = wanted_paths(item, data, reactions)
    rows = known("redirect", paths)
    existing = {
        redirect.old_path: redirect
        for redirect in Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path__in=list(paths)
        )
    }
    new_redirects: list[Redirect] = []
    for old, new in paths.items():
        tally.count("redirect", r.READ)
        if len(old) > MAX_PATH:
            tally.count("redirect", r.SKIPPED)
            tally.note(
                "redirect",
                old,
                _("longer than %(n)s characters; left out") % {"n": MAX_PATH},
            )
            continue
        row, redirect = rows.get(old), existing.get(old)
        if redirect is not None and redirect.new_path == new:
            if row is None:  # an editor made the same redirect by hand
                remember(
                    None,
                    kind="redirect",
                    drupal_id=old,
                    target=redirect,
                    fingerprint=fingerprint({"new": new}),
                    source_fingerprint=fingerprint({"new": new}),
                )
            tally.count("redirect", r.UNCHANGED)
            continue
        if (
            redirect is not None
            and (
                row is None
                or row.fingerprint != fingerprint({"new": redirect.new_path})
            )
            and not overwrite
        ):
            tally.count("redirect", r.KEPT)
            tally.note(
                "redirect",
                old,
                _("already leads to %(path)s here; not overwritten")
                % {"path": redirect.new_path},
            )
            continue
        if redirect is None and row is not None and not overwrite:
            tally.count("redirect", r.KEPT)
            tally.note("redirect", old, _("deleted here; not created again"))
            continue
        if redirect is None:
            new_redirects.append(
                Redirect(site_id=settings.SITE_ID, old_path=old, new_path=new)
            )
            continue
        redirect.new_path = new
        redirect.save()
        remember(
            row,
            kind="redirect",
            drupal_id=old,
            target=redirect,
            fingerprint=fingerprint({"new": new}),
            source_fingerprint=fingerprint({"new": new}),
        )
        tally.count("redirect", r.UPDATED)
    _create(new_redirects, rows)
    tally.count("redirect", r.CREATED, len(new_redirects))


def _create(redirects: list[Redirect], rows) -> None:
    """New redirects and their mapping rows: two INSERTs for the lot."""
    if not redirects:
        return
    Redirect.objects.bulk_create(redirects)
    kind = ContentType.objects.get_for_model(Redirect)
    stale = [r.old_path for r in redirects if r.old_path in rows]
    # A mapping row whose redirect an editor deleted: replaced by the new one.
    ImportedItem.objects.filter(kind="redirect", drupal_id__in=stale).delete()
    ImportedItem.objects.bulk_create(
        ImportedItem(
            kind="redirect",
            drupal_id=redirect.old_path,
            target_type=kind,
            target_id=redirect.pk,
            fingerprint=fingerprint({"new": redirect.new_path}),
            source_fingerprint=fingerprint({"new": redirect.new_path}),
        )
        for redirect in redirects
    )
