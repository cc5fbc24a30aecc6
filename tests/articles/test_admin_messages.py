"""Django's own admin messages in correct Dutch: "De artikel" and "De thema"
are wrong (het artikel, het thema); our catalogue puts the name after a
colon, where Dutch needs no article (issue 25)."""

import re

import pytest
from django.test import Client

from scripts.forms import form_data
from tests.factories import ArticleFactory, ThemeFactory, make_editor

pytestmark = pytest.mark.django_db
# The names as the messages quote them (Dutch single quotes).
TITLE = "\u2018Meedoen met weinig geld\u2019"
THEME = "\u2018Armoede\u2019"


@pytest.fixture
def editor():
    client = Client()
    client.force_login(make_editor())
    return client


def said(html: str) -> str:
    """The messages at the top of the page, as an editor reads them."""
    found = re.search(r'<ul class="messagelist">(.*?)</ul>', html, re.S)
    assert found, "a message"
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def save(editor, url, form_id, button="_save"):
    data = form_data(editor.get(url).content.decode(), form_id)
    data[button] = ["1"]
    response = editor.post(url, data, follow=True)
    assert response.status_code == 200
    return said(response.content.decode())


def test_saving_an_article_says_so_in_correct_dutch(editor):
    article = ArticleFactory(title="Meedoen met weinig geld")
    url = f"/admin/articles/article/{article.pk}/change/"
    html = save(editor, url, "article_form")
    assert f"Opgeslagen: artikel {TITLE}." in html
    assert "De artikel" not in html
    again = save(editor, url, "article_form", "_continue")
    assert f"Opgeslagen: artikel {TITLE}. U kunt hieronder" in again


def test_saving_and_deleting_a_theme_says_so_in_correct_dutch(editor, admin_client):
    theme = ThemeFactory(name="Armoede")
    url = f"/admin/dossiers/theme/{theme.pk}/change/"
    assert f"Opgeslagen: thema {THEME}." in save(editor, url, "theme_form")
    # Deleting themes is for the site's administrators.
    deleted = admin_client.post(
        f"/admin/dossiers/theme/{theme.pk}/delete/", {"post": "yes"}, follow=True
    ).content.decode()
    deleted = said(deleted)
    assert f"Verwijderd: thema {THEME}." in deleted
    assert "De thema" not in deleted
