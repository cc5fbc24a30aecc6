"""How the dossier's pages, lists and digests read dossiers: ``DossierQuerySet``
(``Dossier.objects``), in the words of the version readers see now, and the
review-date arithmetic it does in the database."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.db.models import Prefetch
from django.db.models.functions import Coalesce, Greatest, TruncDate

from core.images import Illustrated
from core.publishing import PublishableQuerySet

from .credits import DossierAuthor, DossierContact
from .elements import EffectiveElement, GoodExample
from .pdfs import VersionPdf
from .references import Reference
from .versions import DossierVersion

# A review due within this many days is "soon": the admin's filter "binnen 30
# dagen" and the weekly review digest (dossiers/review_digest.py).
REVIEW_SOON_DAYS = 30


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

    def _current(self, now=None):
        """Subquery: the version of the outer dossier readers see now."""
        return DossierVersion.objects.filter(dossier=models.OuterRef("pk")).current(now)

    def _public(self, field: str, now=None):
        """Expression: ``field`` of the version readers see now (NULL before
        there is one)."""
        return models.Subquery(self._current(now).values(field)[:1])

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

    def links(self, now=None):
        """Only what a link to a dossier shows: its address and the title
        readers know (``public_title``; the draft's ``title`` for a dossier
        without a published version, which only editors see), in that order.
        ``now``: the moment "now" (core/compiled.py's ``Param``)."""
        return (
            self.only("id", "slug", "title")
            .annotate(public_title=self._public("title", now))
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
