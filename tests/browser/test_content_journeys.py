"""What the demo shows a reader: search that finds what they mean, and the
headline feature (what changed between versions) wherever it is linked."""

import re

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from tests.page_types import demo_site

pytestmark = pytest.mark.django_db(transaction=True)


def search(page, words):
    page.goto("/zoeken/")
    page.get_by_role("main").get_by_label("Zoeken naar").fill(words)
    page.get_by_role("main").get_by_label("Zoeken naar").press("Enter")
    expect(page.get_by_role("status")).to_be_visible()
    return page.locator(".search-result__title")


def test_search_puts_the_title_match_first_and_finds_articles_by_theme(page):
    demo_site()
    titles = search(page, "sociale innovatie")
    expect(titles.first).to_have_text("Wat werkt bij sociale innovatie")
    # The theme "Armoede en schulden" holds three articles; not all of them
    # say "armoede" in their own words.
    titles = search(page, "armoede")
    for title in (
        "Innovatielab zoekt nieuwe aanpak voor geldzorgen",
        "Vroeg signaleren van betalingsachterstanden",
        "Meedoen met weinig geld",
    ):
        expect(titles.filter(has_text=title)).to_have_count(1)
    result = page.locator(".search-result").filter(has_text="Vroeg signaleren")
    expect(result.locator(".search-result__meta")).to_contain_text(
        "Armoede en schulden"
    )
    result.get_by_role("link", name="Armoede en schulden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Armoede en schulden")


def test_every_comparison_link_in_the_demo_shows_words_inserted_or_deleted(page):
    demo_site()
    links = set()
    for dossier in Dossier.objects.published():
        for path in (
            dossier.get_absolute_url(),
            f"{dossier.get_absolute_url()}versies/",
        ):
            page.goto(path)
            found = page.get_by_role("link", name=re.compile("Wat is er veranderd"))
            links.update(
                found.nth(n).get_attribute("href") for n in range(found.count())
            )
    assert len(links) >= 3, links
    for link in sorted(links):
        page.goto(link)
        marked = page.locator("main ins, main del")
        expect(marked.first).to_be_visible()
        expect(page.get_by_text("niet worden vergeleken")).to_have_count(0)
