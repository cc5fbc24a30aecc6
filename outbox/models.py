"""The outbox: every e-mail the site sends is a row here first.

A row is written in the same transaction as the change that calls for it (a
reaction, a moderation, a review date), so a mail exists if and only if that
change committed. It names what to say (``kind``, and ``object_id`` of what it
is about), not the finished text: the message is built when sending, from the
data as it is then, so an erasure or an unsubscribe also reaches mails not yet
sent.
"""

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from queues.models import QueuedRow, QueuedRowQuerySet


class OutgoingMailQuerySet(QueuedRowQuerySet):
    def to(self, address: str):
        return self.filter(recipient__iexact=address.strip())

    def outcomes(self) -> dict:
        """How many of these were sent, dropped (no longer wanted, see
        ``mail.deliver``) and failed (tried, still waiting to be retried)."""
        sent = Q(sent_at__isnull=False)
        return self.aggregate(
            sent=Count("pk", filter=sent & Q(last_error="")),
            dropped=Count("pk", filter=sent & ~Q(last_error="")),
            failed=Count("pk", filter=~sent & Q(attempts__gt=0)),
        )


class OutgoingMail(QueuedRow):
    """A mail to send; ``QueuedRow`` adds created, sent, attempts, last error."""

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.BigIntegerField(_("about (id)"), null=True, blank=True)
    recipient = models.EmailField(_("recipient"))

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("outbox")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="outbox_unsent_idx",
            ),
            models.Index(fields=["kind", "object_id"], name="outbox_kind_object_idx"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"
