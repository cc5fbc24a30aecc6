"""Writes with rules on dossiers."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import Dossier


@transaction.atomic
def record_review(*, dossier: Dossier, today: dt.date | None = None) -> Dossier:
    """An editor checked the dossier and found nothing to change.

    Readers then see "laatst gecontroleerd op …", and the next review falls
    due DOSSIER_REVIEW_MONTHS from today: a date the editors set by hand is
    cleared, it was the date for this review. ``updated_at`` moves too, so
    cached reader pages show the new date at once.
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    dossier.last_reviewed_on = today or timezone.localdate()
    dossier.review_by = None
    dossier.save(update_fields=["last_reviewed_on", "review_by", "updated_at"])
    return dossier
