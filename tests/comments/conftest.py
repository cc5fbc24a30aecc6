import pytest

from tests.factories import ArticleFactory, DossierFactory


@pytest.fixture
def article(db):
    return ArticleFactory(title="Sociale innovatie werkt", slug="sociale-innovatie")


@pytest.fixture
def dossier(db):
    return DossierFactory(title="Wat werkt bij sociale innovatie", slug="innovatie")
