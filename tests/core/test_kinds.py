"""Rows that belong to one item: the database refuses one on two items or none."""

import pytest
from django.db import IntegrityError, transaction

from comments.models import ThreadCounts
from search.models import Entry
from tests.factories import ArticleFactory, DossierFactory

pytestmark = pytest.mark.django_db


def test_thread_counts_belong_to_exactly_one_item():
    counts = {"total": 1, "approved": 1, "roots": 1}
    article, dossier = ArticleFactory(), DossierFactory()
    for items in ({"article": article, "dossier": dossier}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ThreadCounts.objects.create(**items, **counts)


def test_a_search_entry_belongs_to_exactly_one_item():
    # The triggers wrote the article's entry and the dossier's (for its
    # version); pointing one at both, or at neither, is refused.
    article, dossier = ArticleFactory(), DossierFactory()
    entry = Entry.objects.get(article=article)
    version = dossier.versions.get()
    for change in ({"dossier": dossier, "version": version}, {"article": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Entry.objects.filter(pk=entry.pk).update(**change)
