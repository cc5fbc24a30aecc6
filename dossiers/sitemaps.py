from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from articles.models import Article
from movisie_site.publishing import Status

from .models import Dossier, Theme


class DossierSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Dossier.objects.published()
            .only("slug", "published_at")
            .with_latest_version()
            .order_by("title")
        )

    def lastmod(self, item):
        # The latest version's moment: saving a draft changes nothing here.
        return item.latest_version_at or item.published_at


def _latest(model, theme_ref):
    """Subquery: when the newest published item of a theme last changed."""
    return Subquery(
        model.objects.filter(
            themes=theme_ref,
            status=Status.PUBLISHED,
            published_at__lte=timezone.now(),
        )
        .order_by()
        .values("themes")
        .annotate(latest=Max(Greatest("updated_at", "published_at")))
        .values("latest")
    )


class ThemeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Theme.objects.annotate(
                latest_article=_latest(Article, OuterRef("pk")),
                latest_dossier=_latest(Dossier, OuterRef("pk")),
            )
            .filter(Q(latest_article__isnull=False) | Q(latest_dossier__isnull=False))
            .order_by("name")
        )

    def lastmod(self, item):
        return max(d for d in (item.latest_article, item.latest_dossier) if d)
