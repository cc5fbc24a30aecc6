"""Writers by the hash of their address: trusted writers, and the proof of
consent to reply mails."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrustedWriterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class TrustedWriter(models.Model):
    """An address (by hash) whose reactions are published at once.

    Earned with COMMENTS_TRUSTED_AFTER approved reactions while
    COMMENTS_TRUSTED_WRITERS is on (comments/trust.py); a moderator can
    revoke it, and a revoked row stays so that later approvals do not bring
    the trust back by themselves.
    """

    email_hash = models.CharField(_("address (hash)"), max_length=64, unique=True)
    trusted_at = models.DateTimeField(_("trusted since"), default=timezone.now)
    approved_then = models.PositiveIntegerField(_("approved reactions then"), default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = TrustedWriterQuerySet.as_manager()

    class Meta:
        verbose_name = _("trusted writer")
        verbose_name_plural = _("trusted writers")
        ordering = ["-trusted_at"]

    def __str__(self):
        return f"{self.email_hash[:12]}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SubscriptionConsent(models.Model):
    """Proof of consent to reply mails: when an address confirmed, and which.

    Only the HMAC-SHA256 (COMMENTS_HASH_KEY) of the address is kept, so the
    record can show consent for an address someone names without holding the
    address itself. It stays when the reaction is erased.
    """

    email_hash = models.CharField(_("address (hash)"), max_length=64)
    comment = models.ForeignKey(
        "comments.Comment",
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
