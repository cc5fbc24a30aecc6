from django.contrib.sitemaps import Sitemap

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
