"""Every page type of the site, for the checks that run on all of them.

Adding a page type is one line in PAGE_TYPES. The browser tests
(tests/browser/test_page_types.py) then run axe-core and the structural
accessibility checks on it, and tests/site/test_valid_html.py validates its
HTML with the Nu Html Checker. ``url`` is a path, or a function that creates
what the page needs (it runs inside the test, with database access) and
returns the path, e.g.::

    PageType("dossier", lambda: DossierFactory().get_absolute_url()),
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    url: str | Callable[[], str]
    status: int = 200
    # Rendered with templates/base.html: the site-wide checks (skip link,
    # landmarks, valid HTML) apply. False for Django's admin pages.
    ours: bool = True

    def path(self) -> str:
        return self.url() if callable(self.url) else self.url


def _search_with_results():
    from tests.factories import ArticleFactory, DossierFactory, ThemeFactory

    theme = ThemeFactory(name="Sociale innovatie", slug="sociale-innovatie")
    DossierFactory(title="Wat werkt bij sociale innovatie", themes=[theme])
    for n in range(12):
        ArticleFactory(
            title=f"Innovatie in de wijk {n}",
            lead="Buurtbewoners & professionals bedenken samen iets nieuws.",
            body="<p>Over <strong>sociale innovaties</strong> in de praktijk.</p>",
            themes=[theme],
        )
    return "/zoeken/?q=innovatie"


def _search_with_suggestion():
    from tests.factories import DossierFactory

    DossierFactory(title="Wat werkt bij eenzaamheid")
    return "/zoeken/?q=eenzaamhied"


PAGE_TYPES = [
    PageType("home", "/"),
    PageType("search-results", _search_with_results),
    PageType("search-suggestion", _search_with_suggestion),
    PageType("404", "/deze-pagina-bestaat-niet/", status=404),
    PageType("admin-login", "/admin/login/", ours=False),
]
SITE_PAGE_TYPES = [page_type for page_type in PAGE_TYPES if page_type.ours]


def ids(page_types):
    return [page_type.name for page_type in page_types]
