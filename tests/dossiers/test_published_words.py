"""Wherever readers meet a dossier, they read its published version.

The dossier's own rows are the editors' draft: a title, summary, theme or
credit typed there reaches no list, card, feed, suggestion or profile page
until it is published, and then reaches all of them.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import reply_url
from dossiers.models import DossierAuthor
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DossierFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db

PUBLISHED_TITLE = "Wat werkt bij armoede"
PUBLISHED_SUMMARY = "Wat we weten over armoede en schulden."
DRAFT_TITLE = "Conceptitel voor de armoede"
DRAFT_SUMMARY = "Een samenvatting die alleen in het concept staat."


@pytest.fixture
def theme():
    return ThemeFactory(name="Armoede", slug="armoede")


@pytest.fixture
def author():
    return AuthorFactory(name="Sanne Verbeek", slug="sanne-verbeek")


@pytest.fixture
def dossier(theme, author):
    """Published with its title, summary, theme and author; then retitled,
    resummarised and moved to another theme in the draft, not published."""
    dossier = DossierFactory(
        title=PUBLISHED_TITLE,
        slug="armoede",
        summary=PUBLISHED_SUMMARY,
        themes=[theme],
        authors=[author],
        published_at=timezone.now() - dt.timedelta(days=30),
    )
    dossier.title = DRAFT_TITLE
    dossier.summary = DRAFT_SUMMARY
    dossier.save()
    return dossier


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def reader_pages(theme, author):
    return {
        "dossier list": reverse("dossiers:index"),
        "dossier list of the theme": reverse("dossiers:index") + "?thema=armoede",
        "theme page": theme.get_absolute_url(),
        "home page": reverse("home"),
        "author page": author.get_absolute_url(),
        "search": reverse("search") + "?q=armoede",
    }


def test_lists_cards_and_search_show_the_published_title_and_summary(
    client, dossier, theme, author
):
    for name, url in reader_pages(theme, author).items():
        html = body(client, url)
        assert PUBLISHED_TITLE in html, name
        assert DRAFT_TITLE not in html, name
        assert DRAFT_SUMMARY not in html, name
    assert PUBLISHED_SUMMARY in body(client, reverse("dossiers:index"))


def test_published_words_reach_every_list_once_published(
    client, dossier, theme, author
):
    publish(dossier, note="Nieuwe titel.")
    for name, url in reader_pages(theme, author).items():
        html = body(client, url)
        assert DRAFT_TITLE in html, name
        assert PUBLISHED_TITLE not in html, name
    assert DRAFT_SUMMARY in body(client, reverse("dossiers:index"))


def test_a_scheduled_version_renames_the_cards_at_its_moment(
    client, dossier, time_machine
):
    publish(dossier, note="Later.", at=timezone.now() + dt.timedelta(days=2))
    assert PUBLISHED_TITLE in body(client, reverse("dossiers:index"))
    time_machine.move_to(timezone.now() + dt.timedelta(days=3))
    html = body(client, reverse("dossiers:index"))
    assert DRAFT_TITLE in html
    assert PUBLISHED_TITLE not in html


def test_feeds_name_the_dossier_by_its_published_title(client, dossier):
    updated = body(client, reverse("feeds:revisions"))
    articles = body(client, reverse("feeds:dossier", args=[dossier.slug]))
    for feed in (updated, articles):
        assert PUBLISHED_TITLE in feed
        assert DRAFT_TITLE not in feed


def test_article_pages_name_the_dossier_by_its_published_title(client, dossier):
    article = ArticleFactory(title="Een artikel", dossiers=[dossier])
    detail = body(client, article.get_absolute_url())
    listing = body(client, reverse("articles:index") + "?dossier=armoede")
    for html in (detail, listing):
        assert PUBLISHED_TITLE in html
        assert DRAFT_TITLE not in html


def test_reaction_pages_name_the_dossier_by_its_published_title(client, dossier):
    received = reverse("comments:received", args=["dossier", dossier.pk])
    for url in (reply_url(dossier), received):
        html = body(client, url)
        assert PUBLISHED_TITLE in html, url
        assert DRAFT_TITLE not in html, url


def test_a_typo_suggests_the_published_title_never_the_drafts(client, dossier):
    html = body(client, reverse("search") + "?q=conseptitel")
    assert "Bedoelde u" not in html  # the word is only in the draft's title
    html = body(client, reverse("search") + "?q=armoeed")
    assert f">{PUBLISHED_TITLE}</a>" in html
    assert DRAFT_TITLE not in html


def test_a_theme_changed_in_the_draft_moves_the_dossier_when_published(
    client, dossier, theme
):
    other = ThemeFactory(name="Schulden", slug="schulden")
    dossier.themes.set([other])
    for url in (
        other.get_absolute_url(),
        reverse("dossiers:index") + "?thema=schulden",
    ):
        assert PUBLISHED_TITLE not in body(client, url)
    for url in (theme.get_absolute_url(), reverse("dossiers:index") + "?thema=armoede"):
        assert PUBLISHED_TITLE in body(client, url)

    publish(dossier, note="Ander thema.")
    for url in (
        other.get_absolute_url(),
        reverse("dossiers:index") + "?thema=schulden",
    ):
        assert DRAFT_TITLE in body(client, url)
    for url in (theme.get_absolute_url(), reverse("dossiers:index") + "?thema=armoede"):
        assert DRAFT_TITLE not in body(client, url)


def test_an_author_page_lists_the_dossiers_the_published_version_credits(
    client, dossier, author
):
    newcomer = AuthorFactory(name="Piet de Vries", slug="piet-de-vries")
    ArticleFactory(title="Ander werk", authors=[newcomer])  # a public page
    DossierAuthor.objects.filter(dossier=dossier).delete()
    DossierAuthor.objects.create(dossier=dossier, author=newcomer)
    # Credited only in the draft: not yet; credited in the published version:
    # still, although the draft took the credit away.
    assert PUBLISHED_TITLE not in body(client, newcomer.get_absolute_url())
    assert PUBLISHED_TITLE in body(client, author.get_absolute_url())

    publish(dossier, note="Andere auteur.")
    assert DRAFT_TITLE in body(client, newcomer.get_absolute_url())
    assert client.get(author.get_absolute_url()).status_code == 404  # no work left


def test_the_lists_cost_the_same_queries_at_2_and_20_dossiers(client, theme):
    def queries(n):
        for i in range(n):
            dossier = DossierFactory(themes=[theme])
            dossier.title = f"Concept {i}"
            dossier.save()
        with CaptureQueriesContext(connection) as captured:
            body(client, theme.get_absolute_url())
            body(client, reverse("dossiers:index"))
        return len(captured)

    assert queries(2) == queries(18)
