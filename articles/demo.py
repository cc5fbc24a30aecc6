"""Demo articles, from articles/demo/articles.toml (after the dossiers' demo).

An article without ``published_at`` is a draft: editors see what a preview
looks like. Themes and dossiers are named by slug; ``author`` names a person
(an author record, created when missing), except "Redactie": the institute
wrote it, no person is credited. ``image`` names a drawing in
``articles/demo/images/`` (scripts/demo_images.py); an article that has no
image yet gets it, with its sizes made as the admin makes them.
"""

from pathlib import Path

from django.db import transaction

from authors.services import author_for_name
from core.demo import add_image, read
from core.publishing import Status
from dossiers.models import Dossier, Theme

from .models import Article, ArticleAuthor

FIELDS = ["title", "kind", "published_at", "lead", "body"]
INSTITUTE = "Redactie"
IMAGES = Path(__file__).resolve().parent / "demo" / "images"


@transaction.atomic
def load() -> dict[str, int]:
    """Create whatever demo articles are missing."""
    for data in read("articles", "articles")["article"]:
        defaults = {field: data[field] for field in FIELDS if field in data}
        published = "published_at" in data
        defaults["status"] = Status.PUBLISHED if published else Status.DRAFT
        article, created = Article.objects.get_or_create(
            slug=data["slug"], defaults=defaults
        )
        if created:
            article.themes.set(Theme.objects.filter(slug__in=data.get("themes", [])))
            article.dossiers.set(
                Dossier.objects.filter(slug__in=data.get("dossiers", []))
            )
            if data.get("author", INSTITUTE) != INSTITUTE:
                ArticleAuthor.objects.create(
                    article=article, author=author_for_name(name=data["author"])
                )
        add_image(article, data, IMAGES)
    return {"articles": Article.objects.count()}
