"""Item pages kept rendered for anonymous readers, and never stale after a change."""

import pytest
from django.test import Client

from comments.models import CommentStatus
from comments.services import approve
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    DossierFactory,
    EditorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [ArticleFactory, DossierFactory])
def test_a_warm_item_page_costs_one_query_whatever_the_thread(
    factory, django_assert_num_queries
):
    item = factory()
    CommentFactory.create_batch(30, item=item)
    first = Client().get(item.get_absolute_url())
    with django_assert_num_queries(1):
        again = Client().get(item.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_cached_page_answers_a_revalidation_until_its_thread_changes():
    article = ArticleFactory()
    pending = CommentFactory(item=article, status=CommentStatus.PENDING)
    url = article.get_absolute_url()
    etag = Client().get(url)["ETag"]
    assert Client().get(url)["ETag"] == etag  # from the server's cache
    assert Client().get(url, headers={"if-none-match": etag}).status_code == 304
    approve(comment=pending, moderator=EditorFactory())
    changed = Client().get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    again = Client().get(url, headers={"if-none-match": changed["ETag"]})
    assert again.status_code == 304


def test_an_approved_reaction_shows_at_once_on_a_cached_page():
    article = ArticleFactory()
    pending = CommentFactory(
        item=article, status=CommentStatus.PENDING, text="Net goedgekeurd."
    )
    assert "Net goedgekeurd." not in Client().get(article.get_absolute_url()).text
    approve(comment=pending, moderator=EditorFactory())
    assert "Net goedgekeurd." in Client().get(article.get_absolute_url()).text


def test_an_edited_article_shows_at_once_on_a_cached_page():
    article = ArticleFactory(title="Eerste titel")
    assert "Eerste titel" in Client().get(article.get_absolute_url()).text
    article.title = "Verbeterde titel"
    article.save()
    page = Client().get(article.get_absolute_url()).text
    assert "Verbeterde titel" in page
    assert "Eerste titel" not in page


def test_an_unpublished_article_is_gone_at_once_despite_the_cache():
    article = ArticleFactory()
    assert Client().get(article.get_absolute_url()).status_code == 200
    article.status = "draft"
    article.save()
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_staff_never_get_the_readers_cached_page():
    article = ArticleFactory(title="Gewone titel")
    Client().get(article.get_absolute_url())
    editor = Client()
    editor.force_login(EditorFactory())
    response = editor.get(article.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("factory", [ArticleFactory, DossierFactory])
def test_the_cached_page_belongs_to_the_address_it_was_asked_for(factory, settings):
    """A page first rendered for http://localhost must not be served to an
    https reader of another host with its canonical and og:url."""
    settings.ALLOWED_HOSTS = ["localhost", "www.example.nl"]
    item = factory()
    path = item.get_absolute_url()
    plain = Client().get(path, HTTP_HOST="localhost").text
    assert f'<link rel="canonical" href="http://localhost{path}">' in plain
    secure = Client().get(path, HTTP_HOST="www.example.nl", secure=True).text
    assert f'<link rel="canonical" href="https://www.example.nl{path}">' in secure
    assert f'<meta property="og:url" content="https://www.example.nl{path}">' in secure
    assert "http://localhost" not in secure
