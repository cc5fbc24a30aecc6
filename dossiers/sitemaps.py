from django.contrib.sitemaps import Sitemap

from .models import Dossier


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
