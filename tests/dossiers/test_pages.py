"""What a reader sees on dossier, theme and index pages."""

import datetime as dt
import re

import pytest

from tests.factories import (
    ArticleFactory,
    DossierFactory,
    EffectiveElementFactory,
    GoodExampleFactory,
    ReferenceFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_dossier():
    dossier = DossierFactory(
        title="Wat werkt bij proeven",
        definition="<p>Definitietekst</p>",
        facts_and_figures="<p>Cijfertekst</p>",
        policy="<p>Beleidstekst</p>",
        trends="<p>Trendtekst</p>",
        current_debates="<p>Discussietekst</p>",
        promising_approaches="<p>Aanpaktekst</p>",
    )
    EffectiveElementFactory(dossier=dossier, title="Bewezen element", position=1)
    EffectiveElementFactory(
        dossier=dossier, title="Vermoed element", presumed=True, position=2
    )
    GoodExampleFactory(
        dossier=dossier,
        name="Buurtbord",
        organisation="Buurtbord BV",
        url="https://example.org/buurtbord",
    )
    ReferenceFactory(
        dossier=dossier,
        authors="Jansen, P., & De Vries, M.",
        year=2019,
        title="Werkt het?",
        source="Tijdschrift X, 3(2), 10-20",
        doi="https://doi.org/10.1000/abc",
    )
    ReferenceFactory(
        dossier=dossier, authors="Bakker, L.", year=None, title="Een rapport", source=""
    )
    publish(dossier, note="Cijfers bijgewerkt.")
    return dossier


def test_dossier_page_has_a_table_of_contents_pointing_at_each_section(
    client, full_dossier
):
    body = client.get(full_dossier.get_absolute_url()).content.decode()
    toc = body.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    expected = [
        "definitie",
        "feiten-en-cijfers",
        "beleid",
        "trends",
        "actuele-discussies",
        "werkzame-elementen",
        "veelbelovende-aanpakken",
        "goede-voorbeelden",
        "literatuur",
        "wijzigingen",
    ]
    assert anchors == expected
    # Every anchor exists once on the page, in the same order.
    positions = [body.index(f'id="{anchor}"') for anchor in expected]
    assert positions == sorted(positions)
    for anchor in expected:
        assert body.count(f'id="{anchor}"') == 1


def test_empty_sections_are_left_out(client):
    dossier = DossierFactory(definition="<p>Alleen dit</p>", policy="")
    body = client.get(dossier.get_absolute_url()).content.decode()
    assert 'id="definitie"' in body
    assert 'id="beleid"' not in body
    assert 'href="#beleid"' not in body


def test_presumed_elements_are_marked(client, full_dossier):
    body = client.get(full_dossier.get_absolute_url()).content.decode()
    presumed = body.split("Vermoed element", 1)[1].split("</h3>", 1)[0]
    assert "verondersteld" in presumed
    proven = body.split("Bewezen element", 1)[1].split("</h3>", 1)[0]
    assert "verondersteld" not in proven


def test_references_use_one_citation_style(client, full_dossier):
    body = client.get(full_dossier.get_absolute_url()).content.decode()
    assert (
        "Jansen, P., &amp; De Vries, M. (2019). <cite>Werkt het?</cite> "
        "Tijdschrift X, 3(2), 10-20. "
        '<a href="https://doi.org/10.1000/abc">https://doi.org/10.1000/abc</a>'
    ) in body
    assert "Bakker, L. (z.j.). <cite>Een rapport</cite>." in body


def test_good_examples_show_name_organisation_and_link(client, full_dossier):
    body = client.get(full_dossier.get_absolute_url()).content.decode()
    assert "Buurtbord BV" in body
    assert '<a href="https://example.org/buurtbord">Meer over Buurtbord</a>' in body


def test_dossier_shows_first_publication_last_update_and_revision_log(client):
    from django.utils import timezone

    published = timezone.make_aware(dt.datetime(2017, 1, 12, 9))
    dossier = DossierFactory(published_at=published)
    publish(
        dossier,
        note="Cijfers bijgewerkt.",
        at=timezone.make_aware(dt.datetime(2024, 3, 5, 10)),
    )
    body = client.get(dossier.get_absolute_url()).content.decode()
    assert "Eerst gepubliceerd" in body
    assert "12 januari 2017" in body
    assert re.search(
        r"versie 2, bijgewerkt op <time[^>]*>5 maart 2024</time></a>", body
    )
    assert "5 maart 2024</time>: Cijfers bijgewerkt." in body


def test_dossier_page_lists_its_published_articles(client):
    dossier = DossierFactory()
    ArticleFactory(title="Hoort erbij", dossiers=[dossier])
    ArticleFactory(title="Hoort er niet bij")
    body = client.get(dossier.get_absolute_url()).content.decode()
    assert "Hoort erbij" in body
    assert "Hoort er niet bij" not in body
    assert f'href="/artikelen/?dossier={dossier.slug}"' in body


def test_dossier_page_carries_the_reactions_include(client, full_dossier):
    template_names = [
        t.name for t in client.get(full_dossier.get_absolute_url()).templates
    ]
    assert "comments/_reactions.html" in template_names


def test_dossier_index_filters_by_theme(client):
    theme = ThemeFactory(name="Armoede", slug="armoede")
    DossierFactory(title="Over armoede", themes=[theme])
    DossierFactory(title="Over iets anders")
    body = client.get("/dossiers/?thema=armoede").content.decode()
    assert "Over armoede" in body
    assert "Over iets anders" not in body
    assert (
        '<link rel="canonical" href="http://testserver/dossiers/?thema=armoede">'
        in body
    )
    everything = client.get("/dossiers/").content.decode()
    assert "Over iets anders" in everything


def test_theme_page_shows_its_dossiers_and_articles(client):
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    DossierFactory(title="Dossier eenzaamheid", themes=[theme])
    ArticleFactory(title="Artikel eenzaamheid", themes=[theme])
    ArticleFactory(title="Ander artikel")
    body = client.get("/themas/eenzaamheid/").content.decode()
    assert "<h1>Eenzaamheid</h1>" in body
    assert "Dossier eenzaamheid" in body
    assert "Artikel eenzaamheid" in body
    assert "Ander artikel" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/dossiers/bestaat-niet/",
        "/themas/bestaat-niet/",
        "/dossiers/?thema=bestaat-niet",
        "/dossiers/?thema=%00%27%22",
    ],
)
def test_unknown_slugs_give_the_dutch_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_dossier_meta_tags(client, full_dossier):
    body = client.get(full_dossier.get_absolute_url()).content.decode()
    assert "<title>Wat werkt bij proeven | Movisie</title>" in body
    assert '<meta name="description" content="Een korte samenvatting' in body
    assert '<meta property="og:type" content="article">' in body
    url = f"http://testserver{full_dossier.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert 'aria-current="true">Dossiers</a>' in body
    assert '<li aria-current="page">Wat werkt bij proeven</li>' in body
