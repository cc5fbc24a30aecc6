"""``make bench`` (third part): comparing two versions of a dossier.

1. In-process, no database: the diff works on the two snapshots (what a
   version row holds), renders each section with the dossier page's partial
   and compares them word by word (``dossiers.diff``). The second version
   changes words in four sections, adds an effective element and removes a
   reference, as an editor's revision does. Prints the median and slowest
   CPU time of BENCH_RUNS (25) runs, and the median wall time; fails when the
   median CPU time is above 50 ms.
2. Two versions of a 20,000-word section of common words (the comparison's
   worst case; issue 26 measured 35 s): bounded, it must take under 500 ms
   CPU (median of 5).
3. On a throwaway PostgreSQL (or DATABASE_URL), the comparison page of those
   two versions as anonymous readers fetch it: one request on a fresh site,
   then, on a fresh site again, 20 requests with 20 different query strings
   (``?r=<n>``); those must cost at most twice the one.

Run as ``python -m scripts.bench_diff``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import warnings

from dossiers.sections import TEXT_FIELDS

BUDGET_MS = 50
LONG_BUDGET_MS = 500
LONG_WORDS = 20_000
QUERY_REQUESTS = 20


def paragraph(rng, sentences=5):
    """Synthetic Dutch text, as the search benchmark seeds it."""
    from benchmarks.management.commands.seed_benchmark_content import (
        paragraphs,
        topic,
    )

    return paragraphs(rng, topic(rng), 1, sentences)


def words(rng, count):
    from benchmarks.management.commands.seed_benchmark_content import GENERAL, NOUNS

    return " ".join(rng.choice(NOUNS + GENERAL) for _ in range(count))


def content(rng):
    text = {
        field: "".join(paragraph(rng) for _ in range(5))
        for field in TEXT_FIELDS
        if field != "effective_elements_intro"  # one paragraph, below
    }
    return {
        "format": 1,
        "title": "Wat werkt bij armoede",
        "summary": "Een dossier om te meten.",
        "authors": [{"id": 1, "name": "A. Auteur", "slug": "a-auteur"}],
        "contacts": [{"id": 1, "name": "A. Auteur", "slug": "a-auteur"}],
        "effective_elements_intro": paragraph(rng),
        **text,
        "themes": [{"id": 1, "name": "Armoede", "slug": "armoede"}],
        "effective_elements": [
            {"position": n, "title": f"Element {n}", "explanation": paragraph(rng, 3)}
            | {"presumed": n % 3 == 0}
            for n in range(8)
        ],
        "good_examples": [
            {
                "position": n,
                "name": f"Voorbeeld {n}",
                "description": words(rng, 30),
                "organisation": "Stichting Voorbeeld",
                "url": "https://example.org/",
            }
            for n in range(6)
        ],
        "references": [
            {
                "position": n,
                "authors": "Jansen, P., & De Vries, M.",
                "year": 2000 + n,
                "title": f"Onderzoek naar werkzame factoren {n}",
                "kind": "article-journal",
                "container_title": "Tijdschrift voor Sociale Vraagstukken",
                "volume": "12",
                "issue": "3",
                "pages": "45-67",
                "url": "",
                "doi": f"10.1000/xyz{n}",
            }
            for n in range(20)
        ],
    }


def revised(old, rng):
    new = {**old}
    for field in ("definition", "policy", "trends", "current_debates"):
        words = old[field].split(" ")
        for _ in range(8):
            words[rng.randrange(1, len(words) - 1)] = "gewijzigd"
        new[field] = " ".join(words)
    new["effective_elements"] = [
        *old["effective_elements"],
        {"position": 9, "title": "Nieuw", "explanation": paragraph(rng), "presumed": 0},
    ]
    new["references"] = old["references"][1:]
    return new


def published(old, new, live):
    """The two as published: each version keeps its formatted literature
    list (as the comparison page finds them)."""
    from django.utils import timezone

    from dossiers.literature import version_citations
    from dossiers.models import DossierVersion
    from dossiers.versions import as_dossier

    return tuple(
        DossierVersion(
            number=number,
            content=version_content,
            citations=version_citations(
                as_dossier(version_content, live),
                number=number,
                published_at=timezone.now(),
            ),
        )
        for number, version_content in ((1, old), (2, new))
    )


def short_revision() -> bool:
    from django.utils import translation

    from dossiers.diff import diff_contents
    from dossiers.models import Dossier

    translation.activate("nl")
    rng = random.Random(13)  # noqa: S311 -- synthetic text, not secrets
    old = content(rng)
    new = revised(old, rng)
    size = sum(len(v) for v in old.values() if isinstance(v, str)) + sum(
        len(str(v)) for v in old.values() if isinstance(v, list)
    )
    live = Dossier(pk=1, slug="armoede", title="Wat werkt bij armoede")
    versions = published(old, new, live)
    runs = int(os.environ.get("BENCH_RUNS", "25"))
    diff_contents(old, new, live, versions=versions)  # templates compiled
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        sections = diff_contents(old, new, live, versions=versions)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    changed = sum(s.status != "unchanged" for s in sections)
    # CPU time is what the diff costs; wall time also holds waiting for a
    # core on a busy machine. The budget applies to the CPU time.
    median = statistics.median(cpu)
    print(
        f"diff of two versions of a {size / 1000:.0f} KB dossier "
        f"({changed} of {len(sections)} sections changed), {runs} runs: "
        f"CPU median {median:.1f} ms, slowest {max(cpu):.1f} ms; "
        f"wall median {statistics.median(wall):.1f} ms (budget {BUDGET_MS} ms CPU)"
    )
    return median < BUDGET_MS


def long_contents(rng):
    """Version 1 and 2 of a dossier whose definition has LONG_WORDS common
    words; version 2 changes one word in a hundred."""
    from benchmarks.management.commands.seed_benchmark_content import GENERAL

    old_words = [rng.choice(GENERAL[:20]) for _ in range(LONG_WORDS)]
    new_words = list(old_words)
    for _ in range(LONG_WORDS // 100):
        new_words[rng.randrange(LONG_WORDS)] = "gewijzigd"
    old = content(rng)
    old["definition"] = f"<p>{' '.join(old_words)}</p>"
    return old, {**old, "definition": f"<p>{' '.join(new_words)}</p>"}


def long_section() -> bool:
    from django.utils import translation

    from dossiers.diff import diff_contents
    from dossiers.models import Dossier

    translation.activate("nl")
    old, new = long_contents(random.Random(26))  # noqa: S311 -- synthetic text
    live = Dossier(pk=1, slug="armoede", title="Wat werkt bij armoede")
    versions = published(old, new, live)
    cpu = []
    for _ in range(5):
        start = time.process_time()
        sections = diff_contents(old, new, live, versions=versions)
        cpu.append((time.process_time() - start) * 1000)
    median = statistics.median(cpu)
    by_paragraph = [s.anchor for s in sections if s.by_paragraph]
    print(
        f"diff of two versions of a {LONG_WORDS:,}-word section: CPU median "
        f"{median:.0f} ms, slowest {max(cpu):.0f} ms (budget {LONG_BUDGET_MS} ms); "
        f"compared by paragraph: {', '.join(by_paragraph) or 'none'}"
    )
    return median < LONG_BUDGET_MS


def query_strings() -> bool:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from dossiers.models import Dossier, VersionComparison
    from dossiers.services import publish_dossier

    call_command("migrate", verbosity=0)
    old, new = long_contents(random.Random(27))  # noqa: S311 -- synthetic text
    dossier = Dossier.objects.create(
        title="Wat werkt bij armoede",
        slug="armoede",
        summary="Een dossier om te meten.",
        definition=old["definition"],
        status="published",
        published_at=timezone.now(),
    )
    a = publish_dossier(dossier=dossier).number
    dossier.definition = new["definition"]
    dossier.save()
    b = publish_dossier(dossier=dossier, note="Gewijzigd.").number
    url = f"/dossiers/armoede/versies/{a}...{b}/"

    def fresh_site():
        cache.clear()
        VersionComparison.objects.all().delete()

    def timed(suffixes) -> float:
        start = time.perf_counter()
        for suffix in suffixes:
            response = Client(HTTP_HOST="localhost").get(url + suffix)
            if response.status_code != 200:
                raise RuntimeError(f"{url}{suffix}: {response.status_code}")
        return (time.perf_counter() - start) * 1000

    Client(HTTP_HOST="localhost").get(url)  # templates compiled
    fresh_site()
    one = timed([""])
    fresh_site()
    many = timed([f"?r={n}" for n in range(QUERY_REQUESTS)])
    print(
        f"comparison page, {QUERY_REQUESTS} requests with {QUERY_REQUESTS} "
        f"different query strings: {many:.0f} ms, one request {one:.0f} ms "
        f"({many / one:.2f}x; at most 2x)"
    )
    return many <= 2 * one


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "movisie_site.settings.test")
    # The test settings serve static files from the finders (as pytest does,
    # pyproject.toml's filterwarnings): nothing to collect, so WhiteNoise's
    # warning about the missing STATIC_ROOT says nothing here.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    server = None
    if not os.environ.get("DATABASE_URL"):
        from movisie_site import devdb

        server, url = devdb.start_throwaway()
        devdb._ensure_database(server, "benchdiff")
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/benchdiff"
    import django

    django.setup()
    try:
        results = [short_revision(), long_section(), query_strings()]
    finally:
        if server is not None:
            from django.db import connections

            connections.close_all()
            devdb.stop(server, delete=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
