from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from dossiers.models import Dossier, Theme
from movisie_site import structured_data
from movisie_site.views import PageMetaMixin, slug_from_query

from .models import Article

# The fields an article in a list shows (articles/_article_item.html). Loading
# only these skips the body and the stored search vector, which made building
# ten list items cost more than rendering them; a field left out would cost a
# query per item.
LIST_ITEM_FIELDS = (
    *("id", "title", "slug", "kind", "lead", "published_at"),
    # The image's sizes follow from these three (articles/images.py).
    *("image", "image_width", "image_height"),
)


class ArticleListView(PageMetaMixin, ListView):
    """Published articles, newest first, filterable by theme and dossier.

    Unknown filter values are a 404 (there is no such list); a page number
    that is not a number or out of range shows the nearest page (Paginator's
    ``get_page``), so shared or mistyped links still land somewhere useful.
    """

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_filter(self, param, queryset):
        slug = slug_from_query(self.request, param)
        if not slug:
            return None
        obj = queryset.filter(slug=slug).first()
        if obj is None:
            raise Http404(f"Unknown {param}")
        return obj

    def get_queryset(self):
        self.theme = self.get_filter("thema", Theme.objects.all())
        self.dossier = self.get_filter("dossier", Dossier.objects.published())
        articles = Article.objects.published().for_listing().only(*LIST_ITEM_FIELDS)
        if self.theme:
            articles = articles.for_theme(self.theme)
        if self.dossier:
            articles = articles.for_dossier(self.dossier)
        return articles

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        self.page_number = page.number
        return paginator, page, page.object_list, page.has_other_pages()

    def get_canonical_query(self):
        page = self.page_number
        return {
            "thema": self.theme.slug if self.theme else "",
            "dossier": self.dossier.slug if self.dossier else "",
            "page": page if page and page > 1 else "",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["theme"] = self.theme
        context["dossier"] = self.dossier
        # (slug, name) pairs for the filter's options: no model instances.
        context["theme_choices"] = Theme.objects.order_by("name").values_list(
            "slug", "name"
        )
        context["dossier_choices"] = (
            Dossier.objects.published().order_by("title").values_list("slug", "title")
        )
        return context


class ArticleDetailView(PageMetaMixin, DetailView):
    """An article; staff also see drafts and scheduled articles (preview)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        user = self.request.user
        return Article.objects.visible_to(user).prefetch_related(
            "themes",
            Prefetch("dossiers", Dossier.objects.visible_to(user).order_by("title")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = list(
            Article.objects.published()
            .related_to(self.object)
            .only(*LIST_ITEM_FIELDS)[:4]
        )
        article = self.object
        if article.image:
            context["og_image"] = self.request.build_absolute_uri(article.image.url)
        context["structured_data"] = [
            structured_data.article_data(
                self.request, article, context.get("og_image", "")
            ),
            structured_data.breadcrumb_list(
                self.request,
                [
                    (_("Home"), reverse("home")),
                    (_("Articles"), reverse("articles:index")),
                    (article.title, article.get_absolute_url()),
                ],
            ),
        ]
        return context
