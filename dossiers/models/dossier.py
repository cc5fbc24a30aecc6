"""A "Wat werkt bij…" dossier: its sections, status, currency and review
date. The QuerySet its pages and lists read through is in ``queries``."""

import hashlib

from django.contrib.postgres.indexes import GistIndex
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.commentable import Commentable
from core.images import Illustrated, image_field
from core.kinds import ItemKind
from core.publishing import Publishable
from core.richtext import RichTextField

from ..sections import SECTIONS
from .pdfs import VersionPdf
from .queries import DossierQuerySet
from .themes import Theme

# Sections of a dossier sit under an <h2>; headings inside them start at <h3>.
SECTION_HEADINGS = (3, 4)


class Currency(models.TextChoices):
    """How current a dossier's evidence is, after the Cochrane updating
    classification (up to date / update pending / no update planned), shown
    at the top of the dossier, in its PDF and its JSON-LD."""

    CURRENT = "actueel", _("up to date")
    REVISION_PLANNED = "herziening-gepland", _("revision planned")
    NOT_UPDATED = "niet-bijgewerkt", _("no longer updated")


class Dossier(Commentable, Illustrated, Publishable):
    item_kind = ItemKind.DOSSIER

    """A "Wat werkt bij…" dossier: a living evidence document on one theme."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    themes = models.ManyToManyField(
        Theme, related_name="dossiers", verbose_name=_("themes"), blank=True
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three sentences; also shown in lists and search engines."),
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="DossierAuthor",
        related_name="dossiers",
        verbose_name=_("authors"),
        blank=True,
    )
    # A link table, not a ForeignKey on Dossier: search.Entry deletes with its
    # dossier in the database (DB_CASCADE), and Django refuses a Python-level
    # on_delete on a model in that chain.
    contacts = models.ManyToManyField(
        "authors.Author",
        through="DossierContact",
        related_name="contact_for_dossiers",
        verbose_name=_("contact persons"),
        blank=True,
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for the default: a set number of months after the "
            "latest published version or check."
        ),
    )
    currency = models.CharField(
        _("how current"),
        max_length=20,
        choices=Currency,
        default=Currency.CURRENT,
        help_text=_(
            "Shown to readers at the top of the dossier, in its PDF and "
            "its structured data, at once (not with the next version)."
        ),
    )
    currency_reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_(
            "Why a revision is planned or the dossier is no longer updated; "
            "shown to readers. Required unless the dossier is up to date."
        ),
    )
    last_reviewed_on = models.DateField(
        _("last checked"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The latest review that found nothing to change."),
    )
    # The sections' rich text, in the order readers see them (dossiers/sections.py
    # declares the sections; its TEXT_FIELDS names these fields).
    definition = RichTextField(
        _("definition of the issue"), blank=True, heading_levels=SECTION_HEADINGS
    )
    facts_and_figures = RichTextField(
        _("facts and figures"), blank=True, heading_levels=SECTION_HEADINGS
    )
    policy = RichTextField(_("policy"), blank=True, heading_levels=SECTION_HEADINGS)
    trends = RichTextField(_("trends"), blank=True, heading_levels=SECTION_HEADINGS)
    current_debates = RichTextField(
        _("current debates"), blank=True, heading_levels=SECTION_HEADINGS
    )
    effective_elements_intro = RichTextField(
        _("introduction to the effective elements"),
        blank=True,
        heading_levels=SECTION_HEADINGS,
    )
    promising_approaches = RichTextField(
        _("promising approaches"), blank=True, heading_levels=SECTION_HEADINGS
    )

    # Plain text (no tags) of every section, element, example and reference:
    # the source of the dossier's search vector (``search.Entry``) and of its
    # snippets. Filled by PostgreSQL triggers whenever the dossier or one of
    # its parts changes (dossiers 0003, search 0002): a dossier spans five
    # tables, and a trigger keeps it right whichever way they are written
    # (admin inlines, demo loader, bulk imports, shell), inside the same
    # transaction. Whatever Django writes here is replaced.
    search_document = models.TextField(editable=False, blank=True, default="")
    # An illustration for cards, the home page and link previews: not part of
    # the versioned text (sections.py), so a new image shows at once, as a
    # featured choice does; the rules are the articles' (core/images.py).
    image = image_field("dossiers/%Y/")
    # Whether the draft differs from the newest version (the "concept wijkt
    # af van versie n" badge): set by the services that write the draft
    # (``services.note_draft_saved``, publish, revert), so a list of
    # dossiers shows it without building a snapshot per row.
    draft_differs = models.BooleanField(
        _("draft differs from the published version"), default=False, editable=False
    )

    objects = DossierQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["title"]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="dossier_status_pub_idx"
            ),
            # max(updated_at): the content version of cached reader pages.
            models.Index(fields=["updated_at"], name="dossier_updated_idx"),
            GistIndex(
                fields=["title"],
                opclasses=["gist_trgm_ops"],
                name="dossier_title_trgm_idx",
            ),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            *Illustrated.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(currency=Currency.CURRENT)
                | ~models.Q(currency_reason=""),
                name="dossier_currency_reason_given",
                violation_error_message=_(
                    "Give readers the reason when the dossier is not up to date."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dossiers:detail", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        """Also the PDF files of its versions (``VersionPdfQuerySet.delete``)."""
        with transaction.atomic():
            VersionPdf.objects.filter(version__dossier=self).delete()
            return super().delete(*args, **kwargs)

    @cached_property
    def reader_title(self) -> str:
        """The published version's title (one query, unless ``cards()`` or
        ``with_public_text()`` brought it); the draft's before there is one."""
        public = getattr(self, "public_title", None)
        if public is None and self.pk:
            public = self.versions.current().values_list("title", flat=True).first()
        return public or self.title

    def currency_statement(self) -> dict:
        """How current the dossier is, as readers are told: the status, its
        reason and the reassessment date (none for a dossier no longer
        updated). Needs ``with_currency()``."""
        ongoing = self.currency != Currency.NOT_UPDATED
        return {
            "status": self.get_currency_display(),
            "reason": self.currency_reason,
            "reassess_by": getattr(self, "review_due", None) if ongoing else None,
        }

    @property
    def currency_stamp(self) -> str:
        """What the status block says, as a short digest: the PDF of the
        current version is made again when it changes. Needs
        ``with_currency()``."""
        said = f"{self.currency}|{self.currency_reason}|{self.review_due}"
        return hashlib.sha256(said.encode()).hexdigest()[:16]

    @property
    def credited_authors(self):
        """The dossier's authors in their credited order."""
        return [credit.author for credit in self.author_credits.all()]

    @property
    def contact_persons(self):
        return [credit.author for credit in self.contact_credits.all()]

    @property
    def last_updated(self):
        """When the version readers see went live (or first publication)."""
        moment = getattr(self, "latest_version_at", None) or self.published_at
        return timezone.localdate(moment) if moment else None

    def all_sections(self):
        """Every section in its fixed order, empty ones included.

        Each is a dict of anchor, heading, kind (how the template renders the
        content: rich text or a list of items), content and ``present``.
        """
        found = []
        for section in SECTIONS:
            shown = [getattr(self, name) for name in section.fields]
            if section.parts:
                shown.append(list(getattr(self, section.parts).all()))
            # Rich text alone, rows alone, or an introduction and its rows.
            content = tuple(shown) if len(shown) > 1 else shown[0]
            found.append(
                {
                    "anchor": section.anchor,
                    "heading": section.heading,
                    "kind": section.kind,
                    "content": content,
                    "present": any(content)
                    if isinstance(content, tuple)
                    else bool(content),
                }
            )
        return found

    def sections(self):
        """The sections with content, in their fixed order, for the page and ToC."""
        return [section for section in self.all_sections() if section["present"]]
