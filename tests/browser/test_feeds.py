"""A feed opened in the browser is a readable Dutch page (core/feeds.py):
Chromium applies our XSLT (templates/feeds/feed.xsl), served from our origin
under the site's Content-Security-Policy."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.html_validation import assert_valid_html
from tests.page_types import DEMO_ARTICLE, DEMO_DOSSIER, demo_dossier_url, demo_site

from .accessibility import (
    assert_accessible,
    assert_headings_in_order,
    assert_landmarks,
    assert_lang_is_dutch,
    assert_one_h1,
    assert_page_problems_free,
)
from .xslt import set_banner_aside

pytestmark = pytest.mark.django_db(transaction=True)


def assert_readable_feed_page(page, title):
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name="Wat is een feed?")).to_be_visible()
    expect(page.locator(".feed-about__address code")).to_have_text(
        re.compile(r"^https?://.*/feeds/")
    )
    # The stylesheet of the site applies (CSP: style-src 'self').
    assert page.locator("main .wrap").evaluate(
        "el => getComputedStyle(el).maxWidth"
    ) not in ("", "none")
    set_banner_aside(page)  # Chromium's own, see tests/browser/xslt.py
    assert_accessible(page)
    for check in (assert_lang_is_dutch, assert_one_h1, assert_headings_in_order):
        check(page)
    assert_landmarks(page)
    assert_page_problems_free(page)


def test_the_articles_feed_opens_as_a_page_with_its_entries(page):
    demo_site()
    response = page.goto("/feeds/artikelen/")
    assert response.headers["content-type"].startswith("application/xml")
    assert_readable_feed_page(page, "Movisie: artikelen")
    entries = page.locator("ol.feed-entries > li")
    expect(entries).to_have_count(12)
    expect(entries.first.locator("time")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\d$")
    )
    flagship = page.get_by_role(
        "link",
        name=re.compile("Sociale innovatie werkt het best in een krachtig sociaal"),
    )
    expect(flagship).to_be_visible()
    expect(page.get_by_text("13 januari 2017")).to_be_visible()
    # What the browser made of the feed is valid HTML (the Nu checker reads
    # the DOM as Chromium serialises it; the banner was set aside above).
    html = page.evaluate('() => "<!DOCTYPE html>" + document.documentElement.outerHTML')
    assert_valid_html(html, "feed")
    # Entries link to the site's own domain (SITE_URL, see the feed tests).
    href = flagship.get_attribute("href")
    assert href.endswith("/artikelen/" + DEMO_ARTICLE + "/")
    page.goto(urlsplit(href).path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("ecosysteem")


def test_the_rss_twin_reads_the_same(page):
    demo_site()
    response = page.goto("/feeds/artikelen/rss/")
    assert response.headers["content-type"].startswith("application/xml")
    assert_readable_feed_page(page, "Movisie: artikelen")
    expect(page.locator("ol.feed-entries > li")).to_have_count(12)
    expect(page.get_by_text("13 januari 2017")).to_be_visible()


def test_a_reader_follows_a_dossier_from_its_page(page):
    page.goto(demo_dossier_url())
    # In the page's panel, under "Volg dit dossier".
    page.get_by_role("link", name="Updates van dit dossier (RSS)").click()
    expect(page).to_have_url(re.compile(rf"/feeds/dossiers/{DEMO_DOSSIER}/versies/$"))
    assert_readable_feed_page(
        page, "Movisie: nieuwe versies van het dossier Wat werkt bij sociale innovatie"
    )
    entries = page.locator("ol.feed-entries > li")
    expect(entries).to_have_count(3)
    # The newest version's entry leads to what changed in it.
    page.goto(urlsplit(entries.first.get_by_role("link").get_attribute("href")).path)
    expect(page.locator("main ins, main del").first).to_be_visible()
