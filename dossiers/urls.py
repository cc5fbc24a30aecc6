from django.urls import path

from core.caching import cache_for_readers
from core.commentable import THREAD_PAGE_PARAM

from . import downloads, views

app_name = "dossiers"
# Item pages show their reaction thread a page at a time.
THREAD_QUERY = (THREAD_PAGE_PARAM,)

urlpatterns = [
    path(
        "dossiers/",
        cache_for_readers(views.DossierListView.as_view()),
        name="index",
    ),
    path(
        "dossiers/<slug:slug>/",
        cache_for_readers(
            views.DossierDetailView.as_view(), server_cache=True, query=THREAD_QUERY
        ),
        name="detail",
    ),
    path(
        "dossiers/<slug:slug>/voorbeeld/",
        cache_for_readers(views.DossierPreviewView.as_view()),
        name="preview",
    ),
    # Never cached: the link's validity is checked at every visit.
    path(
        "dossiers/concept/<str:token>/",
        views.ExpertPreviewView.as_view(),
        name="expert_preview",
    ),
    path(
        "dossiers/<slug:slug>/versies/",
        cache_for_readers(views.VersionListView.as_view()),
        name="versions",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:number>/",
        cache_for_readers(
            views.VersionDetailView.as_view(), server_cache=True, query=THREAD_QUERY
        ),
        name="version",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:a>...<int:b>/",
        cache_for_readers(views.VersionDiffView.as_view(), server_cache=True),
        name="diff",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:number>/citeren.<str:format_name>",
        downloads.version_citation,
        name="cite",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:number>/literatuur/"
        "<int:index>.<str:format_name>",
        downloads.reference_citation,
        name="cite_reference",
    ),
    path(
        "dossiers/<slug:slug>/versies/<int:number>/pdf/",
        downloads.version_pdf,
        name="pdf",
    ),
    path(
        "themas/",
        cache_for_readers(views.ThemeListView.as_view()),
        name="themes",
    ),
    path(
        "themas/<slug:slug>/",
        cache_for_readers(views.ThemeDetailView.as_view()),
        name="theme",
    ),
]
