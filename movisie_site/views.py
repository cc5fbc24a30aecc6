"""The project's own pages: the home page, robots.txt and the health check."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from articles.models import Article
from core import surrogates
from core.views import PageMetaMixin
from dossiers.models import Dossier, Theme
from pages.models import HomePage

from .middleware import is_database_unavailable
from .storage import IMMUTABLE_CACHE_CONTROL


@never_cache
@require_safe
def healthz(request):
    """200 when PostgreSQL answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        if not is_database_unavailable(exc):
            raise
        # Drop the broken connection so the next request reconnects.
        connection.close_if_unusable_or_obsolete()
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain"
    )


class HomeView(PageMetaMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surrogates.shows(*map(surrogates.list_key, (Article, Dossier, Theme, HomePage)))
        context["latest_articles"] = (
            Article.objects.published().for_listing().cards()[:6]
        )
        dossiers = list(Dossier.objects.published().cards().order_by("public_title"))
        featured = featured_dossier(dossiers)
        context["featured"] = featured
        context["dossiers"] = [d for d in dossiers if d is not featured]
        context["themes"] = Theme.objects.order_by("name")
        return context


def featured_dossier(dossiers: list[Dossier]) -> Dossier | None:
    """The dossier the editors chose for the home page (admin: *Homepage*),
    among the published ``dossiers``; else the most recently updated one."""
    chosen = HomePage.objects.values_list("featured_dossier_id", flat=True).first()
    for dossier in dossiers:
        if dossier.pk == chosen:
            return dossier
    dated = [d for d in dossiers if d.public_updated_at]
    return max(dated, key=lambda d: d.public_updated_at, default=None)


@require_safe
def media_file(request, path):
    """An uploaded file from the local disk, for ``make run`` and the tests.

    Only routed when ``SERVE_MEDIA`` is on (development settings); production
    serves uploads from the bucket. Names carry a digest of the content
    (movisie_site/storage.py), so a year's caching is safe.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = IMMUTABLE_CACHE_CONTROL
    return response
