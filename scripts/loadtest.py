"""``make loadtest``: 60 s of mixed traffic against gunicorn in production mode.

Starts its own embedded PostgreSQL (``.data/load-pg``) unless DATABASE_URL
is set, migrates, loads the demo content, starts gunicorn with the
production settings on 127.0.0.1, and runs locust headless with the users
in scripts/locustfile.py. Prints requests per second, p50/p95/p99 latency
per page type and the error count, and exits non-zero on any 5xx.
Environment: LOAD_SECONDS (default 60), LOAD_USERS (default 20).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from movisie_site import devdb
from scripts.prodserver import BASE_DIR, manage, production_env, production_server


def database_url() -> tuple[str, object | None]:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], None
    server = devdb.start(devdb.DATA_DIR / "load-pg")
    devdb._ensure_database(server, "movisie")
    return devdb._url(server, "movisie"), server


def seed(env: dict[str, str]) -> dict[str, str]:
    """Demo content plus whatever the load needs; returns paths for locust."""
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage(
        "load_demo", env={**env, "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev"}
    )
    return {}


def run_locust(base: str, paths: dict[str, str], seconds: int, users: int) -> Path:
    out = Path(tempfile.mkdtemp(prefix="locust-", dir=BASE_DIR / ".data"))
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
        env={**os.environ, **paths},
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
            print(f"loadtest: {users} users for {seconds} s against {base}")
            out = run_locust(base, paths, seconds, users)
        server_errors = report(out)
    finally:
        if server is not None:
            devdb.stop(server)
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
