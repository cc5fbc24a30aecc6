"""Titles between quotation marks, unless they carry their own."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def received_page(article) -> str:
    url = reverse("comments:received", kwargs={"kind": "artikel", "pk": article.pk})
    return Client().get(url).content.decode()


def test_a_title_that_is_a_quotation_gets_no_second_pair():
    article = ArticleFactory(title="‘Samen werkt het best’")  # noqa: RUF001
    html = received_page(article)
    assert "Terug naar ‘Samen werkt het best’" in html  # noqa: RUF001
    assert "‘‘" not in html  # noqa: RUF001


def test_a_plain_title_is_quoted():
    html = received_page(ArticleFactory(title="Samen werkt het best"))
    assert "Terug naar ‘Samen werkt het best’" in html  # noqa: RUF001
