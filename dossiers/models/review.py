"""Review before publishing and after: the second reader's steps, the
weekly review digest, preview links for outside experts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewDigestMail(models.Model):
    """That the weekly review digest went to one address (dossiers/
    review_digest.py): one row per ISO week and recipient, so nobody gets a
    week's digest twice, however often the command runs. The mail itself is
    an outbox row (``outbox.OutgoingMail``, kind ``dossiers.review_digest``,
    ``object_id`` this row's pk), which holds whether it was sent."""

    week = models.DateField(_("week"), help_text=_("The Monday of the week."))
    recipient = models.EmailField(_("recipient"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("review digest")
        verbose_name_plural = _("review digests")
        ordering = ["-week", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["week", "recipient"], name="review_digest_once_a_week"
            ),
        ]

    def __str__(self):
        return f"{self.week:%G-W%V} → {self.recipient}"


class ReviewStep(models.TextChoices):
    """The steps of a draft's review round (Drupal's content moderation and
    Wagtail's workflows are the models): an editor sends the draft for
    review, a reviewer approves it or sends it back with a remark, an editor
    publishes it."""

    SUBMITTED = "submitted", _("sent for review")
    APPROVED = "approved", _("approved")
    SENT_BACK = "sent_back", _("sent back")
    PUBLISHED = "published", _("published")


class DossierReviewQuerySet(models.QuerySet):
    def latest_for(self, dossier):
        return self.filter(dossier=dossier).order_by("-at", "-pk").first()

    def waiting(self):
        """The newest step of each dossier, where that step is "sent for
        review": the drafts waiting for a reviewer."""
        newest = (
            DossierReview.objects.filter(dossier=models.OuterRef("dossier"))
            .order_by("-at", "-pk")
            .values("pk")[:1]
        )
        return self.filter(pk=models.Subquery(newest), step=ReviewStep.SUBMITTED)


class DossierReview(models.Model):
    """One step in the review of a dossier's draft: who, when, what, and
    the remark. ``fingerprint`` is the draft's (``services.
    draft_fingerprint``) at that moment: an approval holds for exactly the
    draft the reviewer read, not for changes made after it."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="review_steps",
        verbose_name=_("dossier"),
    )
    step = models.CharField(_("step"), max_length=20, choices=ReviewStep.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    remark = models.TextField(_("remark"), blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)

    objects = DossierReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["dossier", "-at"], name="dossier_review_latest_idx"),
        ]
        permissions = [("review_dossier", _("Can approve or send back drafts"))]

    def __str__(self):
        return f"{self.dossier}: {self.get_step_display()}"


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A link that shows one dossier's draft to someone without an account
    (an outside expert): signed (``services.preview_link_token``), expiring
    and revocable. Only this dossier's draft, as it is when opened."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name=_("dossier"),
    )
    for_whom = models.CharField(
        _("for whom"),
        max_length=200,
        help_text=_("For example: “Prof. A. de Vries, Universiteit Utrecht”."),
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.dossier}: {self.for_whom}"

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
