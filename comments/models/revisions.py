"""Every change to a reaction's text, what it said before, and who."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RevisionKind(models.TextChoices):
    EDITED = "edited", _("changed by the writer")
    EDIT_APPROVED = "edit_approved", _("change approved")
    EDIT_REJECTED = "edit_rejected", _("change refused")
    WITHDRAWN = "withdrawn", _("withdrawn by the writer")
    REDACTED = "redacted", _("shortened by the editorial team")


class Revision(models.Model):
    """One change to a reaction's text: what it said before, and when."""

    comment = models.ForeignKey(
        "comments.Comment",
        verbose_name=_("reaction"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    kind = models.CharField(_("change"), max_length=20, choices=RevisionKind)
    text_before = models.TextField(_("text before"), blank=True)
    text_after = models.TextField(_("text after"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The moderator; empty for a change by the writer."),
    )

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
