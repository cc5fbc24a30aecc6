"""Purging the caching proxy: ``purge`` is the one way the site asks it to
forget pages.

Like the outbox (``outbox/mail.py``), and for the same reasons: rows are
written in the caller's transaction, sent right after commit
(``transaction.on_commit``) to every proxy in ``CACHE_PROXY_URLS``, and
retried by ``manage.py send_purges`` (cron, or ``--every`` as a small
long-running process) while a proxy is down; each sender takes rows with
``SELECT … FOR UPDATE SKIP LOCKED``, so two senders never send the same row.
A proxy that is down makes pages slower to change, never wrong for longer
than it is down: the change itself commits, and the app keeps serving.

Each change is purged twice: at once, and again ``CACHE_PURGE_REPEAT_SECONDS``
later. A reader's request that read the data just before the change commits
can reach the proxy just after the first purge and store the old page; the
second purge removes it (the Varnish documentation calls this the
fetch-during-purge race; Fastly answers it the same way, with a delayed
second purge).

The request: ``PURGE /`` with the keys, space-separated, in ``xkey-purge``
(``deploy/varnish/default.vcl`` hands them to the xkey vmod). The proxy only
accepts it from the app servers (its ``purgers`` ACL).
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from queues import sending

from .models import Purge

logger = logging.getLogger(__name__)

# After this many failed attempts a row is left for a human to look at.
MAX_ATTEMPTS = 50
PURGE_HEADER = "xkey-purge"


def purge(keys: Iterable[str], *, at: datetime | None = None) -> list[Purge]:
    """Ask every proxy to forget the pages carrying any of ``keys``.

    Call it inside the transaction of the change. ``at``: not before this
    moment (a scheduled item going live); sent by ``send_purges`` then.
    """
    keys = " ".join(sorted({key for key in keys if key}))
    proxies = settings.CACHE_PROXY_URLS
    if not keys or not proxies:
        return []
    now = timezone.now()
    first = max(at, now) if at else now
    moments = [first]
    if settings.CACHE_PURGE_REPEAT_SECONDS:
        moments.append(first + timedelta(seconds=settings.CACHE_PURGE_REPEAT_SECONDS))
    rows = Purge.objects.bulk_create(
        Purge(proxy=proxy, keys=keys, created_at=now, not_before=moment)
        for proxy in proxies
        for moment in moments
    )
    now_ids = [row.pk for row in rows if row.not_before <= now]
    if now_ids:
        transaction.on_commit(lambda: deliver(ids=now_ids))
    return rows


def send(row: Purge) -> None:
    """One PURGE request; raises OSError when the proxy did not purge."""
    request = urllib.request.Request(  # noqa: S310 (an http URL from settings)
        row.proxy.rstrip("/") + "/",
        method="PURGE",
        headers={PURGE_HEADER: row.keys},
    )
    with urllib.request.urlopen(  # noqa: S310
        request, timeout=settings.CACHE_PURGE_TIMEOUT
    ) as response:
        response.read()


def deliver(*, ids: list[int] | None = None, limit: int = 500) -> dict:
    """Send due rows (these ``ids``, or all); never raises. Each row in its
    own short transaction that holds its lock. Returns counts: sent, failed.

    A proxy that fails is not asked again in this run: with it down, every
    row for it would wait out the timeout.
    """
    counts = {"sent": 0, "failed": 0}
    down: set[str] = set()

    def candidates():
        queryset = Purge.objects.due().filter(attempts__lt=MAX_ATTEMPTS)
        if ids is not None:
            queryset = queryset.filter(pk__in=ids)
        return queryset.exclude(proxy__in=down).order_by("not_before", "pk")

    def send_or_mark_down(row: Purge) -> None:
        if not _send_one(row, counts):
            down.add(row.proxy)

    sending.send_each(
        candidates, send_or_mark_down, limit=limit, logger=logger, what="purges"
    )
    return counts


def resend(*, ids: Iterable[int]) -> dict:
    """Send these unsent rows now, also those not yet due or past
    MAX_ATTEMPTS (an operator asked for it, in the admin); rows another
    sender holds are skipped. Returns counts, as ``deliver``."""
    counts = {"sent": 0, "failed": 0}
    sending.send_these(Purge.objects.unsent(), ids, lambda row: _send_one(row, counts))
    return counts


def _send_one(row: Purge, counts: dict) -> bool:
    """Send ``row`` (locked by the caller) and record the outcome on it."""
    row.attempts += 1
    try:
        send(row)
    except (OSError, urllib.error.HTTPError) as error:
        row.last_error = str(error)[:1000]
        row.save(update_fields=["attempts", "last_error"])
        counts["failed"] += 1
        logger.warning("Purge of %s at %s failed: %s", row.keys, row.proxy, error)
        return False
    row.sent_at = timezone.now()
    row.save(update_fields=["sent_at", "attempts"])
    counts["sent"] += 1
    return True
