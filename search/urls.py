from django.urls import path

from core.caching import cache_for_readers

from . import views

urlpatterns = [
    path("", cache_for_readers(views.SearchView.as_view()), name="search"),
]
