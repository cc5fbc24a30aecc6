"""Every page type of our own templates is valid HTML (Nu Html Checker)."""

import pytest

from tests.comments.helpers import read_form
from tests.html_validation import assert_valid_html_documents
from tests.page_types import SITE_PAGE_TYPES


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client):
    documents = {}
    for page_type in SITE_PAGE_TYPES:
        path = page_type.path()
        response = client.get(path)
        if page_type.submit_empty_form:
            # Only what the browser sends on its own: token and hidden fields.
            hidden = read_form(response.content.decode())
            hidden.pop("answer", None)
            response = client.post(path, hidden)
        assert response.status_code == page_type.status, page_type.name
        documents[page_type.name] = response.content.decode()
    # One Java run for all documents: the JVM start is the slow part.
    assert_valid_html_documents(documents)
