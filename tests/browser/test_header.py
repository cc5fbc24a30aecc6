"""The header every page shares: its search field and, on a phone, its menu."""

import re

import pytest
from playwright.sync_api import expect

from tests.page_types import SITE_PAGE_TYPES, demo_site, ids

from .test_page_types import open_page_type

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES))
def test_the_header_search_finds_from_every_page_type(page, page_type):
    # The PDF page type renders a PDF (WeasyPrint) before it answers: on a
    # busy machine that takes longer than the fixture's 5 s.
    page.set_default_navigation_timeout(30_000)
    open_page_type(page, page_type)
    demo_site()
    search = page.locator("header").get_by_role("search")
    search.get_by_role("searchbox", name="Zoeken naar").fill("eenzaamheid")
    with page.expect_navigation():
        search.get_by_role("button", name="Zoeken").click()
    assert re.search(r"/zoeken/\?q=eenzaamheid$", page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    results = page.locator("main").get_by_role("link", name=re.compile("eenzaamheid"))
    expect(results.first).to_be_visible()
    # The header keeps what was searched for.
    expect(
        page.locator("header").get_by_role("searchbox", name="Zoeken naar")
    ).to_have_value("eenzaamheid")


def test_the_menu_works_on_a_phone_without_javascript(page_without_js):
    page = page_without_js
    demo_site()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    header = page.locator("header")
    themes = header.get_by_role("link", name="Thema's")
    expect(themes).to_be_hidden()
    header.get_by_text("Menu", exact=True).click()
    expect(themes).to_be_visible()
    for name in ["Dossiers", "Artikelen", "Over ons", "Contact"]:
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    themes.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thema's")
    header.get_by_text("Menu", exact=True).click()
    expect(themes).to_have_attribute("aria-current", "page")


def test_the_desktop_bar_marks_the_current_section(page):
    demo_site()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/dossiers/")
    page.get_by_role("link", name="Wat werkt bij sociale innovatie").first.click()
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    expect(nav.get_by_role("link", name="Dossiers")).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
