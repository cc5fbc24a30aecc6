import pytest
from django.test import Client


@pytest.fixture
def client():
    """A test client that, like a browser, enforces CSRF checks."""
    return Client(enforce_csrf_checks=True)
