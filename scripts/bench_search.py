"""``make bench`` (second part): server time of searches at size (production settings).

Starts (or reuses) an embedded PostgreSQL in ``.data/bench-pg`` unless
DATABASE_URL is set, migrates, seeds 10,000 articles and 200 dossiers of
synthetic Dutch text (``seed_benchmark_content``, skipped when present),
compacts the search index (see ``compact_search_index``) and runs
``bench_search``. Sizes: BENCH_ARTICLES, BENCH_DOSSIERS; runs per query:
BENCH_RUNS. With DATABASE_URL, use a database made for benchmarks.
"""

from __future__ import annotations

import os
import sys

from movisie_site import devdb
from scripts.prodserver import manage, production_env


def compact_search_index(url: str) -> None:
    """Give the search index the size it has on a site that grew over time.

    Seeding in bulk writes every index row twice (with its article, then
    again when the article's theme is added), so the table holds as many
    dead rows as live ones; a site that adds articles one at a time, with
    autovacuum reusing the space, has little of that. A search reads the
    whole table for a word in nearly every item, so this would double its
    cost: the benchmark measures the compacted table.
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (FULL, ANALYZE) search_entry")


def main() -> int:
    server = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        server = devdb.start(devdb.DATA_DIR / "bench-pg")
        devdb._ensure_database(server, "movisie")
        url = devdb._url(server, "movisie")
    env = {**production_env(url), "MOVISIE_BENCHMARKS": "true"}
    try:
        manage("migrate", "--no-input", "-v", "0", env=env)
        manage("collectstatic", "--no-input", "-v", "0", env=env)
        manage(
            "seed_benchmark_content",
            "--articles",
            os.environ.get("BENCH_ARTICLES", "10000"),
            "--dossiers",
            os.environ.get("BENCH_DOSSIERS", "200"),
            env=env,
        )
        compact_search_index(url)
        manage("bench_search", "--runs", os.environ.get("BENCH_RUNS", "25"), env=env)
    finally:
        if server is not None:
            devdb.stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
