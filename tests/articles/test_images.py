"""Article images in the sizes lists and pages show (core/images.py)."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from core.images import store_image_sizes
from scripts.forms import form_data
from tests.factories import ArticleFactory
from tests.html_validation import assert_valid_html
from tests.images import uploaded_image

pytestmark = pytest.mark.django_db

IMG_RE = re.compile(r"<img ([^>]+)>")


def img_tags(html: str) -> list[dict[str, str]]:
    return [
        dict(re.findall(r'([a-z]+)="([^"]*)"', tag)) for tag in IMG_RE.findall(html)
    ]


def served_size(client, url: str) -> tuple[int, int]:
    response = client.get(url)
    assert response.status_code == 200, url
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "WEBP"
    return image.size


def article_with_image(**kwargs):
    article = ArticleFactory(
        image=uploaded_image(**kwargs), image_alt="Buren in gesprek op straat"
    )
    store_image_sizes(item=article)
    return article


def test_the_article_page_names_each_size_with_its_exact_dimensions(client):
    article = article_with_image(width=1600, height=900)

    page = client.get(article.get_absolute_url()).content.decode()
    (img,) = [t for t in img_tags(page) if t.get("alt") == article.image_alt]

    assert (img["width"], img["height"]) == ("960", "540")
    assert_valid_html(page, "article-with-image")
    assert served_size(client, img["src"]) == (960, 540)
    srcset = dict(reversed(item.split()) for item in img["srcset"].split(", "))
    assert sorted(srcset) == ["1440w", "480w", "960w"]
    for width, url in srcset.items():
        w = int(width.removesuffix("w"))
        assert served_size(client, url) == (w, round(900 * w / 1600))


def test_a_small_image_is_never_blown_up(client):
    article = article_with_image(width=400, height=300)

    page = client.get(article.get_absolute_url()).content.decode()
    (img,) = [t for t in img_tags(page) if t.get("alt") == article.image_alt]

    assert (img["width"], img["height"]) == ("400", "300")
    assert img["srcset"].endswith(" 400w")
    assert served_size(client, img["src"]) == (400, 300)


def _list_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/artikelen/").content.decode()
    return len(queries), html


def test_the_article_list_shows_sized_images_in_a_fixed_number_of_queries(client):
    for n in range(2):
        article_with_image(width=1200, height=800, color=(n, 0, 0))
    few, html = _list_queries(client)
    thumbnails = [t for t in img_tags(html) if "card__image" in t.get("class", "")]
    assert len(thumbnails) == 2
    assert {(t["width"], t["height"]) for t in thumbnails} == {("320", "213")}
    assert all(t["alt"] == "" for t in thumbnails)  # the heading names it
    assert served_size(client, thumbnails[0]["src"]) == (320, 213)

    for n in range(6):
        article_with_image(width=1200, height=800, color=(0, n, 0))
    many, html = _list_queries(client)

    assert html.count('class="card__image"') == 8
    assert many == few
    assert_valid_html(html, "article-list-with-images")


def test_an_image_uploaded_in_the_admin_gets_its_sizes(admin_client):
    article = ArticleFactory(title="Een buurtproject")
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change).content.decode(), "article_form")
    data["image"] = uploaded_image(width=800, height=600)
    data["image_alt"] = "Een buurthuis"

    answer = admin_client.post(change, data)

    assert answer.status_code == 302
    article.refresh_from_db()
    assert (article.image_width, article.image_height) == (800, 600)
    page = admin_client.get(article.get_absolute_url()).content.decode()
    (img,) = [t for t in img_tags(page) if t.get("alt") == "Een buurthuis"]
    assert (img["width"], img["height"]) == ("800", "600")
    assert served_size(admin_client, img["src"]) == (800, 600)
