"""JSON-LD and OpenGraph for search engines and link previews."""

import datetime as dt
import html as html_lib
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, DossierFactory, publish

pytestmark = pytest.mark.django_db

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01"
    b"\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    assert len(blocks) == 1
    return {item["@type"]: item for item in json.loads(blocks[0])["@graph"]}


def visible_breadcrumbs(html):
    nav = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    return [
        html_lib.unescape(re.sub(r"<[^>]+>", "", item).strip())
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S)
    ]


def test_article_has_article_data_and_matching_breadcrumbs(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(
        title="Schulden </script><script>alert(1)</script>",
        lead="Over schulden & armoede.",
        authors=[AuthorFactory(name="P. Jansen", slug="p-jansen")],
        image=SimpleUploadedFile("foto.gif", GIF, content_type="image/gif"),
        image_alt="Een foto",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    data = json_ld(html)
    item = data["Article"]
    assert item["headline"] == article.title
    assert item["description"] == "Over schulden & armoede."
    assert item["author"] == [
        {
            "@type": "Person",
            "name": "P. Jansen",
            "url": "http://testserver/auteurs/p-jansen/",
        }
    ]
    assert item["datePublished"].startswith(article.published_at.date().isoformat())
    assert item["image"].startswith("http://testserver/")
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == visible_breadcrumbs(html)
    assert crumbs[-1]["item"] == "http://testserver" + article.get_absolute_url()
    assert f'<meta property="og:image" content="{item["image"]}">' in html


def test_dossier_is_a_creative_work_with_its_version_and_when_it_went_live(client):
    dossier = DossierFactory(title="Wat werkt bij armoede")
    version = publish(dossier, at=timezone.now() - dt.timedelta(hours=1))
    dossier.title = "Een concept"
    dossier.save()  # the draft does not change what search engines read
    html = client.get(dossier.get_absolute_url()).content.decode()
    data = json_ld(html)
    work = data["CreativeWork"]
    assert work["name"] == "Wat werkt bij armoede"
    assert work["version"] == "2"
    assert work["dateModified"] == version.published_at.isoformat()
    assert [c["name"] for c in data["BreadcrumbList"]["itemListElement"]] == (
        visible_breadcrumbs(html)
    )
