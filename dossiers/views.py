from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article
from articles.views import LIST_ITEM_FIELDS as ARTICLE_FIELDS
from movisie_site import structured_data
from movisie_site.views import PageMetaMixin, slug_from_query

from .diff import diff_versions
from .models import Dossier, DossierVersion, Theme
from .versions import as_dossier

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


def dossier_structured_data(request, dossier, version=None):
    return [
        structured_data.dossier_data(request, dossier, version),
        structured_data.breadcrumb_list(
            request,
            [
                (_("Home"), reverse("home")),
                (_("Dossiers"), reverse("dossiers:index")),
                (dossier.title, dossier.get_absolute_url()),
            ],
        ),
    ]


class DossierPageMixin(PageMetaMixin):
    """The dossier by slug (published for readers, any for staff)."""

    def get_dossier(self) -> Dossier:
        return get_object_or_404(
            Dossier.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["live"] = self.live
        context["related_articles"] = list(
            Article.objects.published()
            .for_dossier(self.live)
            .for_listing()
            .only(*ARTICLE_FIELDS)[:6]
        )
        return context


class DossierDetailView(DossierPageMixin, TemplateView):
    """The version readers see now; staff see the draft of an unpublished one."""

    template_name = "dossiers/dossier_detail.html"

    def get(self, request, *args, **kwargs):
        self.live = self.get_dossier()
        self.versions = list(
            DossierVersion.objects.filter(dossier=self.live)
            .visible()
            .for_listing()
            .order_by("-number")
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.versions:
            current = DossierVersion.objects.get(pk=self.versions[0].pk)
            dossier = as_dossier(current.content, self.live)
            dossier.latest_version_at = current.published_at
        elif self.live.is_published:  # published rows without a version
            raise Http404("No published version")
        else:  # staff: a dossier with no version readers can see yet
            current = None
            dossier = Dossier.objects.with_sections().get(pk=self.live.pk)
            context["preview"] = True
        context.update(
            dossier=dossier,
            current=current,
            versions=self.versions,
            sections=dossier.sections(),
            structured_data=dossier_structured_data(self.request, dossier, current),
        )
        return context


class DossierPreviewView(DossierPageMixin, TemplateView):
    """Staff only: the draft as it would look published ("Voorbeeld")."""

    template_name = "dossiers/dossier_detail.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            raise Http404("Preview is for staff")
        self.live = self.get_dossier()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = Dossier.objects.with_sections().get(pk=self.live.pk)
        context.update(
            dossier=dossier,
            preview=True,
            sections=dossier.sections(),
            canonical_url=self.request.build_absolute_uri(dossier.get_absolute_url()),
        )
        return context


class VersionMixin(PageMetaMixin):
    """Pages about a published dossier's versions: readers and staff alike."""

    def dispatch(self, request, *args, **kwargs):
        self.live = get_object_or_404(
            Dossier.objects.published(), slug=self.kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def versions(self):
        return DossierVersion.objects.filter(dossier=self.live).visible()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["live"] = self.live
        context["canonical_url"] = self.request.build_absolute_uri(
            self.live.get_absolute_url()
        )
        context["noindex"] = True
        return context


class VersionListView(VersionMixin, TemplateView):
    template_name = "dossiers/version_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = list(self.versions().for_listing().order_by("-number"))
        # The list is a page of its own, not a copy of the dossier.
        context["noindex"] = False
        context["canonical_url"] = self.request.build_absolute_uri(self.request.path)
        return context


class VersionDetailView(VersionMixin, TemplateView):
    """The dossier exactly as version n was published, one row."""

    template_name = "dossiers/version_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = get_object_or_404(self.versions(), number=self.kwargs["number"])
        context["version"] = version
        context["current"] = version
        if version.content is not None:
            dossier = as_dossier(version.content, self.live)
            context["dossier"] = dossier
            context["sections"] = dossier.sections()
        return context


class VersionDiffView(VersionMixin, TemplateView):
    """What changed from version a to version b, section by section."""

    template_name = "dossiers/version_diff.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a, b = self.kwargs["a"], self.kwargs["b"]
        found = {
            v.number: v for v in self.versions().for_listing().filter(number__in=[a, b])
        }
        if a not in found or b not in found:
            raise Http404("Unknown version")
        context.update(old=found[a], new=found[b])
        if a == b:
            context["problem"] = "same"
        elif a > b:
            context["problem"] = "reversed"
        else:
            context["sections"] = diff_versions(self.live, a, b)
            if context["sections"] is None:
                context["problem"] = "not-kept"
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
