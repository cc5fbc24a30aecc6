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
