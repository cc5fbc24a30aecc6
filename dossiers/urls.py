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
        "themas/<slug:slug>/",
        cache_for_readers(views.ThemeDetailView.as_view()),
        name="theme",
    ),
]
