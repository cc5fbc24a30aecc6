import datetime as dt
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.publishing import Status
from dossiers.services import publish_dossier
from search import results
from search.models import Entry
from search.query import MAX_QUERY_LENGTH, clean_query, parse
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DossierFactory,
    EffectiveElementFactory,
    ReferenceFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    return re.findall(r'class="search-result__title"><a href="[^"]*">([^<]*)</a>', html)


def test_dutch_plural_finds_singular_and_back(client):
    ArticleFactory(title="Over sociale innovatie")
    ArticleFactory(title="Nieuwe interventies bij schulden")
    assert result_titles(search(client, q="innovaties")) == ["Over sociale innovatie"]
    assert result_titles(search(client, q="interventie")) == [
        "Nieuwe interventies bij schulden"
    ]


def test_accents_do_not_matter(client):
    ArticleFactory(title="Het café als ontmoetingsplek")
    ArticleFactory(title="Ideeën voor de wijk")
    assert result_titles(search(client, q="cafe")) == ["Het café als ontmoetingsplek"]
    assert result_titles(search(client, q="ideeen")) == ["Ideeën voor de wijk"]


def test_title_match_ranks_above_body_match(client):
    ArticleFactory(
        title="Schuldhulp in de buurt", body="<p>Over eenzaamheid bij ouderen.</p>"
    )
    ArticleFactory(title="Eenzaamheid aanpakken", body="<p>Wat gemeenten doen.</p>")
    assert result_titles(search(client, q="eenzaamheid")) == [
        "Eenzaamheid aanpakken",
        "Schuldhulp in de buurt",
    ]


def test_dossier_found_through_its_elements_and_references(client):
    dossier = DossierFactory(title="Wat werkt bij armoede")
    EffectiveElementFactory(
        dossier=dossier, title="Vroegsignalering van betaalachterstanden"
    )
    ReferenceFactory(dossier=dossier, title="Budgetcoaching onderzocht")
    publish(dossier)
    assert result_titles(search(client, q="betaalachterstanden")) == [
        "Wat werkt bij armoede"
    ]
    assert result_titles(search(client, q="budgetcoaching")) == [
        "Wat werkt bij armoede"
    ]


def test_dossier_vector_follows_deleted_element(client):
    dossier = DossierFactory(title="Wat werkt bij armoede")
    element = EffectiveElementFactory(dossier=dossier, title="Huisbezoeken")
    publish(dossier)
    assert result_titles(search(client, q="huisbezoeken"))
    element.delete()
    # Readers still read the element in the published version ...
    assert result_titles(search(client, q="huisbezoeken"))
    publish(dossier, note="Huisbezoeken geschrapt.")
    # ... until the next version is published.
    assert result_titles(search(client, q="huisbezoeken")) == []


def test_snippet_highlights_the_match_and_escapes_the_rest(client):
    ArticleFactory(
        title="Buurtwerk",
        lead="",
        body="<p>Vrijwilligers &amp; <b>buurtbewoners</b> helpen bij "
        "&lt;script&gt; eenzaamheid.</p>",
    )
    html = search(client, q="eenzaamheid")
    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', html).group(1)
    assert "<mark>eenzaamheid</mark>" in snippet
    assert "<b>" not in snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "Vrijwilligers &amp; " in snippet


def test_results_show_type_date_and_theme(client):
    theme = ThemeFactory(name="Armoede en schulden")
    ArticleFactory(title="Schulden voorkomen", themes=[theme])
    DossierFactory(title="Wat werkt bij schulden", themes=[theme])
    html = search(client, q="schulden")
    assert len(result_titles(html)) == 2
    assert "Dossier" in html
    assert "Artikel" in html
    assert html.count("Armoede en schulden") >= 2
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\d\">", html)
    # Kind · date · themes, the themes as links to their pages.
    metas = re.findall(r'<p class="meta search-result__meta">(.*?)</p>', html)
    assert len(metas) == 2
    for meta in metas:
        assert meta.count(" · ") == 2
        assert '<a href="/themas/' in meta


def test_filters_by_type_and_theme(client):
    poverty = ThemeFactory(name="Armoede", slug="armoede")
    other = ThemeFactory(name="Participatie", slug="participatie")
    ArticleFactory(title="Schulden en armoede", themes=[poverty])
    ArticleFactory(title="Schulden en meedoen", themes=[other])
    DossierFactory(title="Wat werkt bij schulden", themes=[poverty])
    assert result_titles(search(client, q="schulden", soort="dossier")) == [
        "Wat werkt bij schulden"
    ]
    assert sorted(result_titles(search(client, q="schulden", thema="armoede"))) == [
        "Schulden en armoede",
        "Wat werkt bij schulden",
    ]
    assert result_titles(
        search(client, q="schulden", thema="armoede", soort="artikel")
    ) == ["Schulden en armoede"]


def test_unknown_theme_is_not_found(client):
    response = client.get(reverse("search"), {"q": "schulden", "thema": "bestaat-niet"})
    assert response.status_code == 404


def test_unpublished_items_are_never_found(client):
    ArticleFactory(title="Schulden concept", draft=True)
    ArticleFactory(title="Schulden gepland", scheduled=True)
    DossierFactory(title="Wat werkt bij schulden (concept)", draft=True)
    ArticleFactory(title="Schulden gepubliceerd")
    assert result_titles(search(client, q="schulden")) == ["Schulden gepubliceerd"]


def test_web_search_syntax(client):
    ArticleFactory(title="Sociale innovatie in de wijk")
    ArticleFactory(title="Innovatie en armoede, sociale kant")
    ArticleFactory(title="Eenzaamheid onder jongeren")
    assert result_titles(search(client, q='"sociale innovatie"')) == [
        "Sociale innovatie in de wijk"
    ]
    assert result_titles(search(client, q="innovatie -armoede")) == [
        "Sociale innovatie in de wijk"
    ]
    assert len(result_titles(search(client, q="armoede OR jongeren"))) == 2


def test_pagination(client):
    for n in range(12):
        ArticleFactory(title=f"Schulden deel {n}")
    first = search(client, q="schulden")
    assert len(result_titles(first)) == 10
    assert "12 resultaten" in first
    assert len(result_titles(search(client, q="schulden", page="2"))) == 2
    assert len(result_titles(search(client, q="schulden", page="abc"))) == 10
    # Past the end: the last page.
    assert result_titles(search(client, q="schulden", page="99")) == result_titles(
        search(client, q="schulden", page="2")
    )


def test_typo_suggests_the_closest_title(client):
    DossierFactory(title="Wat werkt bij eenzaamheid")
    html = search(client, q="eenzaamhied")
    assert result_titles(html) == []
    assert "Bedoelde u" in html
    assert ">Wat werkt bij eenzaamheid</a>" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "de het een",
        "...!?",
        "'",
        "\\",
        "&|!",
        "\x00",
        "a\x00b",
        "-armoede",
        "(",
        ":*",
        "a" * 5000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
    ],
)
def test_odd_queries_give_a_friendly_page(client, query):
    ArticleFactory(title="Armoede in de wijk")
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert re.search(
        r"Typ een of meer woorden|alleen zeer algemene woorden|Er is niets gevonden",
        html,
    ), query


def test_query_is_cut_and_cleaned():
    assert clean_query("a\x00b\tc\u200bd") == "a b c d"
    assert len(clean_query("woord " * 100)) <= MAX_QUERY_LENGTH
    assert not parse("&|! ' \\ ()")
    assert not parse("-armoede")
    assert parse("innovaties").tsquery == "innovatie:*"


def test_search_page_has_a_labelled_search_form(client):
    html = search(client)
    assert 'role="search"' in html
    assert re.search(r'<label for="zoek-q">', html)
    assert 'id="zoek-q" name="q"' in html
    # The header's search form on every page; here it shows the query.
    assert 'id="site-zoeken" name="q"' in html


def test_search_uses_the_stored_vectors(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ArticleFactory(title="Schulden")
    DossierFactory(title="Wat werkt bij schulden")
    with CaptureQueriesContext(connection) as queries:
        assert len(result_titles(search(client, q="schulden"))) == 2
    # Vectors are stored and indexed: none is computed from text per request.
    assert not [q for q in queries.captured_queries if "to_tsvector" in q["sql"]]


@pytest.mark.parametrize("size", [3, 25])
def test_search_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    theme = ThemeFactory()
    for n in range(size):
        ArticleFactory(title=f"Schulden {n}", themes=[theme])
        dossier = DossierFactory(title=f"Wat werkt bij schulden {n}", themes=[theme])
        EffectiveElementFactory(dossier=dossier)
        publish(dossier)
    # Themes (form and filter), page and count, articles, dossiers.
    with django_assert_max_num_queries(4):
        html = search(client, q="schulden", thema=theme.slug)
    assert len(result_titles(html)) == min(10, 2 * size)


def test_search_sees_only_published_dossier_text(client):
    dossier = DossierFactory(title="Wat werkt bij armoede", summary="Kort.")
    dossier.summary = "Over bestaanszekerheid."
    dossier.title = "Wat werkt bij conceptarmoede"
    dossier.save()
    EffectiveElementFactory(dossier=dossier, title="Geheimhouding")
    # Words only in the draft are not found.
    for word in ("bestaanszekerheid", "conceptarmoede", "geheimhouding"):
        assert result_titles(search(client, q=word)) == [], word
    assert result_titles(search(client, q="armoede")) == ["Wat werkt bij armoede"]
    publish(dossier)
    assert result_titles(search(client, q="bestaanszekerheid")) == [
        "Wat werkt bij conceptarmoede"
    ]


def test_a_scheduled_version_reaches_the_search_at_its_moment(client, time_machine):
    dossier = DossierFactory(title="Wat werkt bij armoede")
    dossier.summary = "Over bestaanszekerheid."
    dossier.save()
    publish(dossier, at=timezone.now() + dt.timedelta(days=2))
    assert result_titles(search(client, q="bestaanszekerheid")) == []
    assert result_titles(search(client, q="armoede")) == ["Wat werkt bij armoede"]
    time_machine.move_to(timezone.now() + dt.timedelta(days=3))
    assert result_titles(search(client, q="bestaanszekerheid")) == [
        "Wat werkt bij armoede"
    ]
    # One result per dossier, before and after.
    assert result_titles(search(client, q="armoede")) == ["Wat werkt bij armoede"]


def test_article_edits_reach_the_search_at_once(client):
    article = ArticleFactory(title="Buurtwerk", body="<p>Over ontmoeting.</p>")
    assert result_titles(search(client, q="voedselbank")) == []
    # A bulk update skips save(); the database keeps the index current anyway.
    Article.objects.filter(pk=article.pk).update(body="<p>Een voedselbank.</p>")
    assert result_titles(search(client, q="voedselbank")) == ["Buurtwerk"]
    assert result_titles(search(client, q="ontmoeting")) == []


def test_publication_state_reaches_the_search_at_once(client):
    article = ArticleFactory(title="Schuldhulp in de wijk", draft=True)
    dossier = DossierFactory(title="Wat werkt bij schuldhulp", draft=True)
    assert result_titles(search(client, q="schuldhulp")) == []
    article.status = Status.PUBLISHED
    article.published_at = timezone.now()
    article.save()
    publish_dossier(dossier=dossier)
    assert sorted(result_titles(search(client, q="schuldhulp"))) == [
        "Schuldhulp in de wijk",
        "Wat werkt bij schuldhulp",
    ]
    article.status = Status.DRAFT
    article.save()
    assert result_titles(search(client, q="schuldhulp")) == ["Wat werkt bij schuldhulp"]


def test_deleted_items_leave_the_search(client):
    ArticleFactory(title="Schulden weg").delete()
    DossierFactory(title="Wat werkt bij schulden").delete()
    ArticleFactory(title="Schulden blijft")
    assert result_titles(search(client, q="schulden")) == ["Schulden blijft"]
    assert Entry.objects.count() == 1


def snippet_of(html):
    return re.search(r'<p class="search-result__snippet">(.*?)</p>', html).group(1)


def test_snippet_comes_from_deep_inside_a_long_text(client):
    filler = "<p>" + "Bewoners ontmoeten elkaar in het wijkcentrum. " * 400 + "</p>"
    ArticleFactory(
        title="Buurtwerk",
        lead="Over de wijk.",
        body=filler + "<p>Het <em>café</em> op de hoek helpt tegen eenzaamheid.</p>",
    )
    DossierFactory(
        title="Wat werkt bij ontmoeting",
        summary="Over ontmoeten.",
        definition=filler + "<p>Een buurtcafé of café maakt contact makkelijker.</p>",
    )
    html = search(client, q="cafe")
    snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html)
    assert len(snippets) == 2
    for snippet in snippets:
        assert "<mark>café</mark>" in snippet
        assert "<em>" not in snippet
        assert "<p>" not in snippet
        assert len(snippet) < 600
    assert "<mark>eenzaamheid</mark>" in snippet_of(search(client, q="Eenzaamheid"))


def test_snippet_of_a_title_only_match_is_the_beginning(client):
    ArticleFactory(
        title="Mantelzorg in cijfers", lead="Een overzicht.", body="<p>Tabellen.</p>"
    )
    assert snippet_of(search(client, q="mantelzorg")) == "Een overzicht. Tabellen."


def test_snippet_of_a_short_text_keeps_its_last_word(client):
    ArticleFactory(title="Mantelzorg", lead="", body="Hulp voor mantelzorgers")
    snippet = snippet_of(search(client, q="hulp"))
    assert snippet == "<mark>Hulp</mark> voor mantelzorgers"


def test_absurd_page_numbers_give_the_last_page(client):
    for n in range(12):
        ArticleFactory(title=f"Schulden deel {n}")
    last = result_titles(search(client, q="schulden", page="2"))
    for page in ("99999999999999999999999", "1" * 200, "0", "-5"):
        assert result_titles(search(client, q="schulden", page=page)) == last


def test_theme_changes_reach_the_search_at_once(client):
    poverty = ThemeFactory(name="Armoede", slug="armoede")
    youth = ThemeFactory(name="Jeugd", slug="jeugd")
    article = ArticleFactory(title="Schulden bij jongeren", themes=[poverty])
    dossier = DossierFactory(title="Wat werkt bij schulden", themes=[poverty])
    assert len(result_titles(search(client, q="schulden", thema="armoede"))) == 2
    article.themes.remove(poverty)
    article.themes.add(youth)
    dossier.themes.set([youth, poverty])
    publish(dossier)
    assert result_titles(search(client, q="schulden", thema="armoede")) == [
        "Wat werkt bij schulden"
    ]
    html = search(client, q="schulden", thema="jeugd")
    assert len(result_titles(html)) == 2
    themes = (
        '<a href="/themas/armoede/">Armoede</a>, <a href="/themas/jeugd/">Jeugd</a>'
    )
    assert themes in html
    youth.delete()
    assert result_titles(search(client, q="schulden", thema="armoede")) == [
        "Wat werkt bij schulden"
    ]
    assert Entry.objects.get(article=article).theme_ids == []


def test_snippet_finds_the_word_in_any_case_or_accent(client):
    filler = "<p>" + "Bewoners ontmoeten elkaar in het wijkcentrum. " * 100 + "</p>"
    ArticleFactory(title="Ontmoeten", lead="", body=filler + "<p>HET CAFÉ.</p>")
    ArticleFactory(title="Koffie", lead="", body=filler + "<p>Een cafe.</p>")
    for typed in ("cafe", "Café"):
        html = search(client, q=typed)
        snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html)
        assert sorted(re.findall(r"<mark>(.*?)</mark>", " ".join(snippets))) == [
            "CAFÉ",
            "cafe",
        ]


@pytest.mark.parametrize("char", ["\ue000", "\ue001"])
def test_private_use_characters_in_the_text_leave_the_snippet_balanced(client, char):
    """ts_headline marks matches with private-use characters; the same
    characters in an editor's text must not turn into <mark> or </mark>."""
    ArticleFactory(
        title="Buurtwerk",
        lead="",
        body=f"<p>Een{char} symbool voor{char}{char} eenzaamheid in de wijk.</p>",
    )
    html = search(client, q="eenzaamheid")
    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', html).group(1)
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1
    assert "<mark>eenzaamheid</mark>" in snippet
    assert char not in snippet


def test_a_title_that_is_the_query_ranks_first(client):
    """The issue's case: the dossier named after the query first, then a
    longer title holding both words, then a text that only mentions them."""
    ArticleFactory(
        title="Buurtcoöperaties in opkomst",
        lead="Sociale innovatie in de wijk.",
        body="<p>" + "Sociale innovatie en nog eens sociale innovatie. " * 20 + "</p>",
    )
    ArticleFactory(
        title="Sociale innovatie werkt het best in een krachtig sociaal ecosysteem",
        body="<p>" + "Over sociale innovatie. " * 10 + "</p>",
    )
    DossierFactory(
        title="Wat werkt bij sociale innovatie",
        summary="Nieuwe samenwerking rond vraagstukken.",
    )
    assert result_titles(search(client, q="sociale innovatie")) == [
        "Wat werkt bij sociale innovatie",
        "Sociale innovatie werkt het best in een krachtig sociaal ecosysteem",
        "Buurtcoöperaties in opkomst",
    ]
    # The exact title, typed in full, finds the same dossier first.
    assert result_titles(search(client, q="Wat werkt bij sociale innovatie"))[0] == (
        "Wat werkt bij sociale innovatie"
    )


def test_an_item_is_found_by_the_name_of_its_theme(client):
    poverty = ThemeFactory(name="Armoede en schulden", slug="armoede-en-schulden")
    ArticleFactory(title="Innovatielab zoekt een nieuwe aanpak", themes=[poverty])
    DossierFactory(title="Wat werkt bij geldzorgen", themes=[poverty])
    ArticleFactory(title="Eenzaamheid in de wijk")
    assert sorted(result_titles(search(client, q="armoede"))) == [
        "Innovatielab zoekt een nieuwe aanpak",
        "Wat werkt bij geldzorgen",
    ]


def test_the_text_outranks_the_theme_name(client):
    poverty = ThemeFactory(name="Armoede", slug="armoede")
    ArticleFactory(title="Innovatielab zoekt een nieuwe aanpak", themes=[poverty])
    ArticleFactory(title="Geldzorgen", body="<p>Armoede treft veel gezinnen.</p>")
    assert result_titles(search(client, q="armoede")) == [
        "Geldzorgen",
        "Innovatielab zoekt een nieuwe aanpak",
    ]


def test_an_item_is_found_by_the_name_of_its_author(client):
    author = AuthorFactory(name="Marieke van Dalen")
    contact = AuthorFactory(name="Youssef el Amrani")
    ArticleFactory(title="Buurtwerk", authors=[author])
    DossierFactory(title="Wat werkt bij ontmoeting", authors=[author])
    DossierFactory(title="Wat werkt bij eenzaamheid", contacts=[contact])
    ArticleFactory(title="Marktwerking")
    assert sorted(result_titles(search(client, q="van dalen"))) == [
        "Buurtwerk",
        "Wat werkt bij ontmoeting",
    ]
    assert result_titles(search(client, q="amrani")) == ["Wat werkt bij eenzaamheid"]


def test_renamed_themes_and_authors_reach_the_search_at_once(client):
    poverty = ThemeFactory(name="Armoede en schulden", slug="armoede-en-schulden")
    author = AuthorFactory(name="Marieke van Dalen")
    ArticleFactory(title="Innovatielab", themes=[poverty], authors=[author])
    DossierFactory(title="Wat werkt bij geldzorgen", themes=[poverty], authors=[author])
    poverty.name = "Bestaanszekerheid"
    poverty.save()
    author.name = "Marieke de Wit"
    author.save()
    for gone in ("armoede", "dalen"):
        assert result_titles(search(client, q=gone)) == [], gone
    for now in ("bestaanszekerheid", "de wit"):
        assert sorted(result_titles(search(client, q=now))) == [
            "Innovatielab",
            "Wat werkt bij geldzorgen",
        ], now
    # The item's own words are untouched by the names going in and out.
    assert sorted(result_titles(search(client, q="geldzorgen"))) == [
        "Wat werkt bij geldzorgen"
    ]
    assert result_titles(search(client, q="innovatielab")) == ["Innovatielab"]


def test_names_leave_the_search_with_the_link(client):
    poverty = ThemeFactory(name="Armoede", slug="armoede")
    author = AuthorFactory(name="Marieke van Dalen")
    article = ArticleFactory(title="Innovatielab", themes=[poverty], authors=[author])
    assert result_titles(search(client, q="armoede")) == ["Innovatielab"]
    article.themes.clear()
    article.author_credits.all().delete()
    assert result_titles(search(client, q="armoede")) == []
    assert result_titles(search(client, q="dalen")) == []
    # Edited text keeps the names of the links it still has.
    article.themes.add(poverty)
    article.body = "<p>Nieuwe tekst.</p>"
    article.save()
    assert result_titles(search(client, q="armoede")) == ["Innovatielab"]
    poverty.delete()
    assert result_titles(search(client, q="armoede")) == []


def test_a_word_in_nearly_every_item_ranks_a_bounded_number_and_estimates_the_rest(
    client, django_assert_max_num_queries, monkeypatch
):
    """Issue 24: "mensen" (9,885 matches on the benchmark data) ranked and
    counted every match. Now only the newest CANDIDATES and the title
    matches are ranked; the page says about how many there are, in a fixed
    number of queries, and an old item whose title matches still comes
    first."""
    monkeypatch.setattr(results, "CANDIDATES", 5)
    long_ago = timezone.now() - dt.timedelta(days=3650)
    ArticleFactory(title="Mensen maken de wijk", published_at=long_ago)
    for n in range(12):
        ArticleFactory(
            title=f"Buurtverhaal {n}",
            body="<p>Over mensen in de buurt.</p>",
            published_at=timezone.now() - dt.timedelta(days=n),
        )
    with connection.cursor() as cursor:  # statistics, as autovacuum keeps them
        cursor.execute("ANALYZE search_entry")
    # Themes, ranked page and count, the estimate, the articles.
    with django_assert_max_num_queries(4):
        html = search(client, q="mensen")
    titles = result_titles(html)
    assert titles[0] == "Mensen maken de wijk"
    assert sorted(titles[1:]) == sorted(f"Buurtverhaal {n}" for n in range(5))
    count = re.search(r'search__count" role="status">([^<]*)<', html).group(1)
    # The planner's estimate (near the truth on a real index; on a table of
    # thirteen rows only a lower bound): never fewer than were ranked.
    found = re.fullmatch(
        r"Ongeveer (\d+) resultaten voor “mensen”\. U ziet de 6 nieuwste, .*", count
    )
    assert found
    assert int(found.group(1)) >= 6
    assert 'rel="next"' not in html  # six ranked: one page


def test_a_rare_word_is_counted_exactly(client, monkeypatch):
    monkeypatch.setattr(results, "CANDIDATES", 5)
    for n in range(3):
        ArticleFactory(title=f"Buurtverhaal {n}", body="<p>Over mensen.</p>")
    count = re.search(
        r'search__count" role="status">([^<]*)<', search(client, q="mensen")
    )
    assert count.group(1) == "3 resultaten voor “mensen”"
