"""Readers who follow a dossier (or every dossier of a theme) by e-mail.

No account: the address is the key, as for reply mails (comments). A
request is a ``Follow`` row; nothing is sent to it until its address is
confirmed through the signed link in the one confirmation mail (double
opt-in); requests not confirmed within COMMENTS_CONFIRM_DAYS lapse and are
deleted. Unsubscribing (one click, RFC 8058) keeps the row with its moment,
so the history of consent stays on record; an erasure deletes the rows, and
the consent records (``comments.SubscriptionConsent``, by keyed hash) stay.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier, DossierVersion, Theme


class Frequency(models.TextChoices):
    """How often a follower hears about substantive versions."""

    EACH_VERSION = "per-versie", _("an e-mail for each substantive version")
    WEEKLY = "wekelijks", _("a weekly overview")


class FollowQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: these get mail."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def each_version(self):
        return self.filter(frequency=Frequency.EACH_VERSION)

    def weekly(self):
        return self.filter(frequency=Frequency.WEEKLY)

    def by_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def of_version(self, version: DossierVersion):
        """Who follows the version's dossier, or one of the themes it has
        in that version (the themes readers see, not the draft's)."""
        themes = [theme["id"] for theme in (version.content or {}).get("themes", [])]
        return self.filter(Q(dossier=version.dossier_id) | Q(theme__in=themes))


class Follow(models.Model):
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="follows",
        null=True,
        blank=True,
        verbose_name=_("dossier"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        related_name="follows",
        null=True,
        blank=True,
        verbose_name=_("theme"),
    )
    email = models.EmailField(_("e-mail address"))
    frequency = models.CharField(
        _("how often"),
        max_length=20,
        choices=Frequency,
        default=Frequency.EACH_VERSION,
        db_default=Frequency.EACH_VERSION,
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dossier__isnull=False, theme__isnull=True)
                | Q(dossier__isnull=True, theme__isnull=False),
                name="follow_exactly_one_subject",
            ),
            # One row per address and subject: a second request reuses it.
            models.UniqueConstraint(
                "dossier", Lower("email"), name="follow_dossier_once"
            ),
            models.UniqueConstraint("theme", Lower("email"), name="follow_theme_once"),
        ]

    def __str__(self):
        return f"{self.email} → {self.subject}"

    @property
    def subject(self):
        return self.dossier if self.dossier_id else self.theme

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Announcement(models.Model):
    """That a substantive version was announced to its followers: once per
    version, however often publishing or the cron command runs."""

    version = models.OneToOneField(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="+",
        verbose_name=_("version"),
    )
    created_at = models.DateTimeField(_("announced"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("announcement of a version")
        verbose_name_plural = _("announcements of versions")

    def __str__(self):
        return str(self.version)


class Digest(models.Model):
    """A weekly overview mailed to a follower (``Frequency.WEEKLY``): the
    substantive versions published from ``since`` until ``until``. One per
    follower per ISO week (``week``, e.g. "2026-W49"), however often the
    command runs; the next one starts where this one ended. No row (and no
    mail) for a week in which nothing changed."""

    follow = models.ForeignKey(
        Follow,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name=_("follower"),
    )
    week = models.CharField(_("week"), max_length=8)
    since = models.DateTimeField(_("from"))
    until = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("weekly overview")
        verbose_name_plural = _("weekly overviews")
        ordering = ["-until"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow", "week"], name="follow_digest_once_a_week"
            )
        ]

    def __str__(self):
        return f"{self.follow} ({self.week})"
