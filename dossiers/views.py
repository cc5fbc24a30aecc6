"""Dossier and theme pages, and the versions of a dossier.

The articles of a dossier or theme come through the reverse relations
(``dossier.articles``): articles sit above dossiers, so nothing here imports
them. Readers read a dossier as its newest visible version (a snapshot, see
``versions.py``); the dossier's own rows are the editors' draft, shown only
at ``/voorbeeld/`` and for a dossier that has no version yet.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from core import structured_data, surrogates
from core.editors import is_editor
from core.images import absolute_image_url
from core.publishing import Status
from core.views import PageMetaMixin, object_from_query

from .citations import FORMATS
from .comparisons import sections_between
from .diff import ComparisonTooSlow
from .literature import attach
from .models import Dossier, DossierVersion, Theme
from .preview_links import usable_link
from .versions import as_dossier

# (format, label) of the citation files, for the links to them.
CITATION_FORMATS = [(name, label) for name, (label, _type, _write) in FORMATS.items()]


class DossierListView(PageMetaMixin, ListView):
    """Published dossiers, optionally for one theme (?thema=<slug>)."""

    template_name = "dossiers/dossier_list.html"
    context_object_name = "dossiers"

    def get_queryset(self):
        self.theme = object_from_query(self.request, "thema", Theme.objects.all())
        dossiers = Dossier.objects.published().cards()
        if self.theme:
            dossiers = dossiers.for_theme(self.theme)
        return dossiers.order_by("public_title")

    def get_canonical_query(self):
        return {"thema": self.theme.slug if self.theme else ""}

    def get_breadcrumbs(self):
        index = (_("Dossiers"), reverse("dossiers:index"))
        if self.theme:
            return [index, (self.theme.name, self.request.get_full_path())]
        return [index]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surrogates.shows(*map(surrogates.list_key, (Dossier, Theme)))
        context["theme"] = self.theme
        context["themes"] = Theme.objects.order_by("name")
        return context


def reactions_taken(live: Dossier, version: DossierVersion | None) -> list:
    """The published reactions ``version`` took in ("verwerkt in versie n"),
    oldest first. Always asked, not only when the version counted some when
    it was published (``reactions_taken``, fixed from then on): an editor
    can mark a reaction later, from the moderation list."""
    if version is None:
        return []
    # Through the reverse relation: reactions sit above dossiers.
    return list(
        live.comments.filter(status="approved", incorporated_in=version.number)
        .only("id", "name")
        .order_by("created_at")
    )


class DossierPageMixin(PageMetaMixin):
    """A page showing one dossier: ``live`` is its row (address, reactions,
    the thread), ``dossier`` what the page shows (a version, or the draft),
    ``current`` the version shown, if any. Subclasses set the three in
    ``get()`` through ``load()``."""

    def get_dossier(self) -> Dossier:
        """By slug: published for readers, any for editors."""
        return get_object_or_404(
            Dossier.objects.visible_to(self.request.user).with_currency(),
            slug=self.kwargs["slug"],
        )

    def load(self) -> tuple[Dossier, DossierVersion | None]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.live = self.get_dossier()
        self.dossier, self.current = self.load()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surrogates.shows(
            self.live,
            *self.live.themes.all(),
            *getattr(self.dossier, "credited_authors", ()),
            surrogates.list_key(self.live.articles.model),  # related articles
        )
        found = attach(self.dossier, self.current)
        context.update(
            live=self.live,
            dossier=self.dossier,
            current=self.current,
            citation=found["dossier"],
            citation_formats=CITATION_FORMATS,
            sections=self.dossier.sections(),
            shows_current=self.shows_current(),
            reactions_taken=reactions_taken(self.live, self.current),
            related_articles=list(
                self.live.articles.published().for_listing().cards()[:6]
            ),
            og_image=absolute_image_url(self.request, self.live),
        )
        return context

    def shows_current(self) -> bool:
        """Whether the page shows the version readers see now: only then
        does it say how current the dossier is (the status block)."""
        return self.current is not None

    def get_breadcrumbs(self):
        return [
            (_("Dossiers"), reverse("dossiers:index")),
            (self.dossier.title, self.live.get_absolute_url()),
        ]

    def get_structured_data(self):
        currency = self.live.currency_statement() if self.shows_current() else None
        return [
            structured_data.dossier_data(
                self.request,
                self.dossier,
                self.current,
                currency=currency,
                image_url=absolute_image_url(self.request, self.live),
            )
        ]


class DossierDetailView(DossierPageMixin, TemplateView):
    """The version readers see now; editors see the draft of an unpublished one."""

    template_name = "dossiers/dossier_detail.html"

    def load(self):
        self.versions = list(
            DossierVersion.objects.filter(dossier=self.live).current().for_listing()
        )
        if self.versions:
            current = DossierVersion.objects.get(pk=self.versions[0].pk)
            dossier = as_dossier(current.content, self.live)
            dossier.latest_version_at = current.published_at
            return dossier, current
        if self.live.is_published:  # published rows without a version
            raise Http404("No published version")
        # Editors: a dossier with no version readers can see yet.
        return Dossier.objects.with_sections().get(pk=self.live.pk), None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = self.versions
        context["preview"] = self.current is None
        return context


class DossierPreviewView(DossierPageMixin, TemplateView):
    """Editors only: the draft as it would look published ("Voorbeeld")."""

    template_name = "dossiers/dossier_detail.html"

    def get_dossier(self):
        if not is_editor(self.request.user):
            raise Http404("Preview is for editors")
        return super().get_dossier()

    def load(self):
        return Dossier.objects.with_sections().get(pk=self.live.pk), None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = True
        context["canonical_url"] = self.request.build_absolute_uri(
            self.live.get_absolute_url()
        )
        return context


class ExpertPreviewView(DossierPageMixin, TemplateView):
    """The draft for an outside expert, through a preview link: no account,
    no cookies (no reactions form, no session), not for search engines, 404
    once the link is revoked or expired. Only the link's own dossier."""

    template_name = "dossiers/dossier_detail.html"

    def get_dossier(self):
        link = usable_link(self.kwargs["token"])
        if link is None:
            raise Http404("No such preview link")
        return link.dossier

    def load(self):
        return Dossier.objects.with_sections().get(pk=self.live.pk), None

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(expert_preview=True, noindex=True, related_articles=[])
        context["citation"] = None
        return context


class VersionMixin(PageMetaMixin):
    """Pages about a published dossier's versions: readers and editors alike.

    ``live`` carries ``public_title``: the pages name the dossier as readers
    know it, not as its draft may have been retitled.
    """

    def dispatch(self, request, *args, **kwargs):
        self.live = get_object_or_404(
            Dossier.objects.published().with_public_text().with_currency(),
            slug=self.kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def versions(self):
        surrogates.shows(self.live)
        return DossierVersion.objects.filter(dossier=self.live).visible()

    def get_breadcrumbs(self):
        return [
            (_("Dossiers"), reverse("dossiers:index")),
            (self.live.public_title, self.live.get_absolute_url()),
            (_("Versions"), reverse("dossiers:versions", args=[self.live.slug])),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["live"] = self.live
        # A version is a near copy of the dossier: the canonical link points
        # search engines at the dossier. No noindex beside it: Google reads
        # the two together as conflicting and advises the canonical link
        # alone (developers.google.com/search/docs/crawling-indexing/
        # consolidate-duplicate-urls).
        context["canonical_url"] = self.request.build_absolute_uri(
            self.live.get_absolute_url()
        )
        return context


class VersionListView(VersionMixin, TemplateView):
    template_name = "dossiers/version_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = list(self.versions().for_listing().order_by("-number"))
        # The list is a page of its own, not a copy of the dossier.
        context["canonical_url"] = self.request.build_absolute_uri(self.request.path)
        return context


class VersionDetailView(VersionMixin, TemplateView):
    """The dossier exactly as version n was published, one row.

    ``pdf``: the page as its PDF is made from (dossiers/pdf.py): without
    what changes after publication or only works on screen (the reactions,
    the banner, the download links), with the PDF's metadata in the head.
    """

    template_name = "dossiers/version_detail.html"
    pdf = False

    def get(self, request, *args, **kwargs):
        self.version = get_object_or_404(self.versions(), number=kwargs["number"])
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        number = self.version.number
        return [
            *super().get_breadcrumbs(),
            (
                _("Version %(number)s") % {"number": number},
                reverse("dossiers:version", args=[self.live.slug, number]),
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.version
        context["version"] = version
        context["current"] = version
        context["pdf"] = self.pdf
        context["shows_current"] = version.number == self.live.current_number
        context["reactions_taken"] = reactions_taken(self.live, version)
        if version.content is not None:
            dossier = as_dossier(version.content, self.live)
            found = attach(dossier, version)
            context.update(
                dossier=dossier,
                sections=dossier.sections(),
                citation=found["dossier"],
                citation_formats=CITATION_FORMATS,
                pdf_author=", ".join(a.name for a in dossier.credited_authors)
                or settings.INSTITUTE_NAME,
            )
        return context


class VersionDiffView(VersionMixin, TemplateView):
    """What changed from version a to version b, section by section."""

    template_name = "dossiers/version_diff.html"

    def get(self, request, *args, **kwargs):
        a, b = kwargs["a"], kwargs["b"]
        found = {
            v.number: v for v in self.versions().for_listing().filter(number__in=[a, b])
        }
        if a not in found or b not in found:
            raise Http404("Unknown version")
        self.old, self.new = found[a], found[b]
        self.sections = None
        if a < b:
            try:
                self.sections = sections_between(self.live, a, b)
            except ComparisonTooSlow:
                # Stopped at its deadline (a busy machine): try again later.
                response = render(
                    request,
                    "dossiers/diff_unavailable.html",
                    {"live": self.live},
                    status=503,
                )
                response["Retry-After"] = "30"
                return response
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        a, b = self.old.number, self.new.number
        return [
            *super().get_breadcrumbs(),
            (
                _("Version %(a)s to %(b)s") % {"a": a, "b": b},
                reverse("dossiers:diff", args=[self.live.slug, a, b]),
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a, b = self.old.number, self.new.number
        context.update(old=self.old, new=self.new)
        if a == b:
            context["problem"] = "same"
        elif a > b:
            context["problem"] = "reversed"
        else:
            context["sections"] = self.sections
            if context["sections"] is None:
                context["problem"] = "not-kept"
        return context


class ThemeListView(PageMetaMixin, ListView):
    """Every theme, with how many articles readers can read on it."""

    template_name = "dossiers/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        surrogates.shows(surrogates.list_key(Theme), "articles")
        published = Q(
            articles__status=Status.PUBLISHED,
            articles__published_at__lte=timezone.now(),
        )
        return Theme.objects.annotate(
            article_count=Count("articles", filter=published)
        ).order_by("name")

    def get_breadcrumbs(self):
        return [(_("Themes"), reverse("dossiers:themes"))]


class ThemeDetailView(PageMetaMixin, DetailView):
    """A theme with its published dossiers and latest articles."""

    model = Theme
    template_name = "dossiers/theme_detail.html"
    context_object_name = "theme"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.object
        surrogates.shows(
            theme,
            surrogates.list_key(Dossier),
            surrogates.list_key(theme.articles.model),
        )
        context["dossiers"] = list(
            Dossier.objects.published()
            .for_theme(theme)
            .cards()
            .order_by("public_title")
        )
        context["articles"] = list(
            theme.articles.published().for_listing().cards()[:10]
        )
        return context

    def get_breadcrumbs(self):
        return [
            (_("Themes"), reverse("dossiers:themes")),
            (self.object.name, self.object.get_absolute_url()),
        ]
