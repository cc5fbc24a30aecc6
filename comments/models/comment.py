"""Reader reactions on articles and dossiers: threaded and pre-moderated.

Target: two nullable foreign keys (``article``, ``dossier``) with a named
CheckConstraint that exactly one is set, rather than a GenericForeignKey.
Reasons: the database enforces referential integrity and cascades deletes
(a GenericForeignKey cannot), the thread query filters on a plain indexed
column (a partial index per target), and list pages count reactions in one
grouped query per list (``Comment.objects.counts_for(cards)``). Two
commentable models do not justify the indirection of content types; a third
would add one column.

Threading: ``parent`` records which reaction is answered; ``path`` is the
array of ids from the root down to this reaction (itself included). Ordering
by ``path`` yields the whole thread in reading order (oldest first, each reply
right under what it answers) in one indexed query, and its length is the true
depth. Display depth is capped at COMMENTS_MAX_DEPTH when rendering, so
changing the setting needs no data migration.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.kinds import ITEM_FIELDS, ItemKind, exactly_one_item

from .items import item_field
from .writers import TrustedWriter

MAX_TEXT_LENGTH = 5000
MAX_NAME_LENGTH = 100


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

    def parent_for(self, item, raw_id) -> "Comment | None":
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


class Comment(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
        null=True,
        blank=True,
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="comments",
        null=True,
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        related_name="replies",
        null=True,
        blank=True,
    )
    path = ArrayField(
        models.BigIntegerField(), verbose_name=_("thread path"), default=list
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus,
        default=CommentStatus.PENDING,
    )
    is_staff_reply = models.BooleanField(
        _("from the editorial team"),
        default=False,
        help_text=_("Posted by a logged-in editor; shown with a badge."),
    )
    is_author_reply = models.BooleanField(
        _("from the item's author"),
        default=False,
        help_text=_(
            "Posted by an editor linked to an author of this article or "
            "dossier; shown with an author badge."
        ),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=MAX_NAME_LENGTH)
    email = models.EmailField(
        _("e-mail address"), help_text=_("Never shown on the site.")
    )
    text = models.TextField(_("reaction"), max_length=MAX_TEXT_LENGTH)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    moderator_note = models.TextField(
        _("moderator note"),
        blank=True,
        help_text=_("Internal; never shown on the site."),
    )
    spam_reason = models.CharField(
        _("spam rule"),
        max_length=200,
        blank=True,
        help_text=_("The automatic rule that held this reaction back as spam."),
    )
    notify_replies = models.BooleanField(
        _("e-mail on replies"),
        default=False,
        help_text=_("The writer asked for an e-mail about approved replies."),
    )
    notify_confirmed_at = models.DateTimeField(
        _("e-mail on replies confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "When the writer followed the link in the confirmation mail; reply "
            "mails go out only after that."
        ),
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn by the writer"), null=True, blank=True
    )
    edited_at = models.DateTimeField(
        _("edited"),
        null=True,
        blank=True,
        help_text=_("When the writer's last change was published."),
    )
    pending_text = models.TextField(
        _("change awaiting approval"),
        blank=True,
        max_length=MAX_TEXT_LENGTH,
        help_text=_(
            "The writer's new text for a published reaction; the published "
            "text stays until a moderator approves the change."
        ),
    )
    redacted_at = models.DateTimeField(
        _("shortened by the editorial team"),
        null=True,
        blank=True,
        help_text=_(
            "The site shows “[shortened by the editorial team]” under the "
            "text; the original is in the changes below."
        ),
    )
    # A reaction on a dossier: the number of the version readers saw when it
    # was written, and the section it reacts to ("Reageer op deze
    # paragraaf"; its anchor, empty for the dossier as a whole). The thread
    # says so once a later version changed that section (comments/thread.py).
    version_number = models.PositiveIntegerField(
        _("written on version"), null=True, blank=True, editable=False
    )
    section = models.CharField(
        _("section"), max_length=40, blank=True, default="", editable=False
    )
    # The number of the dossier version an editor marked this reaction as
    # taken into ("verwerkt in versie n", comments.services.mark_incorporated).
    incorporated_in = models.PositiveIntegerField(
        _("taken into version"), null=True, blank=True, editable=False
    )
    relevant_for_review = models.BooleanField(
        _("relevant for the next revision"),
        default=False,
        help_text=_(
            "Listed in the dossier's review packet for the editors who revise it."
        ),
    )
    # HMAC-SHA256 (COMMENTS_HASH_KEY) of the writer's address, for the writer
    # history in the moderation queue and trusted writers (comments/trust.py);
    # empty for the editorial team's replies and after an erasure.
    email_hash = models.CharField(
        _("address (hash)"), max_length=64, blank=True, default="", editable=False
    )
    # The reaction as readers see it, rendered once by comments.rendering
    # (never edited by hand; see that module for why and how it stays fresh).
    html = models.TextField(editable=False, blank=True, default="")
    html_key = models.CharField(editable=False, max_length=16, blank=True, default="")

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        ordering = ["created_at"]
        constraints = [
            exactly_one_item(
                "comment_exactly_one_target",
                violation_error_message=_(
                    "A reaction belongs to exactly one article or dossier."
                ),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), MAX_TEXT_LENGTH),
                name="comment_text_max_length",
            ),
        ]
        indexes = [
            # The thread query: approved reactions of one item by path. Partial,
            # so pending and spam rows never bloat what readers' pages scan.
            models.Index(
                fields=["article", "path"],
                condition=Q(status=CommentStatus.APPROVED, article__isnull=False),
                name="comment_article_thread_idx",
            ),
            models.Index(
                fields=["dossier", "path"],
                condition=Q(status=CommentStatus.APPROVED, dossier__isnull=False),
                name="comment_dossier_thread_idx",
            ),
            # The top-level reactions of a thread in order, for its pages
            # (comments/thread.py): walked in order, it stops after one page.
            models.Index(
                "article",
                F("path__0"),
                condition=Q(status=CommentStatus.APPROVED, article__isnull=False),
                name="comment_article_roots_idx",
            ),
            models.Index(
                "dossier",
                F("path__0"),
                condition=Q(status=CommentStatus.APPROVED, dossier__isnull=False),
                name="comment_dossier_roots_idx",
            ),
            # The moderation queue: pending first, oldest first.
            models.Index(
                fields=["status", "created_at"], name="comment_moderation_idx"
            ),
            # max(updated_at): the content version of cached reader pages.
            models.Index(fields=["updated_at"], name="comment_updated_idx"),
            # A writer's history in the moderation queue, by address hash.
            models.Index(
                fields=["email_hash", "status"],
                condition=~Q(email_hash=""),
                name="comment_writer_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:40]}"

    def get_absolute_url(self):
        """The short address that leads to the page and anchor holding it."""
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def item(self):
        return self.article if self.article_id else self.dossier

    @property
    def awaiting_moderation(self) -> bool:
        """Whether a moderator still has to decide on this reaction or a
        change to it (``AWAITING_MODERATION``, as the QuerySet filters)."""
        if self.status not in AWAITING_MODERATION:
            return False
        change = AWAITING_MODERATION[self.status]
        return not change or bool(getattr(self, change))

    @property
    def kind(self) -> ItemKind:
        return next(k for k, f in ITEM_FIELDS.items() if getattr(self, f"{f}_id"))

    def assign_path(self, *, save: bool = True) -> None:
        """Set the path once the id is known (right after insert); ``save=False``
        leaves storing it to the caller's next UPDATE."""
        base = list(self.parent.path) if self.parent_id else []
        self.path = [*base, self.pk]
        if save:
            type(self).objects.filter(pk=self.pk).update(path=self.path)
