"""What every page view shares: canonical URL, breadcrumbs, filters from the query.

Views list their breadcrumbs once (``get_breadcrumbs``); the page shows them
through ``includes/_breadcrumbs.html`` and search engines get the same list as
schema.org JSON-LD (``structured_data``).
"""

import re
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from . import structured_data

SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def slug_from_query(request, name: str) -> str:
    """A slug from the query string, "" when absent, 404 when malformed.

    Checked before it reaches PostgreSQL, which refuses e.g. NUL bytes with
    an error instead of simply finding nothing.
    """
    value = request.GET.get(name, "")
    if value and not SLUG_RE.fullmatch(value):
        raise Http404(f"Malformed {name}")
    return value


def object_from_query(request, name: str, candidates):
    """The object whose slug is in ``?name=``: None when absent, else 404.

    ``candidates`` is a QuerySet (one query) or objects already loaded (none):
    an unknown value is a 404, as there is no such list.
    """
    slug = slug_from_query(request, name)
    if not slug:
        return None
    if isinstance(candidates, QuerySet):
        found = candidates.filter(slug=slug).first()
    else:
        found = next((c for c in candidates if c.slug == slug), None)
    if found is None:
        raise Http404(f"Unknown {name}")
    return found


class PageMetaMixin:
    """Canonical URL, breadcrumbs and structured data for a page.

    ``get_canonical_query`` lets list views keep the parameters that select
    different content (filters, page) and drop everything else.
    ``get_breadcrumbs`` gives (name, path) pairs after "Home", the last one
    the page itself; ``get_structured_data`` the page's own schema.org items.
    """

    def get_canonical_query(self) -> dict:
        return {}

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return []

    def get_structured_data(self) -> list[dict]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = urlencode({k: v for k, v in self.get_canonical_query().items() if v})
        path = self.request.path + (f"?{query}" if query else "")
        context["canonical_url"] = self.request.build_absolute_uri(path)
        crumbs = self.get_breadcrumbs()
        if crumbs:
            crumbs = [(_("Home"), reverse("home")), *crumbs]
        context["breadcrumbs"] = crumbs
        context["structured_data"] = [
            *self.get_structured_data(),
            *(
                [structured_data.breadcrumb_list(self.request, crumbs)]
                if crumbs
                else []
            ),
        ]
        return context
