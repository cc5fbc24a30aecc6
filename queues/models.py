"""The columns and reads every retried queue has (see the package's doc)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueuedRowQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def failed(self):
        """Tried and not sent: waiting to be retried, or given up on."""
        return self.unsent().filter(attempts__gt=0)


class QueuedRow(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = QueuedRowQuerySet.as_manager()

    class Meta:
        abstract = True
