"""Acting as a visitor: read the form, solve the question, post."""

import re
from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from scripts.visitor import filled_form

# The question a page shows, by its key (tests that look at it directly).
KEY_RE = re.compile(r'name="question_key" value="([0-9a-f]{40})"')


def read_form(html: str) -> dict[str, str]:
    """Every field the reaction form sends (hidden ones, the empty honeypot,
    the issue time) and the solved question, as a visitor's browser sends
    them (scripts/visitor.py, the one form reader)."""
    return filled_form(html)


def reaction_data(html: str, **overrides) -> dict[str, str]:
    data = {
        **read_form(html),
        "name": "Ruud",
        "email": "ruud@example.nl",
        "text": "Is er al ervaring met online leren?",
    }
    data.update(overrides)
    return data


# Said to a script caught by the honeypot or the issue time, and nothing more.
REFUSED = "Uw reactie kon niet worden verwerkt"


def visitor(address="192.0.2.10") -> Client:
    """A browser from ``address``, with CSRF checks as a real one meets them."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def form_html(client, item) -> str:
    """The reaction page of ``item`` (its form and a fresh question)."""
    response = client.get(reply_url(item))
    assert response.status_code == 200
    return response.content.decode()


def post_reaction(client, url: str, **overrides):
    """GET the reaction page at ``url``, solve its question, POST."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, reaction_data(page.content.decode(), **overrides))


class _ThreadShape(HTMLParser):
    """Records, for each reaction anchor, how many <ol> elements enclose it."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.levels: dict[str, int] = {}
        self.order: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "ol":
            self.depth += 1
        element_id = dict(attrs).get("id") or ""
        if re.fullmatch(r"reactie-\d+", element_id):
            self.levels[element_id] = self.depth
            self.order.append(element_id)

    def handle_endtag(self, tag):
        if tag == "ol":
            self.depth -= 1


def thread_shape(html: str) -> tuple[list[str], dict[str, int]]:
    """Reaction anchors in page order, and their list nesting level (1 = top)."""
    start = html.index('<section class="reactions"')
    section = html[start : html.index("</section>", start)]
    parser = _ThreadShape()
    parser.feed(section)
    assert parser.depth == 0, "unbalanced <ol>"
    return parser.order, parser.levels


def reply_url(item, parent=None) -> str:
    """The reaction page of ``item``, replying to ``parent`` if given."""
    url = reverse("comments:reply", kwargs={"kind": item.item_kind, "pk": item.pk})
    return f"{url}?op={parent.pk}" if parent else url


SEEN_RE = re.compile(r'name="seen" value="([0-9a-f]+)"')


def redact_post(client, comment, **data):
    """Open ``comment``'s "shorten or redact" form, then send it with ``data``
    (the text, a reason), carrying the state the form showed."""
    url = reverse("admin:comments_comment_redact", args=[comment.pk])
    page = client.get(url).content.decode()
    return client.post(url, {"seen": seen_on(page), **data})


def moderation_post(client, comment, **data):
    """Open ``comment``'s admin page, then send its form with ``data`` (a
    note, a button), carrying the state the page showed as a browser would."""
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    page = client.get(url).content.decode()
    return client.post(url, {"seen": seen_on(page), **data})


def seen_on(page: str) -> str:
    """The state a reaction's admin page was shown with (its hidden field)."""
    match = SEEN_RE.search(page)
    assert match, "the reaction's page carries what the moderator saw"
    return match.group(1)
