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


def _reaction_page() -> str:
    from comments.models import reply_url
    from tests.factories import ArticleFactory

    return reply_url(ArticleFactory())


def _unsubscribe_page() -> str:
    from django.urls import reverse

    from comments.notifications import unsubscribe_token
    from tests.comments.factories import CommentFactory
    from tests.factories import ArticleFactory

    comment = CommentFactory(article=ArticleFactory(), notify_replies=True)
    return reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)})


PAGE_TYPES = [
    PageType("home", "/"),
    PageType("reaction-form", _reaction_page),
    PageType("privacy", "/privacy/"),
    PageType("unsubscribe", _unsubscribe_page),
    PageType("404", "/deze-pagina-bestaat-niet/", status=404),
    PageType("admin-login", "/admin/login/", ours=False),
]
SITE_PAGE_TYPES = [page_type for page_type in PAGE_TYPES if page_type.ours]


def ids(page_types):
    return [page_type.name for page_type in page_types]
