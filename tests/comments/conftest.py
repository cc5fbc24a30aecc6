import pytest
from django.urls import reverse

from .factories import ArticleFactory, DossierFactory


@pytest.fixture
def article(db):
    return ArticleFactory(title="Sociale innovatie werkt", slug="sociale-innovatie")


@pytest.fixture
def dossier(db):
    return DossierFactory(title="Wat werkt bij sociale innovatie", slug="innovatie")


def reply_url(item, parent=None):
    kind = "dossier" if item._meta.model_name == "dossier" else "artikel"
    url = reverse("comments:reply", kwargs={"kind": kind, "pk": item.pk})
    return f"{url}?op={parent.pk}" if parent else url
