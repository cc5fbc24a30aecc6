"""Atom and RSS feeds of articles: all, per theme and per dossier.

Each feed is an RSS class with an Atom subclass; pages link to the Atom
version with ``<link rel="alternate">`` (templates/includes/_feed_links.html).
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import StyledAtom1Feed, StyledFeed
from dossiers.models import Dossier, Theme

from .models import Article

FEED_SIZE = 20


class ArticlesFeed(StyledFeed):
    title = _("Movisie: articles")
    description = _("The latest articles about what works in the social domain.")
    language = "nl"

    def link(self):
        return reverse("articles:index")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .for_listing()
            .prefetch_related("themes", "author_credits__author")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.credited_authors) or None

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = StyledAtom1Feed
    subtitle = ArticlesFeed.description


class ThemeArticlesFeed(ArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return _("Movisie: articles on %(theme)s") % {"theme": obj.name}

    def description(self, obj):
        return _("The latest articles on %(theme)s.") % {"theme": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().for_theme(obj)


class ThemeArticlesAtomFeed(ThemeArticlesFeed):
    feed_type = StyledAtom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class DossierArticlesFeed(ArticlesFeed):
    def get_object(self, request, slug):
        # Named as readers know it: the published version's title.
        return get_object_or_404(
            Dossier.objects.published().with_public_text(), slug=slug
        )

    def title(self, obj):
        return _("Movisie: articles in the dossier %(dossier)s") % {
            "dossier": obj.public_title
        }

    def description(self, obj):
        return _("The latest articles in the dossier %(dossier)s.") % {
            "dossier": obj.public_title
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().for_dossier(obj)


class DossierArticlesAtomFeed(DossierArticlesFeed):
    feed_type = StyledAtom1Feed

    def subtitle(self, obj):
        return self.description(obj)
