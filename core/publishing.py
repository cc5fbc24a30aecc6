"""Publication state shared by dossiers and articles.

An item is visible to readers when its status is "published" and its
publication date-time has passed. A future date means "scheduled": the item
appears by itself at that moment, because every read filters on ``now()``
(no cron job flips a flag).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .editors import is_editor


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Items readers see at ``now`` (by default: now; a ``Param`` in a
        query compiled once, core/compiled.py)."""
        return self.filter(
            status=Status.PUBLISHED,
            published_at__lte=timezone.now() if now is None else now,
        )

    def visible_to(self, user, now=None):
        """Everything for staff (preview), only published items for readers."""
        return self.visible(to_editors=is_editor(user), now=now)

    def visible(self, *, to_editors: bool, now=None):
        """``visible_to`` for a reader who is (or is not) an editor."""
        return self.all() if to_editors else self.published(now)


class Publishable(models.Model):
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Readers see the item from this moment on. A date in the future "
            "schedules it."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
                violation_error_message=_("A published item needs a publication date."),
            ),
        ]

    @property
    def is_published(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class PublicationState(models.TextChoices):
    """What readers see now: derived from status and date, never stored."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


def publication_state(item: Publishable) -> PublicationState:
    if item.is_published:
        return PublicationState.PUBLISHED
    if item.is_scheduled:
        return PublicationState.SCHEDULED
    return PublicationState.DRAFT
