from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from comments import views as comments_views

from . import views
from .caching import cache_for_readers

admin.site.site_header = "Redactie"
admin.site.site_title = "Redactie"

urlpatterns = [
    path("", cache_for_readers(views.HomeView.as_view()), name="home"),
    path("", include("dossiers.urls")),
    path("artikelen/", include("articles.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("reacties/", include("comments.urls")),
    path("privacy/", comments_views.privacy, name="privacy"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
