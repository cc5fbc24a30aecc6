"""The statements every item page runs are planned once per connection
(core/compiled.py's ``prepared_cursor``), and not at all when an operator
turns prepared statements off for a pooler."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_an_article_pages_statements_are_planned_once_per_connection(client):
    article = ArticleFactory()
    CommentFactory.create_batch(3, item=article)
    first = client.get(article.get_absolute_url()).content.decode()
    statements = prepared()
    # The article with its relations, the content version, the thread's
    # counts; not the thread's rows, whose best plan depends on the thread.
    assert any('"articles_article"."slug"' in s for s in statements)
    assert any("max(updated_at)" in s for s in statements)
    assert any("FROM comments_threadcounts" in s for s in statements)
    assert not any("WITH page_roots" in s for s in statements)
    cache.clear()  # rendered again, from the database
    second = client.get(article.get_absolute_url()).content.decode()
    assert prepared() == statements  # run again, not prepared again
    assert second == first
    assert first.count('class="reaction"') == 3


def test_with_prepared_statements_off_nothing_is_prepared(client, monkeypatch):
    article = ArticleFactory(title="Zonder voorbereide statements")
    CommentFactory(item=article)
    before = prepared()
    # What DJANGO_DB_PREPARED_STATEMENTS=false gives a new connection.
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Zonder voorbereide statements" in html
    assert 'class="reaction"' in html
    assert prepared() == before


@pytest.mark.parametrize(("value", "threshold"), [("", 0), ("false", None)])
def test_the_setting_reaches_the_connection_options(value, threshold):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev"}
    env.pop("DJANGO_DB_PREPARED_STATEMENTS", None)
    if value:
        env["DJANGO_DB_PREPARED_STATEMENTS"] = value
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']"
        ".get('prepare_threshold', 'missing')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(output) == threshold
