"""How reactions are read: their statuses, the rules over them (what awaits
moderation, what a moderator approved) and ``CommentQuerySet``
(``Comment.objects``): threads, counts per item, writers' histories."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .items import item_field
from .writers import TrustedWriter


@dataclass(frozen=True, slots=True)
class WriterHistory:
    """A writer's earlier reactions as moderators decided them, by status."""

    approved: int = 0
    rejected: int = 0
    spam: int = 0
    trusted: bool = False


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


# What a moderator approved, the one rule the writer history and trusted
# writers count by. A moderator's approval records who did it
# (``moderated_by``), also when the writer withdrew the reaction later; a
# reaction withdrawn while it waited, or published at once for a trusted
# writer (``moderated_at`` without a moderator), never saw one. Reactions
# approved on the old Drupal site carry no moderation record at all: they
# were approved there (drupal7/comments.py).
MODERATOR_APPROVED = Q(moderated_by__isnull=False) & (
    Q(status=CommentStatus.APPROVED) | Q(withdrawn_at__isnull=False)
) | Q(status=CommentStatus.APPROVED, moderated_at__isnull=True, withdrawn_at=None)

# What waits for a moderator's decision, by status: a new reaction, or a
# writer's change to a published one (its ``pending_text``; the published
# text stays until a moderator approves it). The one declaration the
# moderator mails, the daily digest, the editors' dashboard and the
# moderation queue's filter go by: ``Comment.objects.awaiting_moderation()``
# and, for one reaction in hand, ``Comment.awaiting_moderation``.
AWAITING_MODERATION: dict[str, str | None] = {
    CommentStatus.PENDING: None,  # the reaction itself
    CommentStatus.APPROVED: "pending_text",  # a change to it, when there is one
}


def awaiting_moderation_q() -> Q:
    """``AWAITING_MODERATION`` as a condition, for a filter or a count."""
    return reduce(
        operator.or_,
        (
            Q(status=status) & (~Q(**{change: ""}) if change else Q())
            for status, change in AWAITING_MODERATION.items()
        ),
    )


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def by_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def awaiting_moderation(self):
        """New reactions and writers' changes a moderator still has to
        decide on (``AWAITING_MODERATION``)."""
        return self.filter(awaiting_moderation_q())

    def subscribed(self):
        """Writers who asked for reply mails and confirmed their address."""
        return self.filter(notify_replies=True, notify_confirmed_at__isnull=False)

    def writer_histories(self, hashes) -> dict[str, "WriterHistory"]:
        """What moderators decided before about each address hash in
        ``hashes``, in one grouped query: {email_hash: WriterHistory}.

        ``approved`` counts only what a moderator approved
        (``MODERATOR_APPROVED``): a reaction its writer withdrew after
        approval counts (it was approved), one withdrawn while it waited, or
        published at once for a trusted writer, does not. A withdrawn
        reaction is never counted as rejected. ``trusted`` is True while a
        TrustedWriter row for the hash is not revoked.
        """
        hashes = {h for h in hashes if h}
        if not hashes:
            return {}
        withdrawn = Q(withdrawn_at__isnull=False)
        rows = (
            self.filter(email_hash__in=hashes)
            .order_by()
            .values("email_hash")
            .annotate(
                approved=Count("pk", filter=MODERATOR_APPROVED),
                rejected=Count(
                    "pk", filter=Q(status=CommentStatus.REJECTED) & ~withdrawn
                ),
                spam=Count("pk", filter=Q(status=CommentStatus.SPAM)),
                trusted=Exists(
                    TrustedWriter.objects.active().filter(
                        email_hash=OuterRef("email_hash")
                    )
                ),
            )
        )
        return {
            row["email_hash"]: WriterHistory(
                approved=row["approved"],
                rejected=row["rejected"],
                spam=row["spam"],
                trusted=row["trusted"],
            )
            for row in rows
        }

    def for_item(self, item):
        return self.filter(**{item_field(item): item})

    def answerable_on(self, item):
        """What a reply on ``item`` may answer: its approved reactions."""
        return self.for_item(item).approved()

    def parent_for(self, item, raw_id) -> models.Model | None:
        """The reaction ``raw_id`` (as typed in a URL or form) if a reply on
        ``item`` may answer it, else None."""
        raw = str(raw_id)
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            return None
        return self.answerable_on(item).filter(pk=int(raw)).first()

    def counts_for(self, items) -> dict[int, int]:
        """Approved reactions per item of one kind ({pk: n}), in one query."""
        items = list(items)
        if not items:
            return {}
        field = item_field(items[0])
        rows = (
            self.approved()
            .filter(**{f"{field}__in": [item.pk for item in items]})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
        )
        return {row[field]: row["n"] for row in rows}

    def thread(self, item):
        """Approved reactions of ``item`` in reading order (one query)."""
        return self.for_item(item).approved().order_by("path")
