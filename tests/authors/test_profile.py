"""Authors as people: their profile page, sitemap entry and credits."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from authors.models import Author, AuthorLink
from authors.services import author_for_name
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DossierFactory,
    EditorFactory,
)

pytestmark = pytest.mark.django_db

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01"
    b"\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def json_ld(html):
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return {item["@type"]: item for item in json.loads(block)["@graph"]}


@pytest.fixture
def author(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    author = AuthorFactory(
        name="Marieke van Dalen",
        slug="marieke-van-dalen",
        role="Adviseur sociale innovatie",
        bio="Marieke schrijft over buurtinitiatieven.",
        email="marieke.geheim@example.nl",
        photo=SimpleUploadedFile("m.gif", GIF, content_type="image/gif"),
        photo_alt="Marieke lacht in de camera",
    )
    AuthorLink.objects.create(
        author=author, label="ORCID", url="https://orcid.org/0000-0001"
    )
    return author


def test_profile_lists_published_dossiers_and_articles_of_the_author(client, author):
    DossierFactory(title="Wat werkt bij buurten", authors=[author])
    DossierFactory(title="Wat werkt bij contact", contacts=[author])
    DossierFactory(title="Concept over armoede", draft=True, authors=[author])
    ArticleFactory(title="Buurten in beweging", authors=[author])
    ArticleFactory(title="Nog niet klaar", scheduled=True, authors=[author])
    ArticleFactory(title="Van een ander", authors=[AuthorFactory()])

    html = client.get("/auteurs/marieke-van-dalen/").content.decode()

    assert "<h1>Marieke van Dalen</h1>" in html
    assert "Adviseur sociale innovatie" in html
    assert "Marieke schrijft over buurtinitiatieven." in html
    assert 'alt="Marieke lacht in de camera"' in html
    assert '<a href="https://orcid.org/0000-0001">ORCID</a>' in html
    assert "Wat werkt bij buurten" in html
    assert "Wat werkt bij contact" in html  # contact person of that one
    assert "Buurten in beweging" in html
    for hidden in ("Concept over armoede", "Nog niet klaar", "Van een ander"):
        assert hidden not in html
    # The address is for the editors only.
    assert "marieke.geheim" not in html


def test_profile_page_has_json_ld_person_without_email(client, author):
    ArticleFactory(authors=[author])
    html = client.get(author.get_absolute_url()).content.decode()
    person = json_ld(html)["Person"]
    assert person["name"] == "Marieke van Dalen"
    assert person["jobTitle"] == "Adviseur sociale innovatie"
    assert person["url"] == "http://testserver/auteurs/marieke-van-dalen/"
    assert person["sameAs"] == ["https://orcid.org/0000-0001"]
    assert person["image"].startswith("http://testserver/")
    assert "email" not in person
    assert "geheim" not in json.dumps(person)


def test_author_with_nothing_published_has_no_public_page(client):
    author = AuthorFactory()
    ArticleFactory(draft=True, authors=[author])
    assert client.get(author.get_absolute_url()).status_code == 404
    assert client.get("/auteurs/niemand/").status_code == 404
    client.force_login(EditorFactory())
    assert client.get(author.get_absolute_url()).status_code == 200


def test_sitemap_lists_authors_with_published_work_only(client):
    shown = AuthorFactory(slug="met-werk")
    DossierFactory(authors=[shown])
    AuthorFactory(slug="zonder-werk")
    ArticleFactory(draft=True, authors=[AuthorFactory(slug="alleen-concept")])
    xml = client.get("/sitemap.xml").content.decode()
    assert "/auteurs/met-werk/" in xml
    assert "/auteurs/zonder-werk/" not in xml
    assert "/auteurs/alleen-concept/" not in xml


def test_dossier_and_article_credit_their_authors_in_order_with_links(client):
    first = AuthorFactory(name="Youssef el Amrani", slug="youssef")
    second = AuthorFactory(name="Sanne Verbeek", slug="sanne")
    dossier = DossierFactory(authors=[first, second], contacts=[second])
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert (
        "<dt>Auteurs</dt><dd>"
        '<a href="/auteurs/youssef/">Youssef el Amrani</a> en '
        '<a href="/auteurs/sanne/">Sanne Verbeek</a></dd>'
    ) in html
    assert (
        '<dt>Contactpersoon</dt><dd><a href="/auteurs/sanne/">Sanne Verbeek</a></dd>'
    ) in html
    data = json_ld(html)["CreativeWork"]
    assert [person["name"] for person in data["author"]] == [
        "Youssef el Amrani",
        "Sanne Verbeek",
    ]


def test_item_without_authors_has_the_institute_as_author(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert json_ld(html)["Article"]["author"] == {
        "@type": "Organization",
        "name": "Movisie",
    }
    assert '<p class="meta">Door' not in html


def test_a_photo_without_alt_text_cannot_be_saved(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    author = AuthorFactory.build(
        photo=SimpleUploadedFile("x.gif", GIF, content_type="image/gif"),
        photo_alt="  ",
    )
    with pytest.raises(ValidationError) as error:
        author.full_clean()
    assert error.value.message_dict["photo_alt"] == [
        "Een foto heeft een alternatieve tekst nodig."
    ]
    author.photo_alt = ""
    # The database refuses it too, whatever wrote the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        author.save()


def test_same_name_gives_one_record():
    one = author_for_name(name="Sanne  Verbeek ")
    assert author_for_name(name="Sanne Verbeek") == one
    assert one.slug == "sanne-verbeek"
    # A different person with a name that slugifies the same gets her own slug.
    other = author_for_name(name="Sanne Verbeek!")
    assert other != one
    assert other.slug == "sanne-verbeek-2"
    assert Author.objects.count() == 2


def test_author_page_costs_the_same_queries_with_more_work(
    client, django_assert_num_queries
):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    DossierFactory(authors=[author])
    client.get(author.get_absolute_url())  # warm up sessions, content types

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(author.get_absolute_url()).status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        ArticleFactory(authors=[author])
        DossierFactory(authors=[author], contacts=[author])
    with django_assert_num_queries(few):
        client.get(author.get_absolute_url())


def test_an_editor_adds_an_author_and_credits_them_on_a_dossier():
    editor = Client()
    editor.force_login(EditorFactory())
    response = editor.post(
        "/admin/authors/author/add/",
        {
            "name": "Fatma Yilmaz",
            "slug": "fatma-yilmaz",
            "role": "",
            "bio": "",
            "photo_alt": "",
            "email": "fatma@example.nl",
            "user": "",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-position": "0",
            "links-0-label": "Website",
            "links-0-url": "javascript:alert(1)",
        },
    )
    # A link that is no web address is refused, with the form kept.
    assert response.status_code == 200
    assert "Fatma Yilmaz" in response.content.decode()
    assert not Author.objects.filter(slug="fatma-yilmaz").exists()


def test_an_organisation_has_json_ld_organization_on_its_profile_and_items(client):
    nji = AuthorFactory(
        name="Nederlands Jeugdinstituut",
        slug="nji",
        role="Kenniscentrum",
        is_organisation=True,
    )
    article = ArticleFactory(authors=[nji])
    data = json_ld(client.get(nji.get_absolute_url()).content.decode())
    assert "Person" not in data
    organisation = data["Organization"]
    assert organisation["name"] == "Nederlands Jeugdinstituut"
    assert organisation["url"] == "http://testserver/auteurs/nji/"
    assert "jobTitle" not in organisation
    assert "worksFor" not in organisation

    item = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert item["Article"]["author"] == [
        {
            "@type": "Organization",
            "name": "Nederlands Jeugdinstituut",
            "url": "http://testserver/auteurs/nji/",
        }
    ]


def test_an_editor_marks_an_author_as_an_organisation():
    editor = Client()
    editor.force_login(EditorFactory())
    form = editor.get("/admin/authors/author/add/").content.decode()
    assert "Organisatie (geen persoon)" in form
    response = editor.post(
        "/admin/authors/author/add/",
        {
            "name": "Nederlands Jeugdinstituut",
            "slug": "nji",
            "is_organisation": "on",
            "role": "",
            "bio": "",
            "photo_alt": "",
            "email": "",
            "user": "",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Author.objects.get(slug="nji").is_organisation
