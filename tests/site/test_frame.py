"""The page frame (header and footer) is rendered once per section and kept
(core/templatetags/chrome.py): every page must still show its own section
marked, and the search page the words searched for."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def current_links(html: str) -> list[str]:
    return [
        part.split(">", 1)[1].split("<", 1)[0]
        for part in html.split('class="main-nav__link"')[1:]
        if "aria-current" in part.split(">", 1)[0]
    ]


def test_each_section_keeps_its_own_mark_in_the_navigation(client):
    article = ArticleFactory()
    for _ in range(2):  # the second round comes from the kept frames
        articles = client.get("/artikelen/").content.decode()
        page = client.get(article.get_absolute_url()).content.decode()
        dossiers = client.get("/dossiers/").content.decode()
        home = client.get("/").content.decode()
        # Twice each: the bar and the phone menu.
        assert current_links(articles) == ["Artikelen", "Artikelen"]
        assert current_links(page) == ["Artikelen", "Artikelen"]
        assert current_links(dossiers) == ["Dossiers", "Dossiers"]
        assert current_links(home) == []
        assert 'class="site-logo" href="/" aria-current="page"' in home
        assert 'aria-current="page"' not in page.split('class="site-logo"')[1][:40]


def test_the_search_field_shows_what_each_visitor_searched_for(client):
    first = client.get("/zoeken/", {"q": "eenzaamheid"}).content.decode()
    second = client.get("/zoeken/", {"q": "schulden"}).content.decode()
    assert 'name="q" maxlength="200"' in first
    assert 'value="eenzaamheid"' in first
    assert 'value="schulden"' in second
    assert "eenzaamheid" not in second


def test_the_footer_is_on_every_page(client):
    article = ArticleFactory()
    for url in ("/", "/artikelen/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert html.count('<footer class="site-footer">') == 1
        assert "Toegankelijkheidsverklaring" in html
