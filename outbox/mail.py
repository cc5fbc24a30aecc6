"""Sending e-mail: ``send_mail`` is the one way the site sends a message.

Why our own outbox rather than django-post-office or Django's Tasks framework
with django-tasks-db (compared for issue 15, December 2026):

- django-post-office 3.12 keeps a database queue with retries and an admin,
  but ``send_queued_mail`` takes no row locks (``get_queued`` is a plain
  SELECT); it relies on a lock *file*, so two senders on two servers can send
  the same mail twice. It also stores the rendered message, so an erasure
  request would not reach a mail still waiting.
- django-tasks-db 0.13 claims tasks with ``SELECT … FOR UPDATE SKIP LOCKED``
  and its rows commit with the caller's transaction, but a task that raises
  is simply FAILED: Django's Tasks framework has no retries, so a mail lost
  to a down server would stay lost unless we wrote the retry loop ourselves,
  next to a worker process that must always run.

This module keeps every guarantee in about a hundred lines: rows are written
in the caller's transaction, sent right after commit
(``transaction.on_commit``), retried by ``manage.py send_notifications`` from
cron while the mail server is down, and each sender takes rows with ``SELECT
… FOR UPDATE SKIP LOCKED`` so two senders never send the same row. No worker
process is needed.

An app says what its mails look like by registering a builder per kind (in
its ``AppConfig.ready``): ``build(row)`` returns the message, or None when it
is no longer wanted (the row is then dropped, not sent). Sending never raises
into the caller: failures are logged and kept on the row.
"""

import email.policy
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from queues import sending

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# After this many failed attempts a row is left for a human to look at.
MAX_ATTEMPTS = 20

Builder = Callable[[OutgoingMail], EmailMessage | None]
_builders: dict[str, Builder] = {}


def register(kind: str, build: Builder) -> None:
    """Say how to build the mails of ``kind`` (call from AppConfig.ready)."""
    _builders[kind] = build


def send_mail(
    *, kind: str, to: Iterable[str], object_id: int | None = None
) -> list[OutgoingMail]:
    """Queue one mail of ``kind`` per address in ``to``, about ``object_id``.

    Call it inside the transaction of the change that calls for the mail:
    the rows commit or roll back with it, and are sent right after commit.
    """
    if kind not in _builders:
        raise LookupError(f"No e-mail builder registered for {kind!r}.")
    rows = OutgoingMail.objects.bulk_create(
        OutgoingMail(kind=kind, object_id=object_id, recipient=address)
        for address in to
        if address
    )
    ids = [row.pk for row in rows]
    if ids and settings.OUTBOX_SEND_ON_COMMIT:
        transaction.on_commit(lambda: deliver(ids=ids))
    return rows


class OneLineHeadersMessage(EmailMultiAlternatives):
    """A mail whose List-Unsubscribe header leaves on one line.

    The SMTP backend serialises with ``email.policy.SMTP`` (78 columns),
    which "folds" a longer header by turning it into RFC 2047 encoded words
    (``=?utf-8?q?=3Chttps…?=``); mail programs then see no URL and offer no
    one-click unsubscribe. RFC 5322 allows lines of up to 998 characters, so
    the header is stored raw and the policy told not to refold raw headers
    (``refold_source="none"`` touches no other header).
    """

    ONE_LINE = ("List-Unsubscribe",)

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy.clone(refold_source="none"))
        for name in self.ONE_LINE:
            value = self.extra_headers.get(name)
            if value is not None:
                del msg[name]
                msg.set_raw(name, value)
        return msg


def render_message(
    *,
    template: str,
    context: dict,
    to: str,
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    """A text and HTML message from ``{template}_subject.txt``, ``.txt`` and
    ``.html``, in the site's language."""
    context = {"site_name": settings.SITE_NAME, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = OneLineHeadersMessage(
        subject=" ".join(subject.split()), body=text, to=[to], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message


def absolute(path: str) -> str:
    """A site path as the full address a mail can link to."""
    return settings.SITE_URL + path


def deliver(*, ids: list[int] | None = None, limit: int = 200) -> dict:
    """Send unsent rows (these ``ids``, or all due ones); never raises.

    Each row is sent in its own short transaction that holds its lock, so a
    concurrent sender skips it, and a crash half-way loses nothing
    (``queues.sending``). Returns counts: sent, failed, dropped.
    """
    counts = {"sent": 0, "failed": 0, "dropped": 0}

    def candidates():
        queryset = OutgoingMail.objects.unsent().filter(attempts__lt=MAX_ATTEMPTS)
        if ids is not None:
            queryset = queryset.filter(pk__in=ids)
        return queryset.order_by("created_at", "pk")

    sending.send_each(
        candidates,
        lambda row: _send_one(row, counts),
        limit=limit,
        logger=logger,
        what="e-mail",
    )
    return counts


def preview(row: OutgoingMail) -> EmailMessage | None:
    """The message of ``row`` as it would be sent now, for editors to read
    (the outbox keeps what to say, not the text: see models.py). None when
    it is no longer wanted. Sends nothing, changes nothing."""
    return _builders[row.kind](row)


def resend(*, ids: Iterable[int]) -> dict:
    """Try these unsent rows again now, also those that reached
    MAX_ATTEMPTS (an editor asked for it); rows another sender holds are
    skipped. Returns counts, as ``deliver``."""
    counts = {"sent": 0, "failed": 0, "dropped": 0}
    sending.send_these(
        OutgoingMail.objects.unsent(), ids, lambda row: _send_one(row, counts)
    )
    return counts


def _send_one(row: OutgoingMail, counts: dict) -> None:
    now = timezone.now()
    try:
        build = _builders[row.kind]
        message = build(row)
        if message is not None:
            message.send()
    except Exception as error:  # SMTP down, refused, timeout, bad template …
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.save(update_fields=["attempts", "last_error"])
        counts["failed"] += 1
        logger.warning(
            "E-mail %s (%s) failed, attempt %s: %s",
            row.pk,
            row.kind,
            row.attempts,
            row.last_error,
        )
        return
    if message is None:
        row.sent_at = now
        row.last_error = "not sent: no longer wanted"
        row.save(update_fields=["sent_at", "last_error"])
        counts["dropped"] += 1
        return
    row.attempts += 1
    row.sent_at = now
    row.last_error = ""
    row.save(update_fields=["attempts", "sent_at", "last_error"])
    counts["sent"] += 1
