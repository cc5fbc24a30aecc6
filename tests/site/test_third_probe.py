"""Defects a third independent probe found in the site's machinery (issue 26)."""

import os

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def held_bytes() -> int:
    """What the per-process cache holds, counted from its store."""
    return sum(len(value) for value in cache._cache.values())


# --- 5. The per-process page cache is bounded by bytes ---------------------------


@pytest.fixture
def small_cache(settings):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "OPTIONS": {"MAX_ENTRIES": 2000, "MAX_BYTES": 400_000},
        }
    }
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_never_holds_more_bytes_than_its_bound(small_cache):
    for n in range(40):
        cache.set(f"page-{n}", os.urandom(50_000))
    assert held_bytes() <= 400_000
    assert cache.get("page-39") is not None  # the latest stay
    assert cache.get("page-0") is None  # the least recently used went
    cache.set("huge", os.urandom(500_000))  # bigger than the whole bound
    assert cache.get("huge") is None
    assert held_bytes() <= 400_000


def test_many_pages_of_a_long_thread_stay_within_the_bound(small_cache, settings):
    settings.COMMENTS_PER_PAGE = 1
    article = ArticleFactory(body="<p>" + "Een lange tekst. " * 4000 + "</p>")
    for _ in range(30):
        CommentFactory(item=article)
    for page in range(1, 31):
        assert (
            Client().get(article.get_absolute_url(), {"page": page}).status_code == 200
        )
    assert held_bytes() <= 400_000
