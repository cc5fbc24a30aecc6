"""Fingerprints: has an object changed here, has its Drupal source changed?"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType

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
