"""Uploads in an S3-compatible bucket: a real SeaweedFS, not a mock.

The ``s3_storage`` fixture (tests/conftest.py) points the site's default
storage at a SeaweedFS started for the test session, exactly as the
DJANGO_S3_* variables do in production (``media_storage`` in settings/base).
"""

import re

import pytest
from django.core.files.storage import default_storage

from tests.factories import ArticleFactory
from tests.images import image_bytes, uploaded_image
from tests.s3server import public_get

pytestmark = pytest.mark.django_db


def image_src(html: str) -> str:
    """The first uploaded picture on the page (not the header's logo)."""
    return re.search(r'<img src="((?!/static/)[^"]+)"', html).group(1)


def test_an_uploaded_image_lands_in_the_bucket_and_any_reader_can_fetch_it(
    s3_storage, client
):
    article = ArticleFactory(image=uploaded_image(), image_alt="Een rood vlak")

    stored = s3_storage.client().get_object(
        Bucket=s3_storage.bucket, Key=article.image.name
    )
    assert stored["Body"].read() == article.image.open().read()

    page = client.get(article.get_absolute_url()).content.decode()
    src = image_src(page)
    assert src.startswith(f"{s3_storage.endpoint}/{s3_storage.bucket}/artikelen/")
    status, headers, body = public_get(src)  # no credentials, as a browser
    assert status == 200
    assert body == image_bytes()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_stored_names_change_with_the_content(s3_storage):
    first = ArticleFactory(image=uploaded_image(color=(0, 0, 0)), image_alt="Zwart")
    second = ArticleFactory(image=uploaded_image(color=(9, 9, 9)), image_alt="Bijna")
    again = ArticleFactory(image=uploaded_image(color=(0, 0, 0)), image_alt="Zwart")

    assert first.image.name != second.image.name
    assert re.fullmatch(r"artikelen/\d{4}/foto\.[0-9a-f]{12}\.jpg", first.image.name)
    # The same content keeps its name (and its place in every cache).
    assert again.image.name == first.image.name
    keys = [
        item["Key"]
        for item in s3_storage.client().list_objects_v2(Bucket=s3_storage.bucket)[
            "Contents"
        ]
    ]
    assert sorted(keys) == sorted({first.image.name, second.image.name})


def test_the_default_storage_is_the_bucket(s3_storage):
    name = default_storage.save("pdf/dossier.pdf", _pdf())
    assert name.startswith("pdf/dossier.")
    assert default_storage.exists(name)
    assert default_storage.url(name).startswith(s3_storage.endpoint)


def _pdf():
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.7\n%%EOF\n", name="dossier.pdf")
