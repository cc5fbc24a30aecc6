"""/auteurs/: everyone readers can read a profile of, with photo and role."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.services import publish_dossier
from tests.factories import ArticleFactory, AuthorFactory, DossierFactory

pytestmark = pytest.mark.django_db

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01"
    b"\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def names(html):
    return re.findall(
        r'class="author-card__name"><a href="[^"]+"[^>]*>([^<]+)</a>', html
    )


def test_index_lists_authors_with_published_work_by_name(client):
    article_writer = AuthorFactory(name="Sanne Verbeek")
    ArticleFactory(authors=[article_writer])
    dossier_author = AuthorFactory(name="Marieke van Dalen")
    DossierFactory(authors=[dossier_author])
    contact = AuthorFactory(name="Youssef el Amrani")
    DossierFactory(contacts=[contact])
    drafts_only = AuthorFactory(name="Anna Concept")
    ArticleFactory(draft=True, authors=[drafts_only])
    ArticleFactory(scheduled=True, authors=[drafts_only])
    DossierFactory(draft=True, authors=[drafts_only])
    AuthorFactory(name="Bert Zonderwerk")
    html = client.get("/auteurs/").content.decode()
    assert names(html) == ["Marieke van Dalen", "Sanne Verbeek", "Youssef el Amrani"]
    for author in (article_writer, dossier_author, contact):
        assert f'href="{author.get_absolute_url()}"' in html
        # Every author listed has a profile readers can open.
        assert client.get(author.get_absolute_url()).status_code == 200


def test_index_follows_the_credits_readers_see(client):
    """A dossier lists the people its published version credits: someone
    added to the draft only is not listed before the next publication."""
    newcomer = AuthorFactory(name="Nieuwe Auteur")
    dossier = DossierFactory()
    dossier.author_credits.create(author=newcomer, position=1)
    assert names(client.get("/auteurs/").content.decode()) == []
    publish_dossier(dossier=dossier, note="Auteur toegevoegd.")
    assert names(client.get("/auteurs/").content.decode()) == ["Nieuwe Auteur"]


def test_index_shows_photo_and_role(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    author = AuthorFactory(
        name="Marieke van Dalen",
        role="Adviseur sociale innovatie",
        photo=SimpleUploadedFile("m.gif", GIF, content_type="image/gif"),
        photo_alt="Marieke lacht in de camera",
    )
    ArticleFactory(authors=[author])
    html = client.get("/auteurs/").content.decode()
    card = re.search(r'<li class="card author-card">(.*?)</li>', html, re.S).group(1)
    assert f'src="{author.photo.url}"' in card
    assert "Adviseur sociale innovatie" in card
    assert "<h1>Auteurs</h1>" in html


@pytest.mark.parametrize("size", [2, 20])
def test_index_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    for _ in range(size):
        author = AuthorFactory()
        ArticleFactory(authors=[author])
        DossierFactory(contacts=[author])
    # The credited ids of the dossiers' current versions, then the authors
    # (the page version of the reader cache is read by the middleware).
    with django_assert_max_num_queries(3):
        html = client.get("/auteurs/").content.decode()
    assert len(names(html)) == size


def test_profile_page_leads_back_to_the_index(client):
    author = AuthorFactory(name="Sanne Verbeek")
    ArticleFactory(authors=[author])
    html = client.get(author.get_absolute_url()).content.decode()
    assert '<a href="/auteurs/">Auteurs</a>' in html
