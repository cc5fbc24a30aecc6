from django.urls import path

from core.caching import cache_for_readers

from . import views

app_name = "authors"

urlpatterns = [
    path(
        "<slug:slug>/",
        cache_for_readers(views.AuthorDetailView.as_view()),
        name="detail",
    ),
]
