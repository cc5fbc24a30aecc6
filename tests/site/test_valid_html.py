"""Every page type of our own templates is valid HTML (Nu Html Checker)."""

from html.parser import HTMLParser

import pytest

from tests.html_validation import assert_valid_html_documents
from tests.page_types import SITE_PAGE_TYPES


class _HiddenFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""


def hidden_fields(html: str) -> dict[str, str]:
    """What a browser sends of a form nobody filled in: its hidden fields
    (the CSRF token, the question key and whatever else the form carries)."""
    parser = _HiddenFields()
    parser.feed(html)
    return parser.fields


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client):
    documents = {}
    for page_type in SITE_PAGE_TYPES:
        if page_type.xslt:
            continue  # XML; the browser's page is checked in tests/browser
        path = page_type.path()
        response = client.get(path)
        if page_type.submit_empty_form:
            response = client.post(path, hidden_fields(response.content.decode()))
        assert response.status_code == page_type.status, page_type.name
        documents[page_type.name] = response.content.decode()
    # One Java run for all documents: the JVM start is the slow part.
    assert_valid_html_documents(documents)
