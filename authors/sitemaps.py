from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.utils import timezone

from core.publishing import Status

from .models import Author


def _published(prefix: str) -> Q:
    return Q(
        **{
            f"{prefix}__status": Status.PUBLISHED,
            f"{prefix}__published_at__lte": timezone.now(),
        }
    )


class AuthorSitemap(Sitemap):
    """Authors with at least one published dossier or article."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return (
            Author.objects.filter(
                _published("dossiers")
                | _published("articles")
                | _published("contact_for_dossiers")
            )
            .distinct()
            .only("slug", "updated_at")
            .order_by("name")
        )

    def lastmod(self, item):
        return item.updated_at
