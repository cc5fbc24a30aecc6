from django.urls import path

from core.caching import cache_for_readers

from . import views

app_name = "authors"

urlpatterns = [
    path("", cache_for_readers(views.AuthorListView.as_view()), name="index"),
    path(
        "<slug:slug>/",
        cache_for_readers(views.AuthorDetailView.as_view()),
        name="detail",
    ),
]
