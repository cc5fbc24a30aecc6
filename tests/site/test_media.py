"""Uploads on the local disk, as ``make run`` keeps and serves them."""

import re

import pytest

from tests.factories import ArticleFactory
from tests.images import image_bytes, uploaded_image

pytestmark = pytest.mark.django_db


def test_make_run_serves_an_uploaded_image_with_a_years_cache(client, settings):
    article = ArticleFactory(image=uploaded_image(), image_alt="Een rood vlak")
    assert (settings.MEDIA_ROOT / article.image.name).exists()

    page = client.get(article.get_absolute_url()).content.decode()
    # The article's picture (the header's logo is an image too).
    src = re.search(r'<img src="([^"]+)"[^>]*alt="Een rood vlak"', page)[1]
    assert re.fullmatch(r"/media/artikelen/\d{4}/foto\.[0-9a-f]{12}\.jpg", src)
    response = client.get(src)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image_bytes()
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_missing_upload_is_a_dutch_404(client):
    response = client.get("/media/artikelen/2026/weg.0123456789ab.jpg")
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode().lower()


def test_production_leaves_uploads_to_the_bucket():
    from movisie_site.settings.files import SERVE_MEDIA, media_storage

    assert SERVE_MEDIA is False  # dev and test settings turn it on
    storage, url = media_storage({"DJANGO_S3_BUCKET": "movisie-media"})
    assert storage["BACKEND"] == "movisie_site.storage.S3MediaStorage"
    assert url == "https://movisie-media.s3.amazonaws.com/"
    storage, url = media_storage(
        {
            "DJANGO_S3_BUCKET": "media",
            "DJANGO_S3_ENDPOINT_URL": "http://seaweedfs:8333",
            "DJANGO_MEDIA_URL": "https://media.example.nl/",
        }
    )
    assert storage["OPTIONS"]["custom_domain"] == "media.example.nl"
    assert url == "https://media.example.nl/"
