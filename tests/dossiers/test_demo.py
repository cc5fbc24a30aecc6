"""The demo content ``make run`` loads, and every page type rendering it."""

import io
import itertools
import re

import pytest
from django.core.management import call_command

from articles.models import Article
from dossiers.models import Dossier, DossierVersion, Reference, Theme

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "themes": list(Theme.objects.values_list("pk", "name", "description")),
        "dossiers": list(Dossier.objects.values_list("pk", "title", "updated_at")),
        "articles": list(Article.objects.values_list("pk", "title", "updated_at")),
        "references": list(Reference.objects.values_list("pk", "title")),
        "versions": list(DossierVersion.objects.values_list("pk", "note")),
    }


def test_loading_the_demo_twice_changes_nothing(demo_content):
    before = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_demo_has_the_content_the_issue_asks_for(demo_content):
    assert Theme.objects.count() >= 3
    dossier = Dossier.objects.published().get(title="Wat werkt bij sociale innovatie")
    for field in (
        "definition",
        "facts_and_figures",
        "policy",
        "trends",
        "current_debates",
        "promising_approaches",
    ):
        assert getattr(dossier, field), field
    elements = dossier.effective_elements.all()
    assert elements.count() >= 3
    assert elements.filter(presumed=True).exists()
    assert elements.filter(presumed=False).exists()
    assert dossier.good_examples.count() == 3
    assert dossier.references.count() >= 6
    assert Dossier.objects.published().count() >= 2
    assert Article.objects.published().count() >= 12
    article = Article.objects.published().get(published_at__date="2017-01-13")
    assert "ecosysteem" in article.title


def test_demo_revision_logs_are_versions_crediting_the_authors(demo_content, client):
    dossier = Dossier.objects.get(slug="wat-werkt-bij-sociale-innovatie")
    versions = list(dossier.versions.order_by("number"))
    assert [(v.number, v.note) for v in versions] == [
        (1, ""),
        (2, "Nieuwe voorbeelden en recente cijfers toegevoegd."),
        (3, "Beleidsparagraaf herschreven; literatuur aangevuld."),
    ]
    # Every version holds its text, with the people credited on it.
    assert [v.content is None for v in versions] == [False, False, False]
    newest = versions[-1].content
    assert [a["name"] for a in newest["authors"]] == ["Marieke van Dalen"]
    assert [a["name"] for a in newest["contacts"]] == ["Marieke van Dalen"]
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "versie 3, bijgewerkt op" in page
    assert 'href="/auteurs/marieke-van-dalen/">Marieke van Dalen</a>' in page


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/dossiers/",
        "/dossiers/?thema=sociale-innovatie",
        "/dossiers/wat-werkt-bij-sociale-innovatie/",
        "/dossiers/wat-werkt-bij-eenzaamheid/",
        "/themas/sociale-innovatie/",
        "/artikelen/",
        "/artikelen/?thema=eenzaamheid",
        "/artikelen/?dossier=wat-werkt-bij-sociale-innovatie&page=1",
        "/artikelen/?page=2",
        "/artikelen/sociale-innovatie-werkt-het-best-in-een-krachtig-sociaal-ecosysteem/",
    ],
)
def test_every_page_type_renders_the_demo_content(client, demo_content, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), "duplicate ids"
    # Every in-page link points at an element that exists.
    for anchor in re.findall(r'href="#([^"]+)"', body):
        assert anchor in ids, anchor
    # Headings do not skip a level.
    levels = [int(level) for level in re.findall(r"<h([1-6])", body)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert "style=" not in body
    # Scripts only from our static files (CSP: script-src 'self'); a JSON-LD
    # data block is not executable and is allowed.
    inline = re.findall(
        r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", body
    )
    assert not inline
    assert '<link rel="canonical" href="http://testserver/' in body
    assert '<meta property="og:title"' in body
    assert "<title>" in body
    assert " | Movisie</title>" in body


def test_article_page_shows_kind_and_dutch_date(client, demo_content):
    body = client.get(
        "/artikelen/sociale-innovatie-werkt-het-best-in-een-krachtig-sociaal-ecosysteem/"
    ).content.decode()
    # The meta line reads "Artikel · 13 januari 2017": kind capitalised, " · ".
    assert 'article-meta__kind">Artikel</span> · <time' in body
    assert "13 januari 2017</time>" in body
    assert 'href="/dossiers/wat-werkt-bij-sociale-innovatie/"' in body


def test_every_comparison_the_demo_links_shows_words_inserted_and_deleted(
    client, demo_content
):
    """The headline feature is visible before an editor publishes anything:
    every "what changed" link on the demo's dossier and version pages leads
    to a comparison with marked words, never to "could not be compared"."""
    links = set()
    for dossier in Dossier.objects.published():
        for url in (
            dossier.get_absolute_url(),
            f"{dossier.get_absolute_url()}versies/",
        ):
            links.update(
                re.findall(
                    r'href="(/dossiers/[^"]+/versies/\d+\.\.\.\d+/)"',
                    client.get(url).content.decode(),
                )
            )
    assert len(links) >= 3  # two in one dossier, one in the other
    for link in links:
        body = client.get(link).content.decode()
        assert "<ins>" in body or "<del>" in body, link
        assert "niet worden vergeleken" not in body, link


def test_the_flagship_article_is_on_the_first_page_of_articles(client, demo_content):
    body = client.get("/artikelen/").content.decode()
    assert (
        'href="/artikelen/sociale-innovatie-werkt-het-best-in-een-krachtig-sociaal-'
        'ecosysteem/"' in body
    )


def test_demo_dossiers_have_drawn_images_with_alternative_text(demo_content, client):
    for dossier in Dossier.objects.published():
        assert dossier.image, dossier
        assert dossier.image_alt.startswith("Illustratie:"), dossier
        assert dossier.list_picture is not None, dossier  # its sizes are made
