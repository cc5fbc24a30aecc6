"""Searching articles and dossiers together, one page at a time.

The page of results is chosen in one query over both tables (a UNION of
ids ordered by rank); the items on that page are then loaded with their
themes and a highlighted snippet. Counting, choosing and loading take a
fixed number of queries, whatever the page size or number of matches.
"""

import html
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from dossiers.models import Dossier

from .query import SEARCH_CONFIG

ARTICLE = "artikel"
DOSSIER = "dossier"
KINDS = (ARTICLE, DOSSIER)

# Private-use characters mark the highlighted words in ts_headline's output;
# the snippet is escaped first, then they become <mark> elements.
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


def strip_tags_sql(expression):
    return Func(
        expression,
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


@dataclass
class Result:
    kind: str
    item: Article | Dossier
    snippet: str

    @property
    def date(self):
        if self.kind == DOSSIER:
            return self.item.last_updated
        return self.item.published_at


class SearchResults:
    """A lazily evaluated, sliceable list of results, for Django's Paginator."""

    def __init__(self, query_text: str, *, kind: str = "", theme=None):
        self.query = tsquery(query_text)
        self.kind = kind
        self.theme = theme

    def matches(self):
        """Published matches per type, filtered, not ranked yet."""
        parts = {}
        for kind, model in ((ARTICLE, Article), (DOSSIER, Dossier)):
            if self.kind in ("", kind):
                items = model.objects.published().matching(self.query)
                parts[kind] = items.for_theme(self.theme) if self.theme else items
        return parts

    def ranked(self):
        """(kind, pk, rank, date) rows of every match, best first."""
        parts = [
            items.annotate(
                rank=SearchRank(F("search_vector"), self.query),
                result_type=Value(kind),
            )
            for kind, items in self.matches().items()
        ]
        parts = [
            part.order_by()
            .annotate(date=F("published_at"))
            .values_list("result_type", "pk", "rank", "date")
            for part in parts
        ]
        rows = parts[0]
        if len(parts) > 1:
            rows = rows.union(parts[1], all=True)
        return rows.order_by("-rank", "-date", "pk")

    def count(self):
        # Counting needs no rank: a union of ids is much cheaper.
        parts = [items.order_by().values("pk") for items in self.matches().values()]
        rows = parts[0]
        if len(parts) > 1:
            rows = rows.union(parts[1], all=True)
        return rows.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("SearchResults only supports slices")
        rows = list(self.ranked()[index])
        return self.load(rows)

    def load(self, rows) -> list[Result]:
        ids = {kind: [pk for k, pk, *_ in rows if k == kind] for kind in KINDS}
        items = {}
        if ids[ARTICLE]:
            snippet_source = Concat(
                "lead", Value(" "), strip_tags_sql(F("body")), output_field=TextField()
            )
            for article in (
                Article.objects.filter(pk__in=ids[ARTICLE])
                # Not the body or the (large) vector: only what the list shows.
                .only("title", "slug", "kind", "published_at")
                .prefetch_related("themes")
                .annotate(
                    snippet=SearchHeadline(
                        snippet_source,
                        self.query,
                        config=SEARCH_CONFIG,
                        **HEADLINE_OPTIONS,
                    )
                )
            ):
                items[ARTICLE, article.pk] = article
        if ids[DOSSIER]:
            snippet_source = Concat(
                "summary", Value(" "), "search_document", output_field=TextField()
            )
            for dossier in (
                Dossier.objects.filter(pk__in=ids[DOSSIER])
                .only("title", "slug", "published_at", "last_revised_at")
                .prefetch_related("themes", "revisions")
                .annotate(
                    snippet=SearchHeadline(
                        snippet_source,
                        self.query,
                        config=SEARCH_CONFIG,
                        **HEADLINE_OPTIONS,
                    )
                )
            ):
                items[DOSSIER, dossier.pk] = dossier
        results = []
        for kind, pk, *_ in rows:
            item = items.get((kind, pk))
            if item is not None:
                results.append(Result(kind, item, highlight(item.snippet)))
        return results


def has_searchable_words(query_text: str) -> bool:
    """False when PostgreSQL drops every word (e.g. only stop words)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(to_tsquery(%s::regconfig, %s))",
            [SEARCH_CONFIG, query_text],
        )
        return cursor.fetchone()[0] > 0


def suggestions(text: str, limit: int = 3) -> list[Article | Dossier]:
    """Published titles closest to what was typed, for "Bedoelde u: …".

    ``%>`` (word similarity above pg_trgm's threshold) uses the trigram
    indexes on the titles; a typo in one word of a title still matches.
    """
    found = []
    for model in (Dossier, Article):
        found.extend(
            model.objects.published()
            .filter(title__trigram_word_similar=text)
            .annotate(similarity=TrigramWordSimilarity(text, "title"))
            .only("title", "slug")
            .order_by("-similarity", "title")[:limit]
        )
    found.sort(key=lambda item: -item.similarity)
    return found[:limit]
