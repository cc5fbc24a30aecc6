from django.urls import path

from movisie_site.caching import cache_for_readers

from . import views

app_name = "authors"

urlpatterns = [
    path(
        "<slug:slug>/",
        cache_for_readers(views.AuthorDetailView.as_view()),
        name="detail",
    ),
]
