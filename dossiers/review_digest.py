"""The weekly review digest: dossiers overdue for review, and soon due.

Who gets it: every editor (active staff in the Redactie group, with an
address) gets the whole list; each contact person of a listed dossier gets
the dossiers they are the contact for, at their author record's address
(editors only, never shown). What: published dossiers whose "herzien vóór"
date has passed, and those due within ``REVIEW_SOON_DAYS`` (30).

Once a week per address: ``queue_review_digest`` writes one
``ReviewDigestMail`` row per address for the ISO week (a unique constraint:
running the command again that week, or twice at once, adds nothing) and,
for each row it wrote, queues the mail in the site's outbox
(``outbox.mail.send_mail``, kind ``KIND``, about that row) in the same
transaction. From there it goes the way every mail of the site goes: sent
after commit, retried by ``manage.py send_notifications`` (and by the next
``send_review_digest``) while it fails, never twice. The message is built
when it is sent, from the dossiers as they are then
(``dossiers/notifications.py``).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch

from core.editors import EDITORS_GROUP
from outbox.mail import send_mail
from outbox.models import OutgoingMail

from .models import REVIEW_SOON_DAYS, Dossier, DossierContact, ReviewDigestMail

KIND = "dossiers.review_digest"


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week: the digest's key."""
    return day - dt.timedelta(days=day.weekday())


def due_dossiers(today: dt.date) -> list[Dossier]:
    """Published dossiers due for review by ``today`` + the soon days, the
    most overdue first, with ``review_due``, ``public_title`` and their
    contact persons."""
    soon = today + dt.timedelta(days=REVIEW_SOON_DAYS)
    contacts = DossierContact.objects.select_related("author").order_by("position")
    return list(
        Dossier.objects.published()
        .with_public_text()
        .with_review_due()
        .filter(review_due__lte=soon)
        .prefetch_related(Prefetch("contact_credits", contacts))
        .order_by("review_due", "title")
    )


def editor_addresses() -> set[str]:
    users = get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name=EDITORS_GROUP
    )
    return {
        email.lower()
        for email in users.exclude(email="").values_list("email", flat=True)
    }


def _contact_addresses(dossier: Dossier) -> set[str]:
    return {
        credit.author.email.lower()
        for credit in dossier.contact_credits.all()
        if credit.author.email
    }


def for_recipient(address: str, dossiers: list[Dossier], editors: set[str]):
    """What ``address`` is told: everything for an editor, else the dossiers
    it is the contact for."""
    if address in editors:
        return dossiers
    return [d for d in dossiers if address in _contact_addresses(d)]


@transaction.atomic
def queue_review_digest(today: dt.date) -> list[OutgoingMail]:
    """This week's digests, for whoever has something to hear: the outbox
    rows queued now (none when the week's digest was queued before)."""
    dossiers = due_dossiers(today)
    if not dossiers:
        return []
    addresses = editor_addresses()
    for dossier in dossiers:
        addresses |= _contact_addresses(dossier)
    week = week_of(today)
    queued = []
    for address in sorted(addresses):
        # The unique constraint decides: a concurrent run's INSERT waits for
        # ours to commit, then finds the row and queues nothing. (Both go in
        # sorted order, so neither holds a row the other waits for first.)
        row, created = ReviewDigestMail.objects.get_or_create(
            week=week, recipient=address
        )
        if created:
            queued += send_mail(kind=KIND, to=[address], object_id=row.pk)
    return queued


def digest_mails():
    """The outbox rows of the review digest."""
    return OutgoingMail.objects.filter(kind=KIND)
