"""Links in dossiers end up in href attributes: only web links are stored."""

import pytest
from django.db import IntegrityError, transaction

from dossiers.models import GoodExample, Reference
from tests.factories import DossierFactory, GoodExampleFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model_factory", [GoodExampleFactory, ReferenceFactory])
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//x.nl"]
)
def test_the_database_refuses_links_that_are_not_web_links(model_factory, url):
    part = model_factory(dossier=DossierFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        type(part).objects.filter(pk=part.pk).update(url=url)


def test_web_links_and_empty_links_are_stored():
    dossier = DossierFactory()
    example = GoodExampleFactory(dossier=dossier, url="https://www.example.nl/")
    reference = ReferenceFactory(dossier=dossier, url="")
    GoodExample.objects.filter(pk=example.pk).update(url="http://example.nl/a")
    assert Reference.objects.get(pk=reference.pk).url == ""
    assert GoodExample.objects.get(pk=example.pk).url == "http://example.nl/a"
