"""Whatever reaches the database or a reader's page is sanitised by nh3."""

import pytest
from django.db.models import Value
from django.test import Client

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    DossierFactory,
    EditorFactory,
    EffectiveElementFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<h2>Tussenkop</h2>"
    "<p>Tekst met <strong>nadruk</strong> en <em>cursief</em>.</p>"
    "<script>alert('xss')</script>"
    '<p><img src="x" onerror="alert(1)"></p>'
    '<p><a href="javascript:alert(2)">klik</a> en '
    '<a href="https://example.org/" onclick="alert(3)">echte link</a></p>'
    '<p style="color:red" class="rood">opgemaakt</p>'
    "<iframe src='https://example.org'></iframe>"
    "<ul><li>een</li></ul><blockquote><p>citaat</p></blockquote>"
)


def assert_clean(html):
    lowered = html.lower()
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style="):
        assert bad not in lowered, bad
    assert "<img" not in lowered  # images are not part of the editor's toolbox


def test_an_article_body_saved_through_the_orm_is_sanitised():
    article = ArticleFactory(body=HOSTILE)
    article.refresh_from_db()
    assert_clean(article.body)
    # What editors are allowed to use survives.
    for kept in (
        "<h2>Tussenkop</h2>",
        "<strong>nadruk</strong>",
        "<em>cursief</em>",
        '<a href="https://example.org/">echte link</a>',
        "<li>een</li>",
        "<blockquote><p>citaat</p></blockquote>",
    ):
        assert kept in article.body


def test_dossier_sections_and_element_explanations_are_sanitised():
    dossier = DossierFactory(definition=HOSTILE, policy=HOSTILE)
    element = EffectiveElementFactory(dossier=dossier, explanation=HOSTILE)
    dossier.refresh_from_db()
    element.refresh_from_db()
    assert_clean(dossier.definition)
    assert_clean(dossier.policy)
    assert_clean(element.explanation)
    # Sections sit under an <h2>: their own headings start at h3.
    assert "<h2>" not in dossier.definition


def test_html_that_bypasses_save_is_still_clean_on_the_page(client):
    article = ArticleFactory()
    # QuerySet.update() skips pre_save: the page cleans on output as well.
    Article.objects.filter(pk=article.pk).update(body=Value(HOSTILE))
    body = client.get(article.get_absolute_url()).content.decode()
    article_body = body.split('class="prose article__body">', 1)[1].split("</div>")[0]
    assert_clean(article_body)
    assert "<strong>nadruk</strong>" in article_body


def test_the_admin_form_sanitises_a_posted_body():
    # The admin's CSRF protection is not what this test is about.
    admin = Client()
    admin.force_login(EditorFactory())
    response = admin.post(
        "/admin/articles/article/add/",
        {
            "title": "Via het formulier",
            "slug": "via-het-formulier",
            "kind": "artikel",
            "lead": "",
            "body": HOSTILE,
            "author_credits-TOTAL_FORMS": "0",
            "author_credits-INITIAL_FORMS": "0",
            "image_alt": "",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
            "reactions": "open",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_clean(Article.objects.get(slug="via-het-formulier").body)
