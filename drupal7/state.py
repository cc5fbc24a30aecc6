"""Fingerprints: has an object changed here, has its Drupal source changed?

And the mapping rows that record them: ``remember`` writes one at once (terms,
revision lines), a ``Ledger`` collects a chunk's and writes them in two
statements once every target has its id.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .bulk import insert, update_columns
from .models import ImportedItem


def fingerprint(values: dict) -> str:
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def moment(timestamp: int | None) -> datetime | None:
    """A Drupal Unix timestamp as an aware datetime."""
    if not timestamp:
        return None
    return datetime.fromtimestamp(int(timestamp), tz=UTC)


def known(kind: str, drupal_ids) -> dict[str, ImportedItem]:
    """The mapping rows of these Drupal ids, by id (one query)."""
    ids = [str(i) for i in drupal_ids]
    if not ids:
        return {}
    rows = ImportedItem.objects.filter(kind=kind, drupal_id__in=ids)
    return {row.drupal_id: row for row in rows}


def remember(
    row: ImportedItem | None,
    *,
    kind: str,
    drupal_id,
    target,
    fingerprint: str,
    source_fingerprint: str,
    source_changed: int | None = None,
) -> ImportedItem:
    """Create or update the mapping row after writing ``target``."""
    if row is None:
        row = ImportedItem(kind=kind, drupal_id=str(drupal_id))
    row.target_type = ContentType.objects.get_for_model(type(target))
    row.target_id = target.pk
    row.fingerprint = fingerprint
    row.source_fingerprint = source_fingerprint
    row.source_changed = source_changed
    row.save()
    return row


ROW_FIELDS = [
    "target_type",
    "target_id",
    "fingerprint",
    "source_fingerprint",
    "source_changed",
    "imported_at",
]


class Ledger:
    """The mapping rows of one chunk, written together at its end.

    ``remember`` takes the same arguments as the function above but writes
    nothing yet: the target may still be waiting for its INSERT. Remembering
    the same Drupal id twice keeps the last call. ``write`` inserts the new
    rows and updates the changed ones, one statement each.
    """

    def __init__(self):
        self._entries: dict[tuple[str, str], tuple[ImportedItem, object]] = {}

    def remember(
        self,
        row: ImportedItem | None,
        *,
        kind: str,
        drupal_id,
        target,
        fingerprint: str,
        source_fingerprint: str,
        source_changed: int | None = None,
    ) -> ImportedItem:
        key = (kind, str(drupal_id))
        if row is None:
            earlier = self._entries.get(key)
            row = earlier[0] if earlier else ImportedItem(kind=kind, drupal_id=key[1])
        row.fingerprint = fingerprint
        row.source_fingerprint = source_fingerprint
        row.source_changed = source_changed
        self._entries[key] = (row, target)
        return row

    def write(self) -> None:
        new, changed = [], []
        now = timezone.now()
        for row, target in self._entries.values():
            row.target_type = ContentType.objects.get_for_model(type(target))
            row.target_id = target.pk
            row.imported_at = now
            (new if row.pk is None else changed).append(row)
        insert(ImportedItem, new)
        update_columns(ImportedItem, changed, ROW_FIELDS)
        self._entries.clear()
