"""What the weekly review digest says (dossiers/review_digest.py queues it).

The outbox imports this module at startup (outbox/apps.py) and builds each
digest when it sends it, from the dossiers as they are then: a digest that
failed and is retried later leaves out a dossier checked in between, says
nothing when nothing is due any more, and is dropped once a new week's
digest has taken its place.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from outbox.mail import absolute, register, render_message
from outbox.models import OutgoingMail

from .models import REVIEW_SOON_DAYS, Dossier, ReviewDigestMail
from .review_digest import (
    KIND,
    due_dossiers,
    editor_addresses,
    for_recipient,
    week_of,
)


def build_review_digest(row: OutgoingMail):
    """The digest of the outbox row's ``ReviewDigestMail``; None (dropped)
    when that row is gone, belongs to a past week, or nothing is due for its
    recipient any more."""
    today = timezone.localdate()
    digest = ReviewDigestMail.objects.filter(pk=row.object_id).first()
    if digest is None or digest.week != week_of(today):
        return None
    listed = for_recipient(digest.recipient, due_dossiers(today), editor_addresses())
    if not listed:
        return None
    return message(row.recipient, listed, today)


def message(address: str, dossiers: list[Dossier], today: dt.date):
    """The digest for ``address``: its dossiers, overdue and soon due."""
    entries = [
        {
            "title": dossier.public_title or dossier.title,
            "due": dossier.review_due,
            "days": abs((dossier.review_due - today).days),
            "url": absolute(dossier.get_absolute_url()),
            "admin_url": absolute(
                reverse("admin:dossiers_dossier_change", args=[dossier.pk])
            ),
            # What readers said since the latest version (feedback app).
            "packet_url": absolute(
                reverse("feedback:review_packet", args=[dossier.slug])
            ),
        }
        for dossier in dossiers
    ]
    context = {
        "overdue": [e for e in entries if e["due"] < today],
        "soon": [e for e in entries if e["due"] >= today],
        "week": week_of(today),
        "soon_days": REVIEW_SOON_DAYS,
        "overdue_url": absolute(
            reverse("admin:dossiers_dossier_changelist") + "?herziening=verlopen"
        ),
    }
    return render_message(
        template="dossiers/email/review_digest", context=context, to=address
    )


# Found by the outbox at startup (outbox/apps.py), like an app's admin.py.
register(KIND, build_review_digest)
