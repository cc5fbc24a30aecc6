from django.urls import path

from core import surrogates
from core.caching import cache_for_readers

from . import views

urlpatterns = [
    path(
        "",
        cache_for_readers(views.SearchView.as_view(), shows=surrogates.CONTENT_LISTS),
        name="search",
    ),
]
