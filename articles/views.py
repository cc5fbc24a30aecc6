from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core import structured_data, surrogates
from core.images import absolute_image_url
from core.views import PageMetaMixin, object_from_query
from dossiers.models import Dossier, Theme

from .models import Article
from .reading import article_for_page


class ArticleListView(PageMetaMixin, ListView):
    """Published articles, newest first, filterable by theme and dossier.

    Unknown filter values are a 404 (there is no such list); a page number
    that is not a number or out of range shows the nearest page (Paginator's
    ``get_page``), so shared or mistyped links still land somewhere useful.
    """

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    # 12 fills rows of 1, 2, 3 or 4 cards; the demo's twelve articles, the
    # 2017 flagship included, fit on the first page.
    paginate_by = 12

    def get_queryset(self):
        request = self.request
        self.theme = object_from_query(request, "thema", Theme.objects.all())
        self.dossier = object_from_query(
            request, "dossier", Dossier.objects.published().with_public_text()
        )
        articles = Article.objects.published().for_listing().cards()
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

    def get_breadcrumbs(self):
        return [(_("Articles"), reverse("articles:index"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The list, and the themes and dossiers its filter offers.
        surrogates.shows(*map(surrogates.list_key, (Article, Theme, Dossier)))
        context["theme"] = self.theme
        context["dossier"] = self.dossier
        # (slug, name) pairs for the filter's options: no model instances.
        context["theme_choices"] = Theme.objects.order_by("name").values_list(
            "slug", "name"
        )
        # Dossiers as readers know them: their published version's title.
        context["dossier_choices"] = (
            Dossier.objects.published()
            .with_public_text()
            .order_by("public_title")
            .values_list("slug", "public_title")
        )
        return context


class ArticleDetailView(PageMetaMixin, DetailView):
    """An article; staff also see drafts and scheduled articles (preview)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        """The article with its themes, dossiers and authors: one query,
        compiled once per process (articles/reading.py)."""
        article = article_for_page(self.request.user, self.kwargs["slug"])
        if article is None:
            raise Http404(
                _("No %(verbose_name)s found matching the query")
                % {"verbose_name": Article._meta.verbose_name}
            )
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        surrogates.shows(
            article,
            *article.themes.all(),
            *article.dossiers.all(),
            *(credit.author for credit in article.author_credits.all()),
            surrogates.list_key(Article),  # the related articles
        )
        # Building the cards' query for an article with neither (a new one,
        # the benchmark's) cost 0.6 ms of a 10 ms cold page, to find nothing.
        shares = article.themes.all() or article.dossiers.all()  # prefetched
        context["related_articles"] = (
            list(Article.objects.published().related_to(article).cards()[:4])
            if shares
            else []
        )
        context["og_image"] = self.og_image()
        return context

    def og_image(self) -> str:
        return absolute_image_url(self.request, self.object)

    def get_breadcrumbs(self):
        article = self.object
        return [
            (_("Articles"), reverse("articles:index")),
            (article.title, article.get_absolute_url()),
        ]

    def get_structured_data(self):
        return [
            structured_data.article_data(self.request, self.object, self.og_image())
        ]
