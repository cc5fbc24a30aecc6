"""The search index: one narrow row per article and per published dossier version.

Searching reads every matching vector to rank it. Kept on the article and
dossier rows, those vectors shared the row with long texts, and PostgreSQL
moved them out of line into the TOAST table: ranking 10,000 articles meant
10,000 TOAST fetches (55 ms on the benchmark data). Here each vector sits
inline in a row of its own, next to the publication state the search
filters on, and both types are ranked in a single scan without a UNION.

The rows are written by PostgreSQL triggers (migration ``0002_entry``), in
the same transaction as the article or dossier they describe: whatever
writes an article (the admin, a data migration, SQL by hand) keeps the
index current, and a deleted item takes its row along (``ON DELETE
CASCADE``). Django never writes these rows itself.

Dossiers are indexed from their published versions, never from the draft
(the dossier's own rows): a version's row is written when it is inserted
(search 0005). A dossier has one row for the version readers see and one
per scheduled version; each row says from when (``published_at``) until
when (``superseded_at``, the next version's moment) it counts, so a
scheduled version takes over in search at its moment, without cron.
Rows of versions superseded in the past are deleted at the next publication.

A row also holds the names of its item's themes and authors, kept current
when one is renamed (search 0008), so readers find an item by its theme.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models import Article
from core.kinds import exactly_one_item
from core.publishing import PublishableQuerySet, Status
from dossiers.models import Dossier, DossierVersion


class EntryQuerySet(PublishableQuerySet):
    def current(self):
        """What readers may find now: published, and not yet superseded."""
        return self.published().filter(
            Q(superseded_at__isnull=True) | Q(superseded_at__gt=timezone.now())
        )


class Entry(models.Model):
    article = models.OneToOneField(
        Article, models.DB_CASCADE, null=True, related_name="search_entry"
    )
    dossier = models.ForeignKey(
        Dossier, models.DB_CASCADE, null=True, related_name="search_entries"
    )
    version = models.OneToOneField(
        DossierVersion, models.DB_CASCADE, null=True, related_name="search_entry"
    )
    superseded_at = models.DateTimeField(null=True)
    # Copies of the item's own fields, so the search filters without a join.
    status = models.CharField(max_length=20, choices=Status)
    published_at = models.DateTimeField(null=True)
    # Title A, lead or summary B, everything else C; the current names of
    # its themes and authors D (search 0008: search_names()).
    vector = SearchVectorField()
    # The title alone: a title holding the whole query ranks first.
    title_vector = SearchVectorField(default="", db_default="")
    # The item's themes (ids, ascending): filtering and showing them needs no
    # join. Kept by triggers on the two many-to-many tables.
    theme_ids = ArrayField(models.BigIntegerField(), default=list, db_default=[])
    # Its authors (an article's credits; a version's authors and contact
    # persons), whose names the vector holds. Kept by triggers likewise.
    author_ids = ArrayField(models.BigIntegerField(), default=list, db_default=[])

    objects = EntryQuerySet.as_manager()

    class Meta:
        db_table = "search_entry"
        constraints = [
            exactly_one_item("search_entry_one_item"),
            models.CheckConstraint(
                condition=Q(dossier__isnull=True, version__isnull=True)
                | Q(dossier__isnull=False, version__isnull=False),
                name="search_entry_dossier_by_version",
            ),
        ]
        indexes = [
            GinIndex(fields=["vector"], name="search_entry_vector_idx"),
            # Bounded ranking (search/results.py): the newest matches of a
            # common word, read newest first until there are enough, and
            # every title match, without reading the whole table.
            models.Index(fields=["-published_at"], name="search_entry_newest_idx"),
            GinIndex(fields=["title_vector"], name="search_entry_title_idx"),
        ]

    def __str__(self):
        if self.article_id:
            return f"article {self.article_id}"
        return f"dossier {self.dossier_id}"
