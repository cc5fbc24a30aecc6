from django.contrib.sitemaps import Sitemap

from .models import Dossier


class DossierSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Dossier.objects.published()
            .only("slug", "updated_at", "published_at", "last_revised_at")
            .order_by("title")
        )

    def lastmod(self, item):
        return max(
            d for d in (item.updated_at, item.published_at, item.last_revised_at) if d
        )
