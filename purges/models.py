"""The purge queue: what the caching proxy must forget, a row per proxy.

A row is written in the same transaction as the change that calls for it
(an approved reaction, a published version, an edited author), so a purge
exists if and only if that change committed. It names surrogate keys (the
``xkey`` header each public response carries, see ``core.surrogates``), not
addresses: one key reaches every page that shows the thing, whatever its
query string or page number. Rows are sent right after commit and retried
by ``manage.py send_purges`` while a proxy is unreachable, the way the
outbox retries mail.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from queues.models import QueuedRow, QueuedRowQuerySet


class PurgeQuerySet(QueuedRowQuerySet):
    def due(self):
        """Unsent rows whose moment has come (a scheduled item's waits)."""
        return self.unsent().filter(not_before__lte=timezone.now())


class Purge(QueuedRow):
    """A purge to send; ``QueuedRow`` adds created, sent, attempts, last error."""

    proxy = models.CharField(_("proxy"), max_length=200)
    keys = models.TextField(_("surrogate keys"))
    # Not sent before this moment: a scheduled item's pages change when its
    # publication date arrives, not when it is saved.
    not_before = models.DateTimeField(_("not before"), default=timezone.now)

    objects = PurgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("cache purge")
        verbose_name_plural = _("cache purges")
        ordering = ["not_before", "pk"]
        indexes = [
            models.Index(
                fields=["not_before"],
                condition=Q(sent_at__isnull=True),
                name="purges_unsent_idx",
            ),
        ]

    def __str__(self):
        return f"{self.keys} → {self.proxy}"
