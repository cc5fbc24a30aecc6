"""``make bench`` (third part): the diff of two versions of a 20 KB dossier.

In-process, no database: the diff works on the two snapshots (what a
version row holds), renders each section with the dossier page's partial and
compares them word by word (``dossiers.diff``). The second version changes
words in four sections, adds an effective element and removes a reference,
as an editor's revision does. Prints the median and slowest CPU time of
BENCH_RUNS (25) runs, and the median wall time; fails when the median CPU
time is above 50 ms. Run as ``python -m scripts.bench_diff``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

BUDGET_MS = 50


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
        for field in (
            "definition",
            "facts_and_figures",
            "policy",
            "trends",
            "current_debates",
            "promising_approaches",
        )
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
                "source": "Tijdschrift voor Sociale Vraagstukken, 12(3), 45-67",
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


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "movisie_site.settings.test")
    import django

    django.setup()
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
    runs = int(os.environ.get("BENCH_RUNS", "25"))
    diff_contents(old, new, live)  # templates compiled, as in a warm worker
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        sections = diff_contents(old, new, live)
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
    return 0 if median < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
