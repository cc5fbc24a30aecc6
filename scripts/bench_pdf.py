"""``make bench`` (fourth part): a dossier version's PDF, made and kept.

On a throwaway embedded PostgreSQL (or DATABASE_URL) with the demo content,
gunicorn with the production settings (2 workers, uploads in a temporary
folder) serves the biggest demo dossier's current version as PDF
(``dossiers/pdf.py``):

- the first request, which makes the PDF (WeasyPrint) and stores it: its
  time end to end, and the slowest /healthz answered by the other worker
  meanwhile (generating must not hold up other readers);
- a cached download of the kept file: median and slowest of BENCH_PDF_RUNS
  (20) requests.

Prints one line per figure; fails when the first PDF takes longer than
BENCH_PDF_FIRST_MAX_MS (10,000) or a cached download than
BENCH_PDF_CACHED_MAX_MS (100).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time

from scripts.prodserver import get, manage, production_env, production_server

RUNS = int(os.environ.get("BENCH_PDF_RUNS", "20"))
FIRST_MAX_MS = float(os.environ.get("BENCH_PDF_FIRST_MAX_MS", "10000"))
CACHED_MAX_MS = float(os.environ.get("BENCH_PDF_CACHED_MAX_MS", "100"))

BIGGEST_SQL = """
SELECT d.slug, v.number, length(v.content::text)
  FROM dossiers_dossierversion v JOIN dossiers_dossier d ON d.id = v.dossier_id
 WHERE v.content IS NOT NULL AND v.published_at <= now()
   AND v.number = (SELECT max(number) FROM dossiers_dossierversion w
                    WHERE w.dossier_id = v.dossier_id AND w.published_at <= now())
 ORDER BY length(v.content::text) DESC LIMIT 1
"""


def biggest_version(url: str) -> tuple[str, int, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(BIGGEST_SQL).fetchone()


def timed_get(url: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    status, body = get(url, timeout=120)
    return (time.perf_counter() - start) * 1000, status, len(body)


def run(database_url: str) -> int:
    media = tempfile.mkdtemp(prefix="bench-pdf-media-")
    env = production_env(database_url, DJANGO_MEDIA_ROOT=media)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage(
        "load_demo", env={**env, "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev"}
    )
    slug, number, size = biggest_version(database_url)
    path = f"/dossiers/{slug}/versies/{number}/pdf/"
    extra = {"DJANGO_MEDIA_ROOT": media}
    with production_server(database_url, extra_env=extra) as base:
        get(base + f"/dossiers/{slug}/")  # a warm worker, as on a live site
        healthz, first = [], {}

        def make():
            first["ms"], first["status"], first["bytes"] = timed_get(base + path)

        maker = threading.Thread(target=make)
        maker.start()
        while maker.is_alive():
            healthz.append(timed_get(base + "/healthz")[0])
            time.sleep(0.05)
        maker.join()
        cached = []
        for _ in range(RUNS):
            ms, status, length = timed_get(base + path)
            if status != 200 or length != first["bytes"]:
                raise RuntimeError(f"cached download: {status}, {length} bytes")
            cached.append(ms)
    print(f"PDF of {slug} version {number} (snapshot {size:,} characters)")
    print(
        f"PDF_FIRST_MS {first['ms']:.0f} (status {first['status']}, "
        f"{first['bytes']:,} bytes)"
    )
    print(f"PDF_HEALTHZ_DURING_FIRST_MAX_MS {max(healthz, default=0):.1f}")
    print(
        f"PDF_CACHED_MS median {statistics.median(cached):.1f} "
        f"slowest {max(cached):.1f} ({RUNS} downloads)"
    )
    passed = (
        first["status"] == 200
        and first["ms"] <= FIRST_MAX_MS
        and statistics.median(cached) <= CACHED_MAX_MS
    )
    print("PDF bench:", "passed" if passed else "FAILED")
    return 0 if passed else 1


def main() -> int:
    if os.environ.get("DATABASE_URL"):
        return run(os.environ["DATABASE_URL"])
    from movisie_site import devdb

    server, url = devdb.start_throwaway()
    try:
        devdb._ensure_database(server, "benchpdf")
        return run(url.rsplit("/", 1)[0] + "/benchpdf")
    finally:
        devdb.stop(server, delete=True)


if __name__ == "__main__":
    sys.exit(main())
