"""A reader pages through a long thread and follows a mail's link, without
JavaScript: the pages are plain links, the short address lands on the
reaction, highlighted."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, make_thread

from .accessibility import assert_page_problems_free

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_without_javascript_pages_through_a_long_thread(page_without_js):
    page = page_without_js
    article = ArticleFactory(title="Een lange discussie")
    made = make_thread(article, 5 * 120)  # 120 threads: three pages of 50
    page.goto(article.get_absolute_url())
    expect(page.locator(".reactions__page")).to_have_text("Pagina 1 van 3")
    nav = page.get_by_role("navigation", name="Pagina's met reacties")
    nav.get_by_role("link", name="Volgende pagina").click()
    expect(page).to_have_url(re.compile(r"\?page=2#reacties$"))
    expect(page.locator(".reactions__page")).to_have_text("Pagina 2 van 3")
    first_on_2 = made[50 * 5]
    expect(page.locator(f"#reactie-{first_on_2.pk}")).to_be_visible()
    expect(page.locator(f"#reactie-{made[0].pk}")).to_have_count(0)
    nav.get_by_role("link", name="Pagina 3").click()
    expect(page).to_have_url(re.compile(r"\?page=3#reacties$"))
    expect(nav.get_by_role("link", name="Pagina 3")).to_have_attribute(
        "aria-current", "page"
    )
    nav.get_by_role("link", name="Vorige pagina").click()
    expect(page.locator(".reactions__page")).to_have_text("Pagina 2 van 3")
    assert_page_problems_free(page)


def test_a_mail_link_lands_on_the_reaction_on_a_later_page_highlighted(
    page_without_js,
):
    page = page_without_js
    article = ArticleFactory(title="Een lange discussie")
    made = make_thread(article, 5 * 60)
    target = made[-2]  # a reply on page 2
    page.goto(target.get_absolute_url())  # /reacties/<id>/, as in the mail
    expect(page).to_have_url(re.compile(rf"\?page=2#reactie-{target.pk}$"))
    reaction = page.locator(f"#reactie-{target.pk}")
    expect(reaction).to_be_in_viewport()
    outline = reaction.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "the target reaction is not highlighted"
    other = page.locator(f"#reactie-{made[-5].pk}")
    assert other.evaluate("el => getComputedStyle(el).outlineStyle") == "none"
