# TEMPORARY (reactions branch): a minimal detail page to test reactions end to
# end before the merge; the content branch's version replaces this file.
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView

from .models import Article


class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published()


detail = cache_control(public=True, max_age=60)(ArticleDetailView.as_view())
