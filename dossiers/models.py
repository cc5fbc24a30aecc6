import datetime as dt
import hashlib

from django.conf import settings
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.commentable import Commentable
from core.images import Illustrated, image_field
from core.kinds import ItemKind
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import RichTextField

from .sections import SECTIONS

# Sections of a dossier sit under an <h2>; headings inside them start at <h3>.
SECTION_HEADINGS = (3, 4)
# A review due within this many days is "soon": the admin's filter "binnen 30
# dagen" and the weekly review digest (dossiers/review_digest.py).
REVIEW_SOON_DAYS = 30


class Theme(models.Model):
    """A social theme ("Armoede", "Eenzaamheid") grouping dossiers and articles."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dossiers:theme", kwargs={"slug": self.slug})


class Currency(models.TextChoices):
    """How current a dossier's evidence is, after the Cochrane updating
    classification (up to date / update pending / no update planned), shown
    at the top of the dossier, in its PDF and its JSON-LD."""

    CURRENT = "actueel", _("up to date")
    REVISION_PLANNED = "herziening-gepland", _("revision planned")
    NOT_UPDATED = "niet-bijgewerkt", _("no longer updated")


class AddMonths(models.Func):
    """``date + N months`` as a date (PostgreSQL ``make_interval``)."""

    output_field = models.DateField()

    def __init__(self, expression, months: int, **extra):
        super().__init__(expression, months=int(months), **extra)

    template = "CAST(%(expressions)s + make_interval(months => %(months)d) AS date)"


class DossierQuerySet(PublishableQuerySet):
    def delete(self):
        """Delete the dossiers, their versions' PDF files included (see
        ``VersionPdfQuerySet.delete``)."""
        with transaction.atomic():
            VersionPdf.objects.filter(version__dossier__in=self.values("pk")).delete()
            return super().delete()

    def _current(self):
        """Subquery: the version of the outer dossier readers see now."""
        return DossierVersion.objects.filter(dossier=models.OuterRef("pk")).current()

    def _public(self, field: str):
        """Expression: ``field`` of the version readers see now (NULL before
        there is one)."""
        return models.Subquery(self._current().values(field)[:1])

    def for_theme(self, theme):
        """Dossiers whose published version is on ``theme``: a theme added to
        or taken from a draft changes no list before it is published."""
        return self.alias(public_themes=self._public("content__themes")).filter(
            public_themes__contains=[{"id": theme.pk}]
        )

    def crediting(self, author):
        """Dossiers whose published version credits ``author``, as an author
        or a contact person (the draft's credits may differ)."""
        person = [{"id": author.pk}]
        return self.alias(
            public_authors=self._public("content__authors"),
            public_contacts=self._public("content__contacts"),
        ).filter(
            models.Q(public_authors__contains=person)
            | models.Q(public_contacts__contains=person)
        )

    def credited_author_ids(self) -> set[int]:
        """Ids of the authors and contact persons whose credits readers see:
        those of each dossier's current version (as ``crediting``). One
        query, reading two small parts of each current snapshot."""
        rows = self.annotate(
            public_authors=self._public("content__authors"),
            public_contacts=self._public("content__contacts"),
        ).values_list("public_authors", "public_contacts")
        return {
            person["id"]
            for authors, contacts in rows
            for person in (authors or []) + (contacts or [])
        }

    def cards(self):
        """Only what a card in a list shows (dossiers/_dossier_items.html), in
        the words of the version readers see: ``public_title`` and
        ``public_summary`` (see ``with_public_text``), that version's number
        (``public_version``) and moment (``public_updated_at``). Not the draft's title
        and summary, nor the seven section texts and the search columns,
        which made a list of 200 dossiers cost tens of milliseconds to load."""
        return (
            self.only("id", "slug", "reactions", *Illustrated.CARD_FIELDS)
            .with_public_text()
            .annotate(
                public_version=self._public("number"),
                public_updated_at=self._public("published_at"),
            )
        )

    def links(self):
        """Only what a link to a dossier shows: its address and the title
        readers know (``public_title``; the draft's ``title`` for a dossier
        without a published version, which only editors see), in that order."""
        return (
            self.only("id", "slug", "title")
            .annotate(public_title=self._public("title"))
            .order_by("public_title", "title")
        )

    def with_public_text(self):
        """``public_title`` and ``public_summary``: those of the newest version
        readers can see (NULL for a dossier without one). The dossier's own
        columns are the editors' draft; readers never see them."""
        return self.annotate(
            public_title=self._public("title"), public_summary=self._public("summary")
        )

    def with_latest_version(self):
        """``latest_version_at``: when the newest version readers see went live."""
        return self.annotate(latest_version_at=self._public("published_at"))

    def with_review_due(self):
        """``review_due``: the dossier's own "review by" date, or
        DOSSIER_REVIEW_MONTHS after its latest publication, published
        version or check (PostgreSQL's GREATEST skips what is not set). A
        version scheduled for later counts from its moment on."""
        latest = Greatest(
            TruncDate("published_at"),
            TruncDate(self._public("published_at")),
            "last_reviewed_on",
            output_field=models.DateField(),
        )
        months = settings.DOSSIER_REVIEW_MONTHS
        return self.annotate(
            review_due=Coalesce("review_by", AddMonths(latest, months))
        )

    def with_currency(self):
        """``review_due`` (the reassessment date readers see) and
        ``current_number`` (the number of the version readers see now):
        what the status block needs, in the same query."""
        return self.with_review_due().annotate(current_number=self._public("number"))

    def review_overdue(self, today: dt.date):
        return self.with_review_due().filter(review_due__lt=today)

    def review_due_within(self, today: dt.date, days: int = REVIEW_SOON_DAYS):
        return self.with_review_due().filter(
            review_due__gte=today, review_due__lte=today + dt.timedelta(days=days)
        )

    def with_sections(self):
        """Everything the dossier page shows, in a fixed number of queries."""
        return self.prefetch_related(
            "themes",
            Prefetch(
                "effective_elements",
                EffectiveElement.objects.order_by("position", "id"),
            ),
            Prefetch("good_examples", GoodExample.objects.order_by("position", "id")),
            Prefetch(
                "author_credits",
                DossierAuthor.objects.select_related("author").order_by(
                    "position", "id"
                ),
            ),
            Prefetch(
                "contact_credits",
                DossierContact.objects.select_related("author").order_by(
                    "position", "id"
                ),
            ),
            Prefetch("references", Reference.objects.order_by("position", "id")),
        )


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


class Credit(models.Model):
    """A person credited on a dossier, in order (citations list them so)."""

    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return str(self.author)


class DossierAuthor(Credit):
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="author_credits",
        verbose_name=_("dossier"),
    )
    # PROTECT: an author who wrote something cannot vanish from its credits.
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="dossier_credits",
        verbose_name=_("author"),
    )

    class Meta(Credit.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "author"], name="dossier_author_once"
            )
        ]


class DossierContact(Credit):
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="contact_credits",
        verbose_name=_("dossier"),
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="dossier_contact_credits",
        verbose_name=_("contact person"),
    )

    class Meta(Credit.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "author"], name="dossier_contact_once"
            )
        ]


class DossierPart(models.Model):
    """An ordered item on a dossier, edited inline on the dossier's admin page."""

    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class EffectiveElement(DossierPart):
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="effective_elements",
        verbose_name=_("dossier"),
    )
    title = models.CharField(_("title"), max_length=200)
    explanation = RichTextField(_("explanation"), blank=True, heading_levels=(4,))
    presumed = models.BooleanField(
        _("presumed"),
        default=False,
        help_text=_(
            "Tick when the effect is presumed (plausible from practice or "
            "theory) rather than shown by research."
        ),
    )

    class Meta(DossierPart.Meta):
        verbose_name = _("effective element")
        verbose_name_plural = _("effective elements")
        indexes = [
            models.Index(
                fields=["dossier", "position"], name="effective_element_order_idx"
            )
        ]

    def __str__(self):
        return self.title


def web_link_only(name: str) -> models.CheckConstraint:
    """Links are rendered as href: only http(s), whatever wrote the row.

    URLField validation stops ``javascript:`` in forms; this stops it for
    imports, scripts and QuerySet.update() too.
    """
    return models.CheckConstraint(
        condition=models.Q(url="")
        | models.Q(url__startswith="https://")
        | models.Q(url__startswith="http://"),
        name=name,
        violation_error_message=_("Enter a web address starting with https://."),
    )


class GoodExample(DossierPart):
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="good_examples",
        verbose_name=_("dossier"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("short description"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta(DossierPart.Meta):
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        indexes = [
            models.Index(fields=["dossier", "position"], name="good_example_order_idx")
        ]
        constraints = [web_link_only("dossiers_goodexample_url_is_web_link")]

    def __str__(self):
        return self.name


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
        Dossier,
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


class DossierVersionQuerySet(models.QuerySet):
    def delete(self):
        """Delete the versions, their PDF files included (see
        ``VersionPdfQuerySet.delete``)."""
        with transaction.atomic():
            VersionPdf.objects.filter(version__in=self.values("pk")).delete()
            return super().delete()

    def visible(self):
        """Versions whose moment has come: scheduled ones appear by themselves."""
        return self.filter(published_at__lte=timezone.now())

    def current(self):
        """Newest visible first: ``.first()`` is the version readers see."""
        return self.visible().order_by("-number")

    def section_changes(self) -> dict[str, list[int]]:
        """{anchor: numbers of the visible versions that changed it}, in
        one query of two small columns."""
        changes: dict[str, list[int]] = {}
        rows = (
            self.visible()
            .exclude(changed_sections__isnull=True)
            .order_by("number")
            .values_list("number", "changed_sections")
        )
        for number, anchors in rows:
            for anchor in anchors:
                changes.setdefault(anchor, []).append(number)
        return changes

    def for_listing(self):
        """What a list of versions shows: not the snapshot or its text, but
        whether it can be compared with the version before (``comparable``)."""
        return self.only(
            "id",
            "dossier_id",
            "number",
            "published_at",
            "note",
            "title",
            "substantive",
            "conclusions_changed",
            "reactions_taken",
        ).with_comparable()

    def with_comparable(self):
        """``comparable``: this version and the one before it both kept their
        text, so "what changed" can be shown (``diff.diff_versions``). The
        first version, and versions carried over from a revision log (text
        not kept), have nothing to compare: a link to it would be a dead end.
        """
        previous = DossierVersion.objects.filter(
            dossier=models.OuterRef("dossier"),
            number=models.OuterRef("number") - 1,
            content__isnull=False,
        )
        return self.annotate(
            comparable=models.ExpressionWrapper(
                models.Q(content__isnull=False) & models.Exists(previous),
                output_field=models.BooleanField(),
            )
        )


class DossierVersion(models.Model):
    """A published state of a dossier: numbered, dated, noted, never changed.

    ``content`` is a snapshot of everything the dossier page shows (see
    ``dossiers/versions.py``), so the page of a version costs one row instead
    of a join over five tables, and later edits of the dossier cannot alter
    what was published. Versions carried over from the hand-typed revision
    log (migration 0010) kept only their date and note: their ``content``
    is NULL, except the newest, which holds the dossier as it was then.
    A database trigger refuses to change a version once readers could see it.
    """

    dossier = models.ForeignKey(
        Dossier,
        # In the database: the search index rows of a version go with it.
        on_delete=models.DB_CASCADE,
        related_name="versions",
        verbose_name=_("dossier"),
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DB_SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    # "Wat is er nieuw": plain text, one point a line, shown with the
    # version and in the follow mail.
    whats_new = models.TextField(_("what's new"), blank=True, max_length=3000)
    # A substantive change (new findings, rewritten sections) is mailed to
    # the dossier's followers; a correction (typos, links) is not.
    substantive = models.BooleanField(_("substantive change"), default=False)
    conclusions_changed = models.BooleanField(_("conclusions changed"), default=False)
    # The anchors of the sections this version changed, added or removed
    # against the one before (as its comparison page shows them), made at
    # publication; NULL when the text of either was not kept. Reactions on a
    # section read it to say "deze paragraaf is sindsdien gewijzigd".
    changed_sections = models.JSONField(
        _("changed sections"), null=True, blank=True, editable=False
    )
    # How many reactions the editor marked as taken into this version when
    # publishing it: the page looks them up only when there are some.
    reactions_taken = models.PositiveSmallIntegerField(
        _("reactions taken in"), default=0, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)
    # The version's own citation and its literature list, as CSL-JSON items
    # with their APA 7 text, made once at publication (dossiers/literature.py).
    citations = models.JSONField(_("citations"), null=True, blank=True, editable=False)
    # Plain text of the snapshot's sections and parts, for the search index
    # and its snippets: written by a PostgreSQL trigger when the version is
    # inserted (search 0005). Whatever Django writes here is replaced.
    search_document = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DossierVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "number"], name="dossier_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="dossier_version_number_gte_1"
            ),
            # Changed conclusions are always a substantive change.
            models.CheckConstraint(
                condition=models.Q(conclusions_changed=False)
                | models.Q(substantive=True),
                name="dossier_version_conclusions_substantive",
            ),
        ]
        indexes = [
            models.Index(
                fields=["dossier", "-published_at"], name="dossier_version_pub_idx"
            ),
            models.Index(fields=["-published_at"], name="dossier_version_feed_idx"),
        ]

    def __str__(self):
        return f"{self.dossier_id} v{self.number}"

    def get_absolute_url(self):
        return reverse(
            "dossiers:version",
            kwargs={"slug": self.dossier.slug, "number": self.number},
        )

    def delete(self, *args, **kwargs):
        """Also its PDF file (``VersionPdfQuerySet.delete``)."""
        with transaction.atomic():
            VersionPdf.objects.filter(version=self).delete()
            return super().delete(*args, **kwargs)

    @property
    def has_content(self) -> bool:
        return self.content is not None

    def whats_new_points(self) -> list[str]:
        """ "Wat is er nieuw" as a list: one point per non-empty line."""
        points = (line.strip(" -*\t") for line in self.whats_new.splitlines())
        return [point for point in points if point]


def delete_files_on_commit(storage, names) -> None:
    """Delete the files ``names`` from ``storage`` once the transaction
    commits: never before (a rolled-back change still has its files), and a
    storage that fails then is logged, not raised (the file stays behind)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _delete_files(storage, names), robust=True)


def _delete_files(storage, names) -> None:
    for name in names:
        storage.delete(name)


class VersionPdfQuerySet(models.QuerySet):
    def delete(self):
        """Delete the rows and, after commit, their files.

        The rows go with their version and dossier in the database
        (``DB_CASCADE``), where no file can be deleted; so the dossier's and
        version's ``delete()`` (instance and queryset, which the admin uses)
        delete their PDFs through here first, in the same transaction.
        """
        with transaction.atomic():
            names = list(self.values_list("file", flat=True))
            deleted = super().delete()
            delete_files_on_commit(VersionPdf.file.field.storage, names)
            return deleted


class VersionPdf(models.Model):
    """A version's PDF, made once (dossiers/pdf.py) and kept in the default
    storage, which every app server shares. ``layout`` is the PDF layout it
    was made with: a PDF of an older layout is made again on request (and
    the old file deleted). Deleting the row, its version or its dossier
    deletes the file too, once that commits (``VersionPdfQuerySet``)."""

    version = models.OneToOneField(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="pdf",
        verbose_name=_("version"),
    )
    file = models.FileField(_("file"), max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"))
    layout = models.PositiveSmallIntegerField(_("layout"))
    # What the PDF says about how current the dossier is (``Dossier.
    # currency_stamp``; empty for a version that is not the current one): a
    # PDF made under another status is made again on request.
    stamp = models.CharField(_("status stamp"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VersionPdfQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF of a version")
        verbose_name_plural = _("PDFs of versions")

    def __str__(self):
        return self.file.name

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            delete_files_on_commit(self.file.storage, [self.file.name])
            return deleted


class VersionPdfFailure(models.Model):
    """That making a version's PDF failed (dossiers/pdf.py): requests do not
    try again for an hour, and editors see the error in the admin. Deleting
    the row lets the next request try at once; a PDF made deletes it."""

    version = models.OneToOneField(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="pdf_failure",
        verbose_name=_("version"),
    )
    layout = models.PositiveSmallIntegerField(_("layout"))
    error = models.TextField(_("error"))
    failed_at = models.DateTimeField(_("failed at"))

    class Meta:
        verbose_name = _("failed PDF")
        verbose_name_plural = _("failed PDFs")

    def __str__(self):
        return f"{self.version}: {self.error[:60]}"


class VersionComparison(models.Model):
    """What changed from one version to a later one, as the comparison page
    shows it (dossiers/diff.py), computed once and kept here, where every app
    server finds it (dossiers/comparisons.py). Versions never change once
    readers can see them, so neither does their comparison; ``algorithm``
    names the way it was computed, and a new one computes it again."""

    old = models.ForeignKey(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="+",
        verbose_name=_("older version"),
    )
    new = models.ForeignKey(
        DossierVersion,
        on_delete=models.DB_CASCADE,
        related_name="+",
        verbose_name=_("newer version"),
    )
    algorithm = models.PositiveSmallIntegerField(_("algorithm"))
    sections = models.JSONField(_("sections"), editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comparison of versions")
        verbose_name_plural = _("comparisons of versions")
        constraints = [
            models.UniqueConstraint(
                fields=["old", "new", "algorithm"],
                name="version_comparison_unique",
            ),
        ]

    def __str__(self):
        return f"{self.old_id} → {self.new_id}"


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
        Dossier,
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
        Dossier,
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
