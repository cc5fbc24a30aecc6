"""Reader reactions on articles and dossiers: threaded and pre-moderated.

Target: two nullable foreign keys (``article``, ``dossier``) with a named
CheckConstraint that exactly one is set, rather than a GenericForeignKey.
Reasons: the database enforces referential integrity and cascades deletes
(a GenericForeignKey cannot), the thread query filters on a plain indexed
column (a partial index per target), and listing pages can count reactions
with an ordinary correlated subquery. Two commentable models do not justify
the indirection of content types; a third would add one column.

Threading: ``parent`` records which reaction is answered; ``path`` is the
array of ids from the root down to this reaction (itself included). Ordering
by ``path`` yields the whole thread in reading order (oldest first, each reply
right under what it answers) in one indexed query, and its length is the true
depth. Display depth is capped at COMMENTS_MAX_DEPTH when rendering, so
changing the setting needs no data migration.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TEXT_LENGTH = 5000
MAX_NAME_LENGTH = 100


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class ItemKind(models.TextChoices):
    """The public URL segment for each commentable model."""

    ARTICLE = "artikel", _("article")
    DOSSIER = "dossier", _("dossier")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def by_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def subscribed(self):
        """Writers who asked for reply mails and confirmed their address."""
        return self.filter(notify_replies=True, notify_confirmed_at__isnull=False)

    def for_item(self, item):
        return self.filter(**{item_field(item): item})

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

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(article__isnull=False, dossier__isnull=True)
                    | Q(article__isnull=True, dossier__isnull=False)
                ),
                name="comment_exactly_one_target",
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
            # The moderation queue: pending first, oldest first.
            models.Index(
                fields=["status", "created_at"], name="comment_moderation_idx"
            ),
            # max(updated_at): the content version of cached reader pages.
            models.Index(fields=["updated_at"], name="comment_updated_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:40]}"

    def get_absolute_url(self):
        return f"{self.item.get_absolute_url()}#reactie-{self.pk}"

    @property
    def item(self):
        return self.article if self.article_id else self.dossier

    @property
    def kind(self) -> str:
        return ItemKind.ARTICLE if self.article_id else ItemKind.DOSSIER

    def assign_path(self) -> None:
        """Store the path once the id is known (called right after insert)."""
        base = list(self.parent.path) if self.parent_id else []
        self.path = [*base, self.pk]
        type(self).objects.filter(pk=self.pk).update(path=self.path)


def item_field(item) -> str:
    """The Comment field that points at ``item``'s model."""
    from articles.models import Article
    from dossiers.models import Dossier

    if isinstance(item, Article):
        return "article"
    if isinstance(item, Dossier):
        return "dossier"
    raise TypeError(f"{type(item).__name__} does not take reactions.")


def item_kind(item) -> str:
    return ItemKind.ARTICLE if item_field(item) == "article" else ItemKind.DOSSIER


def item_model(kind: str):
    from articles.models import Article
    from dossiers.models import Dossier

    return {ItemKind.ARTICLE: Article, ItemKind.DOSSIER: Dossier}.get(kind)


def reply_url(item, parent_id: int | None = None) -> str:
    url = reverse("comments:reply", kwargs={"kind": item_kind(item), "pk": item.pk})
    return f"{url}?op={parent_id}" if parent_id else url


def annotate_reaction_counts(queryset, name: str = "reaction_count"):
    """Annotate approved reaction counts on Articles or Dossiers (one query).

    ``annotate_reaction_counts(Article.objects.published())`` adds
    ``reaction_count`` to every row through a correlated subquery, which
    stays correct next to other annotations (no GROUP BY over joins).
    """
    field = item_field(queryset.model())
    counts = (
        Comment.objects.approved()
        .filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        **{name: Coalesce(Subquery(counts, output_field=IntegerField()), 0)}
    )


class RateLimitScope(models.TextChoices):
    ADDRESS = "address", _("client address")
    EMAIL = "email", _("e-mail address")


class RateLimitHit(models.Model):
    """One accepted reaction, counted against a hashed client or e-mail address.

    ``key_hash`` is HMAC-SHA256 (COMMENTS_HASH_KEY) of the address: the raw
    address is never stored. Rows older than COMMENTS_HASH_RETENTION_DAYS go
    with ``manage.py purge_rate_limits``.
    """

    scope = models.CharField(max_length=10, choices=RateLimitScope)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # The window count: WHERE scope = … AND key_hash = … AND created_at > …
            models.Index(
                fields=["scope", "key_hash", "created_at"],
                name="ratelimit_window_idx",
            ),
            # The purge: WHERE created_at < …
            models.Index(fields=["created_at"], name="ratelimit_created_idx"),
        ]

    def __str__(self):
        return f"{self.scope} {self.key_hash[:12]}… {self.created_at:%Y-%m-%d %H:%M}"


class BlocklistKind(models.TextChoices):
    WORD = "word", _("word or phrase")
    DOMAIN = "domain", _("domain (in links or e-mail addresses)")
    EMAIL = "email", _("e-mail address")


class BlocklistEntry(models.Model):
    """What editors never want to see: a match holds a reaction back as spam."""

    kind = models.CharField(_("kind"), max_length=10, choices=BlocklistKind)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_(
            "Case does not matter. A word matches whole words only; a domain "
            "also matches its subdomains."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(
                "kind",
                Lower("value"),
                name="blocklist_unique_kind_value",
                violation_error_message=_("This entry is already on the blocklist."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class RevisionKind(models.TextChoices):
    EDITED = "edited", _("changed by the writer")
    EDIT_APPROVED = "edit_approved", _("change approved")
    EDIT_REJECTED = "edit_rejected", _("change refused")
    WITHDRAWN = "withdrawn", _("withdrawn by the writer")


class Revision(models.Model):
    """One change to a reaction's text: what it said before, and when."""

    comment = models.ForeignKey(
        Comment,
        verbose_name=_("reaction"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    kind = models.CharField(_("change"), max_length=20, choices=RevisionKind)
    text_before = models.TextField(_("text before"), blank=True)
    text_after = models.TextField(_("text after"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class SubscriptionConsent(models.Model):
    """Proof of consent to reply mails: when an address confirmed, and which.

    Only the HMAC-SHA256 (COMMENTS_HASH_KEY) of the address is kept, so the
    record can show consent for an address someone names without holding the
    address itself. It stays when the reaction is erased.
    """

    email_hash = models.CharField(_("address (hash)"), max_length=64)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("reaction"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        verbose_name = _("consent to reply e-mails")
        verbose_name_plural = _("consents to reply e-mails")
        ordering = ["-confirmed_at"]
        indexes = [
            models.Index(fields=["email_hash"], name="consent_email_hash_idx"),
        ]

    def __str__(self):
        return f"{self.email_hash[:12]}… {self.confirmed_at:%Y-%m-%d %H:%M}"


class PrivacyStatement(models.Model):
    """The privacy page (/privacy/): one row, edited by the editors."""

    singleton = models.BooleanField(default=True, editable=False)
    title = models.CharField(_("title"), max_length=200, default=_("Privacy"))
    text = models.TextField(
        _("text"),
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("privacy statement")
        verbose_name_plural = _("privacy statement")
        constraints = [
            models.UniqueConstraint(fields=["singleton"], name="privacy_singleton"),
            models.CheckConstraint(
                condition=Q(singleton=True), name="privacy_singleton_true"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("privacy")
