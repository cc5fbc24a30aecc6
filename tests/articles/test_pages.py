# ruff: noqa: RUF001 -- Dutch text uses typographic single quotes on purpose.
"""The article index and article page as a reader sees them."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DossierFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_article_index_is_newest_first_and_paginated(client):
    now = timezone.now()
    for day in range(14):
        ArticleFactory(
            title=f"Artikel van dag {day:02d}",
            published_at=now - dt.timedelta(days=day + 1),
        )
    first = client.get("/artikelen/").content.decode()
    assert first.index("dag 00") < first.index("dag 01")
    assert "dag 11" in first  # twelve a page
    assert "dag 12" not in first
    assert "14 artikelen" in first
    assert 'href="?page=2" rel="next"' in first
    second = client.get("/artikelen/?page=2").content.decode()
    assert "dag 12" in second
    assert "dag 13" in second
    assert "dag 00" not in second
    assert '<link rel="canonical" href="http://testserver/artikelen/?page=2">' in second


def test_article_index_filters_by_theme_and_dossier(client):
    theme = ThemeFactory(slug="armoede", name="Armoede")
    dossier = DossierFactory(slug="wat-werkt-bij-schulden")
    ArticleFactory(title="Thema-artikel", themes=[theme])
    ArticleFactory(title="Dossierartikel", dossiers=[dossier])
    ArticleFactory(title="Beide", themes=[theme], dossiers=[dossier])
    by_theme = client.get("/artikelen/?thema=armoede").content.decode()
    assert "Thema-artikel" in by_theme
    assert "Beide" in by_theme
    assert "Dossierartikel" not in by_theme
    assert '<option value="armoede" selected>Armoede</option>' in by_theme
    both = client.get(
        "/artikelen/?thema=armoede&dossier=wat-werkt-bij-schulden"
    ).content.decode()
    assert "Beide" in both
    assert "Thema-artikel" not in both
    assert "Dossierartikel" not in both
    assert '<option value="wat-werkt-bij-schulden" selected>' in both


def test_dossier_filter_lists_published_dossiers_escaped_with_choice_kept(client):
    DossierFactory(slug="armoede", title="Armoede & <schulden>")
    DossierFactory(slug="eenzaamheid", title="Eenzaamheid")
    DossierFactory(slug="concept", title="Nog een concept", draft=True)
    page = client.get("/artikelen/?dossier=eenzaamheid").content.decode()
    assert (
        '<option value="armoede">Armoede &amp; &lt;schulden&gt;</option>'
        '<option value="eenzaamheid" selected>Eenzaamheid</option>'
    ) in page
    assert "Nog een concept" not in page
    assert page.count(" selected>") == 1


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("page=abc", "Pagina 1 van 2"),
        ("page=", "Pagina 1 van 2"),
        ("page=-1", "Pagina 2 van 2"),
        ("page=999999", "Pagina 2 van 2"),
        ("page=99999999999999999999999", "Pagina 2 van 2"),
        ("page=1.5", "Pagina 1 van 2"),
        ("page=%00", "Pagina 1 van 2"),
    ],
)
def test_bad_page_numbers_show_the_nearest_page(client, query, expected_page):
    ArticleFactory.create_batch(13)  # two pages of twelve
    response = client.get(f"/artikelen/?{query}")
    assert response.status_code == 200
    assert expected_page in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "thema=bestaat-niet",
        "dossier=bestaat-niet",
        "thema=%00",
        "dossier=%27%3B--",
        "thema=" + "x" * 300,
    ],
)
def test_unknown_filters_give_a_404_not_a_500(client, query):
    response = client.get(f"/artikelen/?{query}")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_draft_dossier_cannot_be_used_as_filter(client):
    DossierFactory(slug="geheim", draft=True)
    assert client.get("/artikelen/?dossier=geheim").status_code == 404


def test_an_empty_index_says_so(client):
    body = client.get("/artikelen/").content.decode()
    assert "Er zijn geen artikelen die bij deze keuze passen." in body


def test_article_page_shows_lead_body_dossier_link_and_related(client):
    theme = ThemeFactory(name="Participatie", slug="participatie")
    dossier = DossierFactory(title="Wat werkt bij meedoen")
    article = ArticleFactory(
        title="Hoofdartikel",
        lead="Een pakkende inleiding.",
        body="<p>De <strong>tekst</strong>.</p>",
        authors=[AuthorFactory(name="Sanne Verbeek", slug="sanne-verbeek")],
        kind="interview",
        published_at=timezone.make_aware(dt.datetime(2017, 1, 13, 10)),
        themes=[theme],
        dossiers=[dossier],
    )
    ArticleFactory(title="Zelfde dossier", dossiers=[dossier])
    ArticleFactory(title="Zelfde thema", themes=[theme])
    ArticleFactory(title="Niets gemeen")
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Interview</span> · <time" in body
    assert "13 januari 2017</time>" in body
    assert '<p class="lead">Een pakkende inleiding.</p>' in body
    assert "<p>De <strong>tekst</strong>.</p>" in body
    assert 'Door <a href="/auteurs/sanne-verbeek/">Sanne Verbeek</a>' in body
    assert (
        f'<a href="{dossier.get_absolute_url()}">'
        "Terug naar het dossier ‘Wat werkt bij meedoen’</a>"
    ) in body
    related = body.split('id="gerelateerd"', 1)[1]
    assert "Zelfde dossier" in related
    assert "Zelfde thema" in related
    assert "Niets gemeen" not in related
    assert "Hoofdartikel" not in related
    assert '<meta name="description" content="Een pakkende inleiding.">' in body


def test_article_links_its_dossiers_by_their_published_titles_in_order(client):
    # Editors renamed both drafts, unpublished: readers still see the titles
    # of the published versions, and in their alphabetical order.
    later = DossierFactory(title="Wat werkt bij wonen")
    earlier = DossierFactory(title="Wat werkt bij armoede")
    for dossier in (later, earlier):
        dossier.title = "Conceptnaam in bewerking"
        dossier.save()
    article = ArticleFactory(dossiers=[later, earlier])
    body = client.get(article.get_absolute_url()).content.decode()
    links = body.split('id="hoort-bij"', 1)[1].split("</aside>", 1)[0]
    assert "Conceptnaam" not in links
    assert links.index("‘Wat werkt bij armoede’") < links.index("‘Wat werkt bij wonen’")


def test_article_page_carries_the_reactions_include_with_the_article(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert "comments/_reactions.html" in [t.name for t in response.templates]
    assert response.context["article"] == article


def test_header_marks_the_current_section(client):
    body = client.get("/artikelen/").content.decode()
    link = '<a class="main-nav__link" href="{}"{}>{}</a>'
    assert link.format("/artikelen/", ' aria-current="page"', "Artikelen") in body
    assert link.format("/dossiers/", "", "Dossiers") in body
    home = client.get("/").content.decode()
    assert 'aria-current="page"><img src="/static/img/logo.svg" alt="Movisie' in home


def test_image_needs_alternative_text():
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    article = ArticleFactory.build(image="artikelen/foto.jpg", image_alt="")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "image_alt" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()
