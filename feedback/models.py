"""Quiet feedback on a dossier, for its editors: "Was deze informatie
nuttig? ja / nee" with an optional remark, and "Meld nieuw onderzoek" (a
reference, an optional DOI). No personal data, unless a reader leaves an
address to be told what became of a study they reported. Both feed the
dossier's review packet (feedback/review_packet.py), as does the check of
its literature links (``LinkCheck``)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier

MAX_REMARK_LENGTH = 1000
MAX_REFERENCE_LENGTH = 1000
# A DOI's syntax (Crossref's advice for modern DOIs: "10.", a registrant of
# 4 to 9 digits, "/", a suffix), case-insensitive.
DOI_RE = re.compile(r"10\.\d{4,9}/[-._;()/:a-z0-9<>\[\]]+", re.IGNORECASE)
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def normal_doi(value: str) -> str:
    """The DOI itself from what a reader typed (a doi.org link, "doi:…")."""
    doi = value.strip()
    for prefix in DOI_PREFIXES:
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :]
    return doi


def validate_doi(value: str) -> None:
    if value and not DOI_RE.fullmatch(normal_doi(value)):
        raise ValidationError(
            _("This is not a DOI. A DOI looks like 10.1000/xyz123."), code="doi"
        )


class FeedbackQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(created_at__gt=moment) if moment else self


class Usefulness(models.Model):
    """One reader's "was this useful": yes or no, and what they added."""

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="usefulness",
        verbose_name=_("dossier"),
    )
    version_number = models.PositiveIntegerField(_("version"), null=True)
    useful = models.BooleanField(_("useful"))
    remark = models.TextField(_("remark"), blank=True, max_length=MAX_REMARK_LENGTH)
    created_at = models.DateTimeField(_("given"), default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("usefulness answer")
        verbose_name_plural = _("usefulness answers")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["dossier", "created_at"], name="usefulness_idx")
        ]

    def __str__(self):
        return f"{self.dossier_id}: {'ja' if self.useful else 'nee'}"


class StudySuggestion(models.Model):
    """ "Meld nieuw onderzoek": a study a reader thinks the dossier misses."""

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="study_suggestions",
        verbose_name=_("dossier"),
    )
    version_number = models.PositiveIntegerField(_("version"), null=True)
    reference = models.TextField(_("reference"), max_length=MAX_REFERENCE_LENGTH)
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, validators=[validate_doi]
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Only when the reader wants to be told; never shown."),
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("study suggestion")
        verbose_name_plural = _("study suggestions")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["dossier", "created_at"], name="study_suggestion_idx")
        ]

    def __str__(self):
        return self.reference[:60]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{normal_doi(self.doi)}" if self.doi else ""


class LinkCheck(models.Model):
    """The latest check of one web address in the literature of a dossier's
    current version (``manage.py check_literature_links``)."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")

    def __str__(self):
        return self.url

    @property
    def answers(self) -> bool:
        return self.status is not None and self.status < 400
