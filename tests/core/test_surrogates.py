"""Every public page names what it shows, for the caching proxy's purges."""

import pytest

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DossierFactory,
    EditorFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def keys(response) -> set[str]:
    return set(response.headers.get("xkey", "").split())


def test_an_article_page_names_the_article_its_thread_themes_dossiers_and_authors(
    client,
):
    theme, dossier, author = ThemeFactory(), DossierFactory(), AuthorFactory()
    article = ArticleFactory(themes=[theme], dossiers=[dossier], authors=[author])
    CommentFactory(item=article)

    response = client.get(article.get_absolute_url())

    assert {
        f"article-{article.pk}",
        f"reactions-article-{article.pk}",
        f"theme-{theme.pk}",
        f"dossier-{dossier.pk}",
        f"author-{author.pk}",
        "articles",  # its related articles
    } <= keys(response)
    assert response.headers["Surrogate-Control"] == "max-age=86400"


def test_a_list_names_itself_and_every_card_with_its_count(client):
    shown = ArticleFactory()

    response = client.get("/artikelen/")

    assert {"articles", f"article-{shown.pk}", f"reactions-article-{shown.pk}"} <= (
        keys(response)
    )


def test_a_page_served_from_the_servers_own_cache_keeps_its_keys(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())  # from the reader-page cache
    assert keys(second) == keys(first) != set()


def test_a_dossier_page_names_the_dossier_and_its_thread(client):
    dossier = DossierFactory()
    response = client.get(dossier.get_absolute_url())
    assert {f"dossier-{dossier.pk}", f"reactions-dossier-{dossier.pk}"} <= keys(
        response
    )


def test_staff_pages_carry_no_keys_and_no_proxy_lifetime(client):
    article = ArticleFactory()
    client.force_login(EditorFactory())
    response = client.get(article.get_absolute_url())
    assert "xkey" not in response.headers
    assert "Surrogate-Control" not in response.headers


def test_the_reaction_form_carries_no_keys(client):
    article = ArticleFactory(reactions="open")
    response = client.get(f"/reacties/artikel/{article.pk}/formulier/")
    assert response.status_code == 200
    assert "xkey" not in response.headers
