import io

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def client():
    """A test client that, like a browser, enforces CSRF checks."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def demo_content(db):
    """The demo themes, dossiers and articles, as ``make run`` loads them."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty server-side cache (rendered threads and
    reader pages), as a freshly started worker would."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of each test go to a folder of their own, deleted afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def s3_server():
    """A real SeaweedFS (S3 API) on 127.0.0.1, started once when a test needs it."""
    from .s3server import seaweedfs

    with seaweedfs(buckets=("media", "restored")) as server:
        yield server


@pytest.fixture
def s3_storage(s3_server, settings):
    """The site's default storage pointed at the SeaweedFS bucket, emptied after."""
    from movisie_site.settings.files import media_storage

    storage, settings.MEDIA_URL = media_storage(s3_server.env)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield s3_server
    s3_server.empty_bucket()
