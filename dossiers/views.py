"""Dossier and theme pages.

The articles of a dossier or theme come through the reverse relations
(``dossier.articles``): articles sit above dossiers, so nothing here imports
them.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core import structured_data
from core.views import PageMetaMixin, object_from_query

from .models import Dossier, Theme


class DossierListView(PageMetaMixin, ListView):
    """Published dossiers, optionally for one theme (?thema=<slug>)."""

    template_name = "dossiers/dossier_list.html"
    context_object_name = "dossiers"

    def get_queryset(self):
        self.theme = object_from_query(self.request, "thema", Theme.objects.all())
        dossiers = Dossier.objects.published().cards()
        if self.theme:
            dossiers = dossiers.for_theme(self.theme)
        return dossiers.order_by("title")

    def get_canonical_query(self):
        return {"thema": self.theme.slug if self.theme else ""}

    def get_breadcrumbs(self):
        index = (_("Dossiers"), reverse("dossiers:index"))
        if self.theme:
            return [index, (self.theme.name, self.request.get_full_path())]
        return [index]

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
            dossier.articles.published().for_listing().cards()[:6]
        )
        return context

    def get_breadcrumbs(self):
        dossier = self.object
        return [
            (_("Dossiers"), reverse("dossiers:index")),
            (dossier.title, dossier.get_absolute_url()),
        ]

    def get_structured_data(self):
        return [structured_data.dossier_data(self.request, self.object)]


class ThemeDetailView(PageMetaMixin, DetailView):
    """A theme with its published dossiers and latest articles."""

    model = Theme
    template_name = "dossiers/theme_detail.html"
    context_object_name = "theme"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.object
        context["dossiers"] = list(
            Dossier.objects.published().for_theme(theme).cards().order_by("title")
        )
        context["articles"] = list(
            theme.articles.published().for_listing().cards()[:10]
        )
        return context

    def get_breadcrumbs(self):
        return [(self.object.name, self.object.get_absolute_url())]
