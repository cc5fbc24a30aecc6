"""``make loadtest``: 60 s of mixed traffic against gunicorn in production mode.

Starts its own embedded PostgreSQL (``.data/load-pg``) unless DATABASE_URL
is set, migrates, loads the demo content, starts gunicorn with the
production settings on 127.0.0.1, and runs locust headless with the users
in scripts/locustfile.py. Prints requests per second, p50/p95/p99 latency
per page type and the error count, and exits non-zero on any 5xx.

The article readers load has 200 approved reactions (seeded by
``scripts/bench.py seed-only``). Visitors post reactions with a unique
marker each and bots post what must be refused (see scripts/locustfile.py);
afterwards every marker is looked up in the database: every accepted one must
be stored whole, no refused one may be. A broken promise also exits non-zero.
Environment: LOAD_SECONDS (default 60), LOAD_USERS (default 20).
"""

from __future__ import annotations

import collections
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from movisie_site import devdb
from scripts.prodserver import BASE_DIR, production_env, production_server, seed_site
from scripts.visitor import check_markers, stored_reactions


def database_url() -> tuple[str, object | None]:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], None
    server = devdb.start(devdb.DATA_DIR / "load-pg")
    devdb._ensure_database(server, "movisie")
    return devdb._url(server, "movisie"), server


def seed(env: dict[str, str]) -> dict[str, str]:
    """Demo content plus whatever the load needs; returns paths for locust."""
    paths = seed_site(env)
    import psycopg

    with psycopg.connect(libpq_url(env["DATABASE_URL"])) as conn:
        row = conn.execute(
            "SELECT slug FROM dossiers_dossier WHERE status = 'published'"
            " AND published_at <= now() ORDER BY published_at LIMIT 1"
        ).fetchone()
    if row:
        paths["LOAD_DOSSIER_PATH"] = f"/dossiers/{row[0]}/"
    return paths


def libpq_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def verify_markers(markers_file: Path, database_url: str) -> list[str]:
    """Compare what visitors and bots were told with what the database holds."""
    outcomes: dict[str, set[str]] = collections.defaultdict(set)
    if markers_file.exists():
        for line in markers_file.read_text().splitlines():
            outcome, marker = line.split()
            outcomes[outcome].add(marker)
    stored = stored_reactions(libpq_url(database_url))
    accepted, refused = outcomes["accepted"], outcomes["refused"]
    print(
        f"reactions: {len(accepted)} accepted, of which "
        f"{len(accepted & stored.keys())} in the database; "
        f"{len(refused)} refused, of which {len(refused & stored.keys())} in the "
        f"database; {len(outcomes['unknown'])} without an answer"
    )
    return check_markers(accepted, refused, stored)


def run_locust(base: str, paths: dict[str, str], seconds: int, users: int) -> Path:
    out = Path(tempfile.mkdtemp(prefix="locust-", dir=BASE_DIR / ".data"))
    paths = {**paths, "LOAD_MARKERS": str(out / "markers.txt")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(BASE_DIR / "scripts" / "locustfile.py"),
            "--headless",
            "--host",
            base,
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 4)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(out / "load"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=BASE_DIR,
        # The locust file imports scripts.visitor: the project is on the path.
        env={**os.environ, **paths, "PYTHONPATH": str(BASE_DIR)},
        check=False,
    )
    return out


def report(out: Path) -> int:
    with open(out / "load_stats.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    print(
        f"{'page type':<28}{'requests':>9}{'errors':>8}{'req/s':>8}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    )
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{name:<28}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{float(row['Requests/s']):>8.1f}{row['50%']:>8}{row['95%']:>8}"
            f"{row['99%']:>8}"
        )
    server_errors = 0
    failures = out / "load_failures.csv"
    if failures.exists():
        with open(failures, newline="") as fh:
            for row in csv.DictReader(fh):
                print(f"failure: {row['Name']}: {row['Error']} x{row['Occurrences']}")
                if "HTTPError('5" in row["Error"] or " 5" in row["Error"][:20]:
                    server_errors += int(row["Occurrences"])
    print(f"5xx responses: {server_errors}")
    return server_errors


def main() -> int:
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    users = int(os.environ.get("LOAD_USERS", "20"))
    url, server = database_url()
    try:
        env = production_env(url)
        paths = seed(env)
        workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * os.cpu_count() + 1)))
        with production_server(url, workers=workers) as base:
            print(
                f"loadtest: {users} users for {seconds} s against {base}"
                f" (load average before: {os.getloadavg()[0]:.2f})"
            )
            out = run_locust(base, paths, seconds, users)
        server_errors = report(out)
        problems = verify_markers(out / "markers.txt", url)
    finally:
        if server is not None:
            devdb.stop(server)
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if server_errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
