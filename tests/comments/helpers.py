"""Acting as a visitor: read the form, solve the question, post."""

import re
from html import unescape
from html.parser import HTMLParser

QUESTION_RE = re.compile(r'<span class="question">(\d+) \+ (\d+) =</span>')
KEY_RE = re.compile(r'name="question_key" value="([0-9a-f]{40})"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Inputs(HTMLParser):
    """The name/value pairs a browser would send for the <input>s on a page:
    hidden and text inputs (the empty honeypot too), checked checkboxes."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag != "input" or not name:
            return
        kind = attrs.get("type", "text")
        if kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self.fields[name] = attrs.get("value") or "on"
        elif kind not in {"submit", "button", "image", "file"}:
            self.fields[name] = attrs.get("value") or ""


def read_form(html: str) -> dict[str, str]:
    """Every input the form sends (hidden ones, the empty honeypot, the issue
    time) and the solved question, as a visitor's browser sends them."""
    parser = _Inputs()
    parser.feed(html)
    fields = dict(parser.fields)
    fields.pop("answer", None)  # typed by the visitor, below
    if match := CSRF_RE.search(html):
        fields["csrfmiddlewaretoken"] = unescape(match.group(1))
    if match := KEY_RE.search(html):
        fields["question_key"] = match.group(1)
    if match := QUESTION_RE.search(html):
        fields["answer"] = str(int(match.group(1)) + int(match.group(2)))
    if match := re.search(r'name="op" value="(\d*)"', html):
        fields["op"] = match.group(1)
    return fields


def reaction_data(html: str, **overrides) -> dict[str, str]:
    data = {
        **read_form(html),
        "name": "Ruud",
        "email": "ruud@example.nl",
        "text": "Is er al ervaring met online leren?",
    }
    data.update(overrides)
    return data


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
