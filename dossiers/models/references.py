"""The dossier's literature as structured data (APA 7 list, RIS, BibTeX,
CSL-JSON all come from these fields)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .elements import DossierPart, web_link_only


class ReferenceKind(models.TextChoices):
    """What a reference is: CSL's item types (dossiers/citations.py)."""

    ARTICLE = "article-journal", _("journal article")
    BOOK = "book", _("book")
    CHAPTER = "chapter", _("chapter in a book")
    REPORT = "report", _("report")
    WEBPAGE = "webpage", _("web page")


class Reference(DossierPart):
    """A literature reference as structured data: the literature list (APA 7)
    and the downloads (RIS, BibTeX, CSL-JSON) come from the same fields
    (dossiers/citations.py)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="references",
        verbose_name=_("dossier"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ReferenceKind, default=ReferenceKind.REPORT
    )
    authors = models.CharField(
        _("authors"),
        max_length=500,
        help_text=_('As in the source, e.g. "Jansen, P., & De Vries, M."'),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    container_title = models.CharField(
        _("journal, book or website"),
        max_length=300,
        blank=True,
        help_text=_("The journal of an article, the book of a chapter."),
    )
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    issue = models.CharField(_("issue"), max_length=20, blank=True)
    pages = models.CharField(
        _("pages"), max_length=30, blank=True, help_text=_("For example 145-162")
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("Only from the 2nd edition.")
    )
    url = models.URLField(_("URL"), blank=True, max_length=500)
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, help_text=_("For example 10.1000/xyz123")
    )

    class Meta(DossierPart.Meta):
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        indexes = [
            models.Index(fields=["dossier", "position"], name="reference_order_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__isnull=True)
                | models.Q(year__gte=1800, year__lte=2200),
                name="dossiers_reference_year_plausible",
                violation_error_message=_("Enter a plausible year."),
            ),
            web_link_only("dossiers_reference_url_is_web_link"),
        ]

    def __str__(self):
        return f"{self.authors} ({self.year or 'z.j.'}). {self.title}"

    def clean(self):
        super().clean()
        if self.kind in CONTAINED_KINDS and not self.container_title.strip():
            raise ValidationError(
                {"container_title": _("Name the journal or the book it appeared in.")}
            )

    @property
    def doi_name(self) -> str:
        """The DOI itself ("10.1162/…"), however it was typed."""
        doi = self.doi.strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
            doi = doi.removeprefix(prefix)
        return doi


# An article appears in a journal, a chapter in a book: they need its name.
CONTAINED_KINDS = (ReferenceKind.ARTICLE, ReferenceKind.CHAPTER)
