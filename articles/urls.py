from django.urls import path

from core.caching import cache_for_readers
from core.commentable import THREAD_PAGE_PARAM

from . import views

app_name = "articles"

urlpatterns = [
    path("", cache_for_readers(views.ArticleListView.as_view()), name="index"),
    path(
        "<slug:slug>/",
        cache_for_readers(
            views.ArticleDetailView.as_view(),
            server_cache=True,
            query=(THREAD_PAGE_PARAM,),
        ),
        name="detail",
    ),
]
