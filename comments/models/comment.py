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

The statuses, the rules over them (what awaits moderation, what a moderator
approved) and the QuerySet reads go through are in ``queries``.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.kinds import ITEM_FIELDS, ItemKind, exactly_one_item

from .queries import AWAITING_MODERATION, CommentQuerySet, CommentStatus

MAX_TEXT_LENGTH = 5000
MAX_NAME_LENGTH = 100


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
