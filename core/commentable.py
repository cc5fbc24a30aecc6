"""What an item needs to carry reactions (mixed into Article and Dossier).

Kept apart from comments.models so content apps can inherit it without
importing the reaction models.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The query parameter of a thread's pages (``?page=n``, comments/thread.py):
# an item page's cache keeps one entry per value (core.caching).
THREAD_PAGE_PARAM = "page"


class ReactionsMode(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed (thread shown, no form)")
    HIDDEN = "hidden", _("Hidden")


class Commentable(models.Model):
    reactions = models.CharField(
        _("reactions"),
        max_length=10,
        choices=ReactionsMode,
        default=ReactionsMode.OPEN,
    )

    class Meta:
        abstract = True

    @property
    def reader_title(self) -> str:
        """The title readers know the item by, where its reactions are
        (reaction pages, reply mails). A dossier's is its published
        version's, not its draft's."""
        return self.title

    @property
    def reactions_shown(self) -> bool:
        return self.reactions != ReactionsMode.HIDDEN

    @property
    def takes_reactions(self) -> bool:
        """Readers see it and its reactions: the reaction pages exist, and
        reactions can be posted while ``reactions_open``."""
        return self.is_published and self.reactions_shown

    @property
    def reactions_open(self) -> bool:
        """Open, and not past COMMENTS_CLOSE_AFTER_DAYS since publication."""
        if self.reactions != ReactionsMode.OPEN:
            return False
        days = getattr(settings, "COMMENTS_CLOSE_AFTER_DAYS", None)
        if days is not None and self.published_at is not None:
            return timezone.now() < self.published_at + timedelta(days=days)
        return True
