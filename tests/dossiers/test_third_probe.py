"""Defects a third independent probe found in dossiers (issue 26): comparison
pages that tied up every worker."""

import random
import time

import pytest
from django.core.cache import cache
from django.test import Client

from benchmarks.management.commands.seed_benchmark_content import GENERAL
from dossiers import comparisons, diff
from dossiers.diff import diff_contents
from dossiers.models import VersionComparison
from dossiers.versions import snapshot
from tests.factories import DossierFactory, publish

pytestmark = pytest.mark.django_db


def common_words(rng, count: int) -> str:
    """Text of a few very common words: the comparison's worst case."""
    return " ".join(rng.choice(GENERAL[:20]) for _ in range(count))


@pytest.fixture
def dossier():
    dossier = DossierFactory(
        slug="armoede",
        title="Wat werkt bij armoede",
        definition="<p>Armoede is een tekort aan middelen.</p>",
    )
    a = publish(dossier, note="Eerste versie.").number
    dossier.definition = "<p>Armoede is een structureel tekort aan middelen.</p>"
    dossier.save()
    b = publish(dossier, note="Definitie aangescherpt.").number
    dossier.diff_url = f"/dossiers/armoede/versies/{a}...{b}/"
    return dossier


def test_unknown_query_parameters_share_the_comparisons_cached_page(
    dossier, django_assert_num_queries
):
    first = Client().get(dossier.diff_url)
    assert first.status_code == 200
    for n in range(20):
        # A hit costs the content version's one query, whatever ?r= says.
        with django_assert_num_queries(1):
            response = Client().get(f"{dossier.diff_url}?r={n}&utm_source=x{n}")
        assert response.content == first.content


def test_a_comparison_is_computed_once_and_kept_for_every_server(dossier, monkeypatch):
    body = Client().get(dossier.diff_url).content.decode()
    assert VersionComparison.objects.count() == 1
    cache.clear()  # another worker or app server, or after any edit

    def computed_again(*args, **kwargs):
        raise AssertionError("the kept comparison should be read, not computed")

    monkeypatch.setattr(comparisons, "diff_contents", computed_again)
    assert Client().get(dossier.diff_url).content.decode() == body


def test_a_section_too_long_to_compare_word_by_word_is_compared_by_paragraph(
    dossier,
):
    rng = random.Random(26)
    old_words = common_words(rng, 20_000).split(" ")
    new_words = list(old_words)
    for _ in range(200):
        new_words[rng.randrange(len(new_words))] = "gewijzigd"
    old = {**snapshot(dossier), "definition": f"<p>{' '.join(old_words)}</p>"}
    new = {**old, "definition": f"<p>{' '.join(new_words)}</p>"}
    start = time.process_time()
    sections = diff_contents(old, new, dossier)
    assert time.process_time() - start < 2  # was 35 s
    definition = next(s for s in sections if s.anchor == "definitie")
    assert definition.by_paragraph


def test_the_page_says_when_a_section_was_compared_by_paragraph(dossier):
    rng = random.Random(27)
    dossier.definition = f"<p>{common_words(rng, 20_000)}</p>"
    dossier.save()
    a = publish(dossier, note="Lang.").number
    dossier.definition = f"<p>{common_words(rng, 20_000)}</p>"
    dossier.save()
    b = publish(dossier, note="Weer lang.").number
    response = Client().get(f"/dossiers/armoede/versies/{a}...{b}/")
    assert response.status_code == 200
    assert "te lang om woord voor woord te vergelijken" in response.content.decode()


def test_a_comparison_past_its_deadline_is_stopped_with_a_dutch_503(
    dossier, monkeypatch
):
    monkeypatch.setattr(diff, "DEADLINE_SECONDS", 0)
    response = Client().get(dossier.diff_url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "probeer het over een minuut opnieuw" in response.content.decode().lower()
    assert not VersionComparison.objects.exists()
