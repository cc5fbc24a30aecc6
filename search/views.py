from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.views import PageMetaMixin, object_from_query
from dossiers.models import Theme

from . import query as search_query
from .results import (
    ARTICLE,
    DOSSIER,
    KINDS,
    SearchResults,
    has_searchable_words,
    suggestions,
)

PAGE_SIZE = 10
MAX_PAGE_HINT = 10_000


def requested_page(request) -> int:
    """The page number asked for, to fetch with the count.

    Only a hint: the paginator still checks the number and falls back to
    the first or last page; a huge number is capped so it stays a number
    PostgreSQL can take as an offset.
    """
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE_HINT)


class SearchView(PageMetaMixin, TemplateView):
    """/zoeken/?q=…&soort=artikel|dossier&thema=<slug>&page=N

    Every query gives a page: an empty or unusable query shows the form
    with a hint, no matches show title suggestions.
    """

    template_name = "search/search.html"

    def get_filters(self, themes):
        kind = self.request.GET.get("soort", "")
        if kind not in KINDS:
            kind = ""  # an unknown type filter searches everything
        return kind, object_from_query(self.request, "thema", themes)

    def get_breadcrumbs(self):
        return [(_("Search"), reverse("search"))]

    def get_canonical_query(self):
        return {
            "q": self.text,
            "soort": self.kind,
            "thema": self.theme.slug if self.theme else "",
            "page": self.page_number if self.page_number > 1 else "",
        }

    def get_context_data(self, **kwargs):
        self.text = search_query.clean_query(self.request.GET.get("q", ""))
        # All themes: for the form, the theme filter and the result lines.
        themes = list(Theme.objects.order_by("name"))
        self.kind, self.theme = self.get_filters(themes)
        self.page_number = 1
        parsed = search_query.parse(self.text)
        context = {
            "query": self.text,
            "kind": self.kind,
            "theme": self.theme,
            "themes": themes,
            "kinds": [(ARTICLE, _("Articles")), (DOSSIER, _("Dossiers"))],
            "page_obj": None,
            "results": [],
            "problem": "",
            "suggestions": [],
        }
        if not self.text:
            context["problem"] = "empty"
        elif not parsed:
            context["problem"] = "no_words"
        else:
            number = requested_page(self.request)
            results = SearchResults(
                parsed,
                themes=themes,
                kind=self.kind,
                theme=self.theme,
                window=slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE),
            )
            paginator = Paginator(results, PAGE_SIZE)
            page = paginator.get_page(self.request.GET.get("page"))
            self.page_number = page.number
            context["page_obj"] = page
            context["results"] = page.object_list
            if results.truncated:
                context["estimated_total"] = results.estimated_total()
            if not paginator.count:
                if not has_searchable_words(parsed.tsquery):
                    context["problem"] = "no_words"
                else:
                    context["suggestions"] = suggestions(" ".join(parsed.words))
        context.update(kwargs)
        return super().get_context_data(**context)
