"""Sitemaps of articles and themes.

The theme sitemap lives here, next to the articles, because a theme's last
change is its newest article's or dossier's: articles sit above dossiers, so
this is the lowest module that can see both.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Greatest

from dossiers.models import Dossier, DossierVersion, Theme

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


def _latest(model, theme_ref):
    """Subquery: when the newest published article of a theme last changed."""
    return Subquery(
        model.objects.published()
        .filter(themes=theme_ref)
        .order_by()
        .values("themes")
        .annotate(latest=Max(Greatest("updated_at", "published_at")))
        .values("latest")
    )


def _latest_version(theme_ref):
    """Subquery: when the newest visible version of a published dossier of the
    theme went live. Saving a dossier's draft changes what readers see of
    the theme in nothing, so it is not a change here either."""
    published = Dossier.objects.published()
    return Subquery(
        DossierVersion.objects.visible()
        .filter(dossier__in=published, dossier__themes=theme_ref)
        .order_by()
        .values("dossier__themes")
        .annotate(latest=Max("published_at"))
        .values("latest")
    )


class ThemeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Theme.objects.annotate(
                latest_article=_latest(Article, OuterRef("pk")),
                latest_dossier=_latest_version(OuterRef("pk")),
            )
            .filter(Q(latest_article__isnull=False) | Q(latest_dossier__isnull=False))
            .order_by("name")
        )

    def lastmod(self, item):
        return max(d for d in (item.latest_article, item.latest_dossier) if d)
