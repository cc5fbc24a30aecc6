"""The article page's read: the article with its themes, dossiers and credited
authors, in one query compiled once per process (core/compiled.py).

Four ORM queries (the article and three ``prefetch_related``) cost 5.7 ms of
CPU to build and compile on every cold render, most of the page's time; this
query's SQL is kept, and runs in 0.4 ms. Who sees what stays where it was:
``visible`` (core/publishing.py) for the article and its dossiers,
``links`` (dossiers/models/queries.py) for the titles readers know.
"""

import json

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, DateTimeField, OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone

from authors.models import Author
from core.compiled import CompiledQuery, Param, from_rows, prefill
from core.editors import is_editor
from dossiers.models import Dossier, Theme

from .models import Article, ArticleAuthor

THEME_FIELDS = ("id", "name", "slug")
DOSSIER_FIELDS = ("id", "slug", "title", "public_title")
AUTHOR_FIELDS = ("id", "name", "slug", "is_organisation")


def _rows(queryset, fields):
    """Each row of ``queryset`` as one JSON object of ``fields``, in an array."""
    return ArraySubquery(
        queryset.values(row=JSONObject(**{field: field for field in fields}))
    )


def _build(to_editors: bool):
    now = Param("now", DateTimeField())
    author = JSONObject(**{field: f"author__{field}" for field in AUTHOR_FIELDS})
    return (
        Article.objects.visible(to_editors=to_editors, now=now)
        .filter(slug=Param("slug", CharField()))
        .annotate(
            theme_rows=_rows(
                Theme.objects.filter(articles=OuterRef("pk")).order_by("name"),
                THEME_FIELDS,
            ),
            dossier_rows=_rows(
                Dossier.objects.visible(to_editors=to_editors, now=now)
                .filter(articles=OuterRef("pk"))
                .links(now),
                DOSSIER_FIELDS,
            ),
            credit_rows=ArraySubquery(
                ArticleAuthor.objects.filter(article=OuterRef("pk"))
                .order_by("position", "id")
                .values(
                    row=JSONObject(
                        id="id",
                        article_id="article_id",
                        author_id="author_id",
                        position="position",
                        author=author,
                    )
                )
            ),
        )
    )


ARTICLE_PAGE = CompiledQuery(_build)


def article_for_page(user, slug: str) -> Article | None:
    """The article at ``slug`` as ``user`` may see it, its ``themes``,
    ``dossiers`` (with ``public_title``) and ``author_credits`` (with their
    ``author``) loaded as ``prefetch_related`` would; None when there is none."""
    found = list(ARTICLE_PAGE.raw(is_editor(user), slug=slug, now=timezone.now()))
    if not found:
        return None
    article = found[0]
    prefill(article, "themes", from_rows(Theme, article.theme_rows))
    prefill(article, "dossiers", from_rows(Dossier, article.dossier_rows))
    credits = []
    for row in map(json.loads, article.credit_rows):
        (author,) = from_rows(Author, [row.pop("author")], article._state.db)
        (credit,) = from_rows(ArticleAuthor, [row], article._state.db)
        credit.author = author
        credits.append(credit)
    prefill(article, "author_credits", credits)
    del article.theme_rows, article.dossier_rows, article.credit_rows
    return article
