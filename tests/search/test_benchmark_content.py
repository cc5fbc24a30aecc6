import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command

from articles.models import Article
from dossiers.models import Dossier
from search.models import Entry
from search.query import SEARCH_CONFIG

pytestmark = pytest.mark.django_db


def test_benchmark_content_is_searchable_and_not_duplicated(client):
    call_command(
        "seed_benchmark_content", articles=30, dossiers=3, stdout=io.StringIO()
    )
    call_command(
        "seed_benchmark_content", articles=30, dossiers=3, stdout=io.StringIO()
    )
    assert Article.objects.published().count() == 30
    dossier = Dossier.objects.get(slug="bench-dossier-0")
    assert dossier.effective_elements.count() == 6
    # The trigger filled the vector from the elements and references too.
    word = dossier.references.first().title.split()[1]
    assert Entry.objects.filter(
        vector=SearchQuery(word, config=SEARCH_CONFIG), dossier=dossier
    ).exists()
    response = client.get("/zoeken/", {"q": "mensen"})
    assert response.status_code == 200
    assert "resultaten voor" in response.content.decode()


def test_bench_search_reports_every_query_with_its_matches():
    call_command(
        "seed_benchmark_content", articles=30, dossiers=3, stdout=io.StringIO()
    )
    out = io.StringIO()
    call_command("bench_search", runs=1, stdout=out)
    lines = out.getvalue().splitlines()
    rows = {line[:34].strip(): line[34:].split() for line in lines[1:]}
    # median, max, SQL ms, matches: a word in nearly every item, and a typo.
    assert int(rows["mensen"][3]) > 0
    assert int(rows["eenzaamhied"][3]) == 0
    assert float(rows["median of medians"][0]) > 0
