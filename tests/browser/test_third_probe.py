"""What a third independent probe saw in a phone's browser (issue 26)."""

import pytest

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_long_unbroken_name_stays_inside_the_thread_at_375_px(page):
    article = ArticleFactory(title="Een draad op een telefoon")
    CommentFactory(item=article, name="W" * 100, text="Een korte reactie.")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(article.get_absolute_url())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide"
