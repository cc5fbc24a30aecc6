from django.urls import path

from core.caching import cache_for_readers

from .models import PageSlug
from .views import PageView

app_name = "pages"

# One address per page, named after it: reverse("pages:privacy").
urlpatterns = [
    path(
        f"{slug}/",
        cache_for_readers(PageView.as_view(slug=slug)),
        name=slug,
    )
    for slug in PageSlug.values
]
