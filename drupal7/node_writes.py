"""Writing a chunk's nodes: new ones in a few INSERTs, changed ones one by one.

New articles (and dossiers) go in with one INSERT per kind (``bulk.insert``,
which keeps Drupal's creation date in ``created_at``, an ``auto_now_add``
field), and their themes and credits with one INSERT per link table. An item
changed in Drupal (or, with ``--overwrite``, here) since the last run is
rare; it is saved on its own.
"""

from __future__ import annotations

from django.utils import timezone

from dossiers.models import Dossier

from . import report as r
from .bulk import draw_ids, insert
from .context import Context
from .nodes import (
    MODELS,
    Item,
    credit,
    import_versions,
    related_of_new,
    state_fingerprint,
)
from .state import Ledger


def write(items: list[Item], *, context: Context, ledger: Ledger) -> None:
    new = [item for item in items if item.write and item.created]
    for model in MODELS.values():
        _create([item for item in new if item.model is model], model, context, ledger)
    for item in items:
        if item.write and not item.created:
            _update(item, context, ledger)


def _create(items: list[Item], model, context: Context, ledger: Ledger) -> None:
    if not items:
        return
    for item, pk in zip(items, draw_ids(model, len(items)), strict=True):
        item.obj.pk = pk
        item.obj.created_at = item.values["published_at"] or timezone.now()
    insert(model, [item.obj for item in items], as_given=["created_at"])
    authors = {
        item.nid: context.authors.get(item.credit) for item in items if item.credit
    }
    _link(model, "themes", [(item.obj, t) for item in items for t in item.themes])
    credits = [(item.obj, authors[item.nid].pk) for item in items if item.credit]
    _link(model, "authors", credits)
    if model is Dossier:
        _link(model, "contacts", credits)
    for item in items:
        if model is Dossier:
            import_versions(item.obj, item.data, tally=item.tally)
        related = related_of_new(item, authors.get(item.nid))
        _remember(item, ledger, state_fingerprint(item.obj, related))
        item.tally.count("node", r.CREATED)


def _update(item: Item, context: Context, ledger: Ledger) -> None:
    obj = item.obj
    obj.save()
    # created_at is auto_now_add: give it Drupal's date after the save.
    type(obj).objects.filter(pk=obj.pk).update(created_at=item.values["published_at"])
    obj.themes.set(item.themes)
    credit(obj, item.credit, authors=context.authors)
    if isinstance(obj, Dossier):
        import_versions(obj, item.data, tally=item.tally)
    _remember(item, ledger, state_fingerprint(obj))
    item.tally.count("node", r.UPDATED)


def _remember(item: Item, ledger: Ledger, written: str) -> None:
    ledger.remember(
        item.row,
        kind="node",
        drupal_id=item.nid,
        target=item.obj,
        fingerprint=written,
        source_fingerprint=item.source_fp,
        source_changed=item.data.node["changed"],
    )


def _link(model, name: str, pairs: list[tuple[object, int]]) -> None:
    """Rows of the many-to-many field ``name``: (our object, other id) each."""
    if not pairs:
        return
    field = model._meta.get_field(name)
    through = field.remote_field.through
    ours, other = field.m2m_field_name(), f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [through(**{ours: obj, other: pk}) for obj, pk in pairs], batch_size=2000
    )
