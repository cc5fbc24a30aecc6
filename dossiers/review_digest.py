"""The weekly review digest: dossiers overdue for review, and soon due.

Who gets it: every editor (active staff in the Redactie group, with an
address) gets the whole list; each contact person of a listed dossier gets
the dossiers they are the contact for, at their author record's address
(editors only, never shown). What: published dossiers whose "herzien vóór"
date has passed, and those due within ``REVIEW_SOON_DAYS`` (30).

Once a week per address: ``queue_review_digest`` writes one
``ReviewDigestMail`` row per address for the ISO week (a unique constraint:
running the command again that week adds nothing), and
``send_review_digests`` sends the week's unsent rows the way the site's
reaction mails go out (``comments/notifications.py``): each row in a short
transaction that holds its lock (``SELECT … FOR UPDATE SKIP LOCKED``, so two
servers never send one row twice), a failure kept on the row and retried on
the next run, up to ``MAX_ATTEMPTS``. The message is built when it is sent,
from the dossiers as they are then.

Why rows of its own rather than ``comments.Notification``: those belong to a
reaction (``Notification.comment`` is required) in an app above this one.
The outbox of the reactions branch (``outbox.mail.send_mail``) is to carry
every mail of the site; this digest then becomes one of its kinds.
"""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.editors import EDITORS_GROUP

from .models import REVIEW_SOON_DAYS, Dossier, DossierContact, ReviewDigestMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
TEMPLATE = "dossiers/email/review_digest"


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
def queue_review_digest(today: dt.date) -> int:
    """This week's rows, for whoever has something to hear; returns how many
    were new (none when the week's digest was queued before)."""
    dossiers = due_dossiers(today)
    if not dossiers:
        return 0
    addresses = editor_addresses()
    for dossier in dossiers:
        addresses |= _contact_addresses(dossier)
    week = week_of(today)
    before = ReviewDigestMail.objects.filter(week=week).count()
    ReviewDigestMail.objects.bulk_create(
        [ReviewDigestMail(week=week, recipient=a) for a in sorted(addresses)],
        ignore_conflicts=True,
    )
    return ReviewDigestMail.objects.filter(week=week).count() - before


def send_review_digests(today: dt.date) -> dict:
    """Send this week's unsent digests; never raises. Returns counts."""
    counts = {"sent": 0, "failed": 0, "dropped": 0}
    dossiers, editors = due_dossiers(today), editor_addresses()
    rows = ReviewDigestMail.objects.filter(
        week=week_of(today), sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
    )
    done: set[int] = set()
    while True:
        try:
            with transaction.atomic():
                row = (
                    rows.exclude(pk__in=done)
                    .select_for_update(skip_locked=True)
                    .order_by("pk")
                    .first()
                )
                if row is None:
                    break
                done.add(row.pk)
                listed = for_recipient(row.recipient, dossiers, editors)
                _send_one(row, listed, today, counts)
        except Exception:  # the database: leave the rest to the next run
            logger.exception("Sending review digests stopped early")
            break
    return counts


def _send_one(row, listed, today, counts) -> None:
    row.attempts += 1
    if not listed:  # reviewed since it was queued: nothing to say
        row.sent_at, row.last_error = timezone.now(), "not sent: nothing due"
        counts["dropped"] += 1
    else:
        try:
            message(row.recipient, listed, today).send()
        except Exception as error:  # SMTP down, refused, timeout …
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            counts["failed"] += 1
            logger.warning("Review digest to row %s failed: %s", row.pk, error)
        else:
            row.sent_at, row.last_error = timezone.now(), ""
            counts["sent"] += 1
    row.save(update_fields=["attempts", "sent_at", "last_error"])


def message(address: str, dossiers: list[Dossier], today: dt.date):
    """The digest for ``address``: its dossiers, overdue and soon due."""
    from_site = settings.SITE_URL
    entries = [
        {
            "title": dossier.public_title or dossier.title,
            "due": dossier.review_due,
            "days": abs((dossier.review_due - today).days),
            "url": from_site + dossier.get_absolute_url(),
            "admin_url": from_site
            + reverse("admin:dossiers_dossier_change", args=[dossier.pk]),
        }
        for dossier in dossiers
    ]
    context = {
        "overdue": [e for e in entries if e["due"] < today],
        "soon": [e for e in entries if e["due"] >= today],
        "week": week_of(today),
        "soon_days": REVIEW_SOON_DAYS,
        "overdue_url": from_site
        + reverse("admin:dossiers_dossier_changelist")
        + "?herziening=verlopen",
    }
    context["site_name"] = settings.SITE_NAME
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{TEMPLATE}_subject.txt", context)
        text = render_to_string(f"{TEMPLATE}.txt", context)
        html = render_to_string(f"{TEMPLATE}.html", context)
    mail = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[address]
    )
    mail.attach_alternative(html, "text/html")
    return mail
