"""Valid HTML after JavaScript has changed the page.

tests/site/test_valid_html.py validates every page type as the server sends
it. Here the script has inserted the reaction form (for a reaction and for a
reply) into the article page; the document as the browser then holds it must
still be valid (no duplicate ids, no form nested in a form). All documents go
to the Nu Html Checker in one Java run.
"""

import pytest

from tests.html_validation import assert_valid_html_documents
from tests.page_types import demo_article

from .visitor import reaction_form, reactions

pytestmark = pytest.mark.django_db(transaction=True)


def test_article_page_with_the_form_opened_in_place_is_valid_html(page):
    documents = {}
    page.goto(demo_article().get_absolute_url())
    documents["article as loaded"] = page.content()

    reactions(page).get_by_role("link", name="Schrijf een reactie").click()
    reaction_form(page)
    documents["article with the reaction form"] = page.content()

    reactions(page).locator("a.reaction__reply").first.click()
    reaction_form(page).get_by_text("U reageert op").wait_for()
    documents["article with a reply form"] = page.content()

    assert_valid_html_documents(documents)
