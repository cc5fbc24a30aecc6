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
