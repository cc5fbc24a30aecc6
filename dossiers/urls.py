from django.urls import path

from core.caching import cache_for_readers

from . import views

app_name = "dossiers"

urlpatterns = [
    path(
        "dossiers/",
        cache_for_readers(views.DossierListView.as_view()),
        name="index",
    ),
    path(
        "dossiers/<slug:slug>/",
        cache_for_readers(views.DossierDetailView.as_view(), server_cache=True),
        name="detail",
    ),
    path(
        "dossiers/<slug:slug>/voorbeeld/",
        cache_for_readers(views.DossierPreviewView.as_view()),
        name="preview",
    ),
    path(
        "dossiers/<slug:slug>/versies/",
        cache_for_readers(views.VersionListView.as_view()),
        name="versions",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:number>/",
        cache_for_readers(views.VersionDetailView.as_view(), server_cache=True),
        name="version",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:a>...<int:b>/",
        cache_for_readers(views.VersionDiffView.as_view(), server_cache=True),
        name="diff",
    ),
    path(
        "themas/<slug:slug>/",
        cache_for_readers(views.ThemeDetailView.as_view()),
        name="theme",
    ),
]
