# ruff: noqa: RUF001 -- Dutch text uses typographic single quotes on purpose.
"""The article page's one query, compiled once per process
(articles/reading.py, core/compiled.py): what it reads follows the clock and
the reader, not the moment or the reader it was compiled for."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.reading import ARTICLE_PAGE
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DossierFactory,
    EditorFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # The read itself, not the rendered page kept for 60 s.
    settings.READER_PAGE_CACHE_SECONDS = 0


def _aside(html: str) -> str:
    return html.split('id="over-dit-artikel"', 1)[1].split("</aside>", 1)[0]


def test_the_page_shows_its_themes_dossiers_and_authors_in_order(client):
    article = ArticleFactory(
        title="Samen sterker",
        themes=[ThemeFactory(name="Wonen"), ThemeFactory(name="Armoede")],
        dossiers=[
            DossierFactory(title="Wat werkt bij wonen"),
            DossierFactory(title="Wat werkt bij armoede"),
        ],
        authors=[
            AuthorFactory(name="Zeger Alberts", slug="zeger-alberts"),
            AuthorFactory(name="Anna Zwart", slug="anna-zwart"),
        ],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    aside = _aside(html)
    assert aside.index(">Armoede</a>") < aside.index(">Wonen</a>")
    assert aside.index("‘Wat werkt bij armoede’") < aside.index("‘Wat werkt bij wonen’")
    # Credited order, not the alphabet.
    assert (
        'Door <a href="/auteurs/zeger-alberts/">Zeger Alberts</a> en '
        '<a href="/auteurs/anna-zwart/">Anna Zwart</a>'
    ) in html


def test_a_scheduled_article_and_a_dossiers_next_title_arrive_with_the_clock(
    client, time_machine
):
    """The moment "now" is a value of each request, not of the moment the
    query was compiled: the same process shows what became visible since."""
    time_machine.move_to(timezone.now())
    dossier = DossierFactory(title="Wat werkt bij eenzaamheid")
    dossier.title = "Wat werkt tegen eenzaamheid"
    dossier.save()
    publish(dossier, at=timezone.now() + dt.timedelta(days=1))
    shown = ArticleFactory(title="Al te lezen", dossiers=[dossier])
    later = ArticleFactory(
        title="Nog niet te lezen",
        published_at=timezone.now() + dt.timedelta(days=2),
    )
    aside = _aside(client.get(shown.get_absolute_url()).content.decode())
    assert "‘Wat werkt bij eenzaamheid’" in aside
    assert client.get(later.get_absolute_url()).status_code == 404

    time_machine.move_to(timezone.now() + dt.timedelta(days=1, hours=1))
    aside = _aside(client.get(shown.get_absolute_url()).content.decode())
    assert "‘Wat werkt tegen eenzaamheid’" in aside
    assert client.get(later.get_absolute_url()).status_code == 404

    time_machine.move_to(timezone.now() + dt.timedelta(days=1))
    assert client.get(later.get_absolute_url()).status_code == 200


def test_editors_and_readers_in_turn_each_see_their_own_page(client):
    editor_client = Client()
    editor_client.force_login(EditorFactory())
    draft_dossier = DossierFactory(title="Dossier in de maak", draft=True)
    draft = ArticleFactory(title="Concept", draft=True, dossiers=[draft_dossier])
    public = ArticleFactory(title="Openbaar", dossiers=[draft_dossier])
    for _ in range(2):  # each variant compiled once, then reused
        assert client.get(draft.get_absolute_url()).status_code == 404
        preview = editor_client.get(draft.get_absolute_url()).content.decode()
        assert "‘Dossier in de maak’" in _aside(preview)
        html = client.get(public.get_absolute_url()).content.decode()
        assert "Dossier in de maak" not in html


def test_the_article_and_its_relations_are_one_query(client):
    article = ArticleFactory(
        themes=[ThemeFactory()], dossiers=[DossierFactory()], authors=[AuthorFactory()]
    )
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    reads = [q["sql"] for q in queries if '"articles_articleauthor"' in q["sql"]]
    assert len(reads) == 1  # the credits, read inside the article's own query
    assert '"dossiers_theme"' in reads[0]
    assert '"dossiers_dossier"' in reads[0]
    assert sum('"dossiers_theme"' in q["sql"] for q in queries) == 1


def test_a_compiled_query_is_built_once_per_variant():
    built = []
    original = ARTICLE_PAGE._build

    def counting(variant):
        built.append(variant)
        return original(variant)

    ARTICLE_PAGE.clear()
    ARTICLE_PAGE._build = counting
    try:
        article = ArticleFactory()
        for _ in range(3):
            for editor in (False, True):
                rows = ARTICLE_PAGE.raw(editor, slug=article.slug, now=timezone.now())
                assert [row.pk for row in rows] == [article.pk]
    finally:
        ARTICLE_PAGE._build = original
    assert sorted(built) == [False, True]
