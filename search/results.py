"""Searching articles and dossiers together, one page at a time.

Ranking: first the items whose title alone holds the whole query, nearest
to an exact title first (``title_rank``); then by PostgreSQL's ``ts_rank``
over the whole entry: title, lead or summary, text, and the names of the
item's themes and authors, in falling weight (search 0008).

The page of results and the number of matches come from one query over the
search index (``search.Entry``: one row per article and dossier, ranked
together); the items on that page are then loaded, one query per type, with
a highlighted snippet. A results page takes a fixed number of queries,
whatever the page size or the number of matches.

Ranking is bounded: only the ``CANDIDATES`` newest matches are ranked,
together with every match whose title holds the query. A word in nearly
every item ("mensen": 9,885 of 10,200 on the benchmark data) made the old
query rank, and count, every one of them; now the newest matches come from
the index on ``published_at`` (PostgreSQL stops after ``CANDIDATES`` rows)
and the title matches from the GIN index on ``title_vector`` (search 0009).
Beyond that a reader gets the planner's estimate of how many items match
("ongeveer 9.900") and the advice to search more precisely: nobody pages
through a thousand results, and for so common a word the text rank hardly
tells the items apart anyway.
"""

import html
import json
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordDistance,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Func, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from core.kinds import ItemKind
from dossiers.models import Dossier, DossierVersion

from .models import Entry
from .query import SEARCH_CONFIG, ParsedQuery, passage_pattern

ARTICLE = ItemKind.ARTICLE
DOSSIER = ItemKind.DOSSIER
KINDS = tuple(ItemKind)

# Private-use characters mark the highlighted words in ts_headline's output;
# the snippet is escaped first, then they become <mark> elements. The same
# characters in an editor's text are removed before ts_headline sees it
# (``passage``), so every marker in its output is one it put there.
START_SEL = "\ue000"
STOP_SEL = "\ue001"
HEADLINE_OPTIONS = {
    "start_sel": START_SEL,
    "stop_sel": STOP_SEL,
    "max_words": 30,
    "min_words": 12,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


# How many matches are ranked at most (the newest; plus every title match).
CANDIDATES = 1000

# {matches}: the ranked matches, compiled by the ORM (see SearchResults.fetch).
PAGE_AND_COUNT_SQL = """
WITH matches (article_id, version_id, theme_ids, title_rank, rank, published_at, id)
     AS MATERIALIZED ({matches})
SELECT (SELECT count(*) FROM matches), page.article_id, page.version_id,
       page.theme_ids
  FROM (SELECT 1) AS one
  LEFT JOIN (SELECT * FROM matches
              ORDER BY title_rank DESC, rank DESC, published_at DESC, id
              LIMIT %s OFFSET %s) AS page ON true
 ORDER BY page.title_rank DESC, page.rank DESC, page.published_at DESC, page.id
"""


def title_rank(query: SearchQuery):
    """How nearly the title is what was searched for: 0 unless the title
    alone matches the whole query; then the fewer other words it has, the
    higher (1/2 for a title of exactly the one word searched for). Sorted
    before the text's rank, so "sociale innovatie" finds the dossier "Wat
    werkt bij sociale innovatie" (three words that count) before a news item
    whose longer title also holds both words, and both before an item that
    only mentions them in its text."""
    words = Func(F("title_vector"), function="length", output_field=FloatField())
    return Case(
        When(title_vector=query, then=Value(1.0) / (Value(1.0) + words)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def tsquery(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config=SEARCH_CONFIG)


def highlight(snippet: str | None) -> str:
    """Escaped snippet text with the matching words in <mark>."""
    if not snippet:
        return ""
    text = escape(html.unescape(snippet))
    return mark_safe(  # noqa: S308 -- escaped above; only our markers become tags
        text.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>")
    )


@dataclass
class Result:
    kind: str
    item: Article | Dossier
    snippet: str
    themes: list  # dossiers.Theme, by name

    @property
    def date(self):
        if self.kind == DOSSIER:
            return self.item.last_updated
        return self.item.published_at


class SearchResults:
    """A lazily evaluated, sliceable list of results, for Django's Paginator.

    ``window`` is the slice the paginator is expected to ask for (the
    requested page): counting fetches that page in the same query, so a
    results page costs one scan of the matches, not two.
    """

    def __init__(
        self, parsed: ParsedQuery, *, themes, kind="", theme=None, window=None
    ):
        self.query = tsquery(parsed.tsquery)
        self.themes = {t.pk: t for t in themes}
        self.passage_pattern = passage_pattern(parsed.words)
        self.kind = kind
        self.theme = theme
        self.window = window or slice(0, 0)
        self._total = None
        self._rows = []

    def matches(self):
        """Published index entries matching the query, filtered, not ranked."""
        entries = Entry.objects.current().filter(vector=self.query)
        if self.kind == ARTICLE:
            entries = entries.filter(article__isnull=False)
        elif self.kind == DOSSIER:
            entries = entries.filter(dossier__isnull=False)
        if self.theme is not None:
            entries = entries.filter(theme_ids__contains=[self.theme.pk])
        return entries

    def ranked(self):
        """The matches that are ranked, with their ranks: the ``CANDIDATES``
        newest (all of them when there are fewer) and every one whose title
        matches. A UNION of the two, each ranking only its own rows (joining
        the table again to a list of ids made PostgreSQL read all of it)."""
        columns = (
            *("article_id", "version_id", "theme_ids"),
            *("title_rank", "rank", "published_at", "pk"),
        )
        ranks = {
            "title_rank": title_rank(self.query),
            "rank": SearchRank(F("vector"), self.query),
        }
        matches = self.matches()
        newest = (
            matches.order_by("-published_at", "-pk")
            .annotate(**ranks)
            .values_list(*columns)[:CANDIDATES]
        )
        titles = (
            matches.filter(title_vector=self.query)
            .annotate(**ranks)
            .values_list(*columns)
        )
        return newest.union(titles)

    @property
    def truncated(self) -> bool:
        """More items match than were ranked (``estimated_total`` says how
        many, roughly)."""
        return self.count() >= CANDIDATES

    def estimated_total(self) -> int:
        """The planner's estimate of the number of matches, without counting
        them (its statistics on the vectors are close: 9,884 for 9,885),
        rounded to two significant digits. One query, only asked for when
        ``truncated``."""
        sql, params = self.matches().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        rows = max(int(plan[0]["Plan"]["Plan Rows"]), self.count())
        return int(float(f"{rows:.2g}"))

    def fetch(self, window: slice):
        """Rank the candidates; keep their number and the rows in ``window``.

        The candidates are ranked once, in a materialised CTE of small
        columns; the count and the page both read from it. A page past the
        end still gives one row, carrying the count.
        """
        sql, params = self.ranked().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                # Only SQL compiled by Django goes in; every value is a parameter.
                PAGE_AND_COUNT_SQL.format(matches=sql),
                [*params, window.stop - window.start, window.start],
            )
            found = cursor.fetchall()
        self._total = found[0][0]
        self.window = window
        self._rows = [
            (ARTICLE, article_id, theme_ids)
            if article_id
            else (DOSSIER, version_id, theme_ids)
            for _, article_id, version_id, theme_ids in found
            if article_id or version_id
        ]

    def count(self):
        if self._total is None:
            self.fetch(self.window)
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("SearchResults only supports slices")
        start, stop = index.start or 0, index.stop
        if stop <= start:
            return []
        if not (self.window.start <= start and stop <= self.window.stop):
            self.fetch(slice(start, stop))
        offset = start - self.window.start
        return self.load(self._rows[offset : offset + stop - start])

    def passage(self, document):
        """The part of ``document`` around the first searched word, as text,
        without the characters that mark matches."""
        without_markers = Func(
            document,
            Value(START_SEL + STOP_SEL),
            Value(""),
            function="translate",
            output_field=TextField(),
        )
        return Func(
            without_markers,
            Value(self.passage_pattern),
            function="search_passage",
            output_field=TextField(),
        )

    def load(self, rows) -> list[Result]:
        """The items of ``rows`` with their themes and a snippet.

        One query per type (a dossier as the version that was found);
        ``ts_headline`` only runs for the items shown.
        """
        ids = {kind: [pk for k, pk, _ in rows if k == kind] for kind in KINDS}
        items = {}
        if ids[ARTICLE]:
            snippet_source = self.passage(
                Concat("lead", Value(" "), "body", output_field=TextField())
            )
            for article in (
                Article.objects.filter(pk__in=ids[ARTICLE])
                # Not the body: only what the list shows.
                .only("title", "slug", "kind", "published_at")
                .annotate(
                    snippet=SearchHeadline(
                        snippet_source,
                        self.query,
                        config=SEARCH_CONFIG,
                        **HEADLINE_OPTIONS,
                    ),
                )
            ):
                items[ARTICLE, article.pk] = article
        if ids[DOSSIER]:
            snippet_source = self.passage(
                Concat(
                    "summary", Value(" "), "search_document", output_field=TextField()
                )
            )
            for version in (
                # The published version the index row was written from.
                DossierVersion.objects.filter(pk__in=ids[DOSSIER])
                .select_related("dossier")
                .only("title", "published_at", "dossier__slug")
                .annotate(
                    snippet=SearchHeadline(
                        snippet_source,
                        self.query,
                        config=SEARCH_CONFIG,
                        **HEADLINE_OPTIONS,
                    ),
                )
            ):
                dossier = Dossier(
                    pk=version.dossier_id,
                    slug=version.dossier.slug,
                    title=version.title,
                )
                dossier.latest_version_at = version.published_at
                dossier.snippet = version.snippet
                items[DOSSIER, version.pk] = dossier
        results = []
        for kind, pk, theme_ids in rows:
            item = items.get((kind, pk))
            if item is not None:
                themes = sorted(
                    (self.themes[i] for i in theme_ids if i in self.themes),
                    key=lambda theme: theme.name,
                )
                results.append(Result(kind, item, highlight(item.snippet), themes))
        return results


def has_searchable_words(query_text: str) -> bool:
    """False when PostgreSQL drops every word (e.g. only stop words)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(to_tsquery(%s::regconfig, %s))",
            [SEARCH_CONFIG, query_text],
        )
        return cursor.fetchone()[0] > 0


def suggestions(text: str, limit: int = 3) -> list[Article | DossierVersion]:
    """Published titles closest to what was typed, for "Bedoelde u: …".

    ``%>`` (word similarity above pg_trgm's threshold) finds titles with a
    word close to what was typed, so a typo in one word still matches; the
    GiST trigram index on article titles hands them over nearest first
    (ordering by distance), so no title is compared that is not shown. A
    dossier is suggested by the title of the version readers see (the one
    the index holds now), never by its draft's: there are few, so they are
    compared without an index.
    """
    current = Entry.objects.current().filter(version__isnull=False)
    candidates = (
        DossierVersion.objects.filter(search_entry__in=current),
        Article.objects.published(),
    )
    found = []
    for queryset in candidates:
        found.extend(
            queryset.filter(title__trigram_word_similar=text)
            .annotate(distance=TrigramWordDistance(text, "title"))
            .only("title")
            .order_by("distance")[:limit]
        )
    found.sort(key=lambda item: (item.distance, item.title))
    return found[:limit]
