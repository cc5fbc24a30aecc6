import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles import feeds as article_feeds
from articles.sitemaps import ArticleSitemap, ThemeSitemap
from authors.sitemaps import AuthorSitemap
from core import surrogates
from core.caching import cache_for_readers
from core.feeds import FeedStylesheetView
from dossiers import feeds as dossier_feeds
from dossiers.sitemaps import DossierSitemap

from . import views

SITEMAPS = {
    "dossiers": DossierSitemap,
    "artikelen": ArticleSitemap,
    "themas": ThemeSitemap,
    "auteurs": AuthorSitemap,
}


# What feeds and the sitemap show: titles, dates, authors, themes.
LISTS = surrogates.CONTENT_LISTS


def feed(route, rss_feed, atom_feed, name):
    """Atom at ``route``, its RSS twin at ``route`` + "rss/"."""
    return [
        path(route, cache_for_readers(atom_feed(), shows=LISTS), name=name),
        path(
            f"{route}rss/",
            cache_for_readers(rss_feed(), shows=LISTS),
            name=f"{name}-rss",
        ),
    ]


feed_patterns = [
    # How a browser shows every feed (core/feeds.py).
    path(
        "opmaak.xsl",
        cache_for_readers(FeedStylesheetView.as_view()),
        name="stylesheet",
    ),
    *feed(
        "artikelen/",
        article_feeds.ArticlesFeed,
        article_feeds.ArticlesAtomFeed,
        "articles",
    ),
    *feed(
        "themas/<slug:slug>/",
        article_feeds.ThemeArticlesFeed,
        article_feeds.ThemeArticlesAtomFeed,
        "theme",
    ),
    *feed(
        "dossiers/<slug:slug>/",
        article_feeds.DossierArticlesFeed,
        article_feeds.DossierArticlesAtomFeed,
        "dossier",
    ),
    *feed(
        "dossiers/<slug:slug>/versies/",
        dossier_feeds.DossierVersionsFeed,
        dossier_feeds.DossierVersionsAtomFeed,
        "dossier-versions",
    ),
    *feed(
        "bijgewerkt/",
        dossier_feeds.DossierRevisionsFeed,
        dossier_feeds.DossierRevisionsAtomFeed,
        "revisions",
    ),
]

urlpatterns = [
    # First: load balancers ask every few seconds, and each pattern before it
    # (the includes at "" are searched whole) cost every request to it time.
    path("healthz", views.healthz, name="healthz"),
    path("", cache_for_readers(views.HomeView.as_view()), name="home"),
    path("", include("dossiers.urls")),
    path("", include("follows.urls")),
    path("", include("feedback.urls")),
    path("artikelen/", include("articles.urls")),
    path("zoeken/", include("search.urls")),
    path("auteurs/", include("authors.urls")),
    path("feeds/", include((feed_patterns, "feeds"))),
    path(
        "sitemap.xml",
        cache_for_readers(sitemap, shows=LISTS),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", cache_for_readers(views.robots_txt), name="robots"),
    path("admin/", admin.site.urls),
    path("reacties/", include("comments.urls")),
    path("", include("pages.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$",
            views.media_file,
            name="media",
        )
    )
