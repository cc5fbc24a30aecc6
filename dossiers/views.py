from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from articles.models import Article
from articles.views import LIST_ITEM_FIELDS as ARTICLE_FIELDS
from movisie_site import structured_data
from movisie_site.views import PageMetaMixin, slug_from_query

from .models import Dossier, Theme

# The fields a dossier in a list shows (dossiers/_dossier_item.html): not the
# seven section texts and the search columns, which made a list of 200
# dossiers cost tens of milliseconds to load.
LIST_ITEM_FIELDS = ("id", "title", "slug", "summary")


class DossierListView(PageMetaMixin, ListView):
    """Published dossiers, optionally for one theme (?thema=<slug>)."""

    template_name = "dossiers/dossier_list.html"
    context_object_name = "dossiers"

    def get_theme(self):
        slug = slug_from_query(self.request, "thema")
        if not slug:
            return None
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404("Unknown theme")
        return theme

    def get_queryset(self):
        self.theme = self.get_theme()
        dossiers = Dossier.objects.published().only(*LIST_ITEM_FIELDS)
        if self.theme:
            dossiers = dossiers.for_theme(self.theme)
        return dossiers.order_by("title")

    def get_canonical_query(self):
        return {"thema": self.theme.slug if self.theme else ""}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["theme"] = self.theme
        context["themes"] = Theme.objects.order_by("name")
        return context


class DossierDetailView(PageMetaMixin, DetailView):
    """A dossier with its sections; staff also see drafts (preview)."""

    template_name = "dossiers/dossier_detail.html"
    context_object_name = "dossier"

    def get_queryset(self):
        return Dossier.objects.visible_to(self.request.user).with_sections()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.object
        context["sections"] = dossier.sections()
        context["related_articles"] = list(
            Article.objects.published()
            .for_dossier(dossier)
            .for_listing()
            .only(*ARTICLE_FIELDS)[:6]
        )
        context["structured_data"] = [
            structured_data.dossier_data(self.request, dossier),
            structured_data.breadcrumb_list(
                self.request,
                [
                    (_("Home"), reverse("home")),
                    (_("Dossiers"), reverse("dossiers:index")),
                    (dossier.title, dossier.get_absolute_url()),
                ],
            ),
        ]
        return context


class ThemeDetailView(PageMetaMixin, DetailView):
    """A theme with its published dossiers and latest articles."""

    model = Theme
    template_name = "dossiers/theme_detail.html"
    context_object_name = "theme"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.object
        context["dossiers"] = list(
            Dossier.objects.published()
            .for_theme(theme)
            .only(*LIST_ITEM_FIELDS)
            .order_by("title")
        )
        context["articles"] = list(
            Article.objects.published()
            .for_theme(theme)
            .for_listing()
            .only(*ARTICLE_FIELDS)[:10]
        )
        context["structured_data"] = [
            structured_data.breadcrumb_list(
                self.request,
                [(_("Home"), reverse("home")), (theme.name, theme.get_absolute_url())],
            )
        ]
        return context
