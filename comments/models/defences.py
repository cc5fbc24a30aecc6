"""The spam defences' own tables: rate-limit hits (hashed addresses only)
and the editors' blocklist."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RateLimitScope(models.TextChoices):
    ADDRESS = "address", _("client address")
    EMAIL = "email", _("e-mail address")
    QUESTION = "question", _("questions issued to a client address")


class RateLimitHit(models.Model):
    """One accepted reaction counted against a hashed client or e-mail
    address, or one arithmetic question issued to a hashed client address
    (scope "question").

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
