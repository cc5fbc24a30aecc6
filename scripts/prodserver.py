"""Run the site as production runs it, for benchmarks, load and fault tests.

``production_server(database_url, port=...)`` is a context manager: it
collects static files once into ``.data/static``, starts gunicorn with
``gunicorn.conf.py`` and the production settings, waits for ``/healthz``
and stops gunicorn afterwards. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STATIC_ROOT = BASE_DIR / ".data" / "static"
# Only for local measurements; never used for a real deployment.
LOCAL_SECRET_KEY = "local-measurement-only-Zq8xW3vN5pL2mK7rT1yB4cF6hJ9dG0sA"  # noqa: S105


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "movisie_site.settings.production",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", LOCAL_SECRET_KEY),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "SITE_URL": "http://localhost",
        "DJANGO_STATIC_ROOT": str(STATIC_ROOT),
        "DATABASE_URL": database_url,
        # Our load and fault scripts play the TLS proxy: they send each
        # simulated visitor's address in X-Forwarded-For (README "Spam defence").
        "COMMENTS_CLIENT_ADDRESS_HEADER": "HTTP_X_FORWARDED_FOR",
        # Without a bucket (extra): one server, serving uploads from its disk.
        "DJANGO_SERVE_MEDIA": "true",
    }
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True
    )


def seed_site(env: dict[str, str]) -> dict[str, str]:
    """Migrate, load the demo content and an article with 200 reactions.

    Returns the paths of that article and of its reaction page, as the
    environment variables the locust users read.
    """
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage(
        "load_demo", env={**env, "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev"}
    )
    seeded = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "seed-only"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {
        "LOAD_ARTICLE_PATH": seeded.split("URL ", 1)[1].split()[0],
        "LOAD_REPLY_PATH": seeded.split("REPLY ", 1)[1].split()[0],
    }


def get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextlib.contextmanager
def production_server(
    database_url: str,
    *,
    port: int | None = None,
    workers: int = 2,
    extra_env: dict[str, str] | None = None,
    log_path: Path | None = None,
    access_log: Path | None = None,
):
    """Yields the server's base URL. gunicorn's output (Django's log lines
    included) goes to ``log_path``, by default ``.data/gunicorn-PORT.log``;
    its access log to ``access_log`` (by default none: during measurements
    it would cost more than the page)."""
    port = port or free_port()
    env = production_env(
        database_url,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_LOG_LEVEL="warning",
        **(extra_env or {}),
    )
    # Always: collectstatic only copies what changed, and a manifest from an
    # older checkout lacks new files (every page naming one would fail).
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    (BASE_DIR / ".data").mkdir(exist_ok=True)
    log_path = log_path or BASE_DIR / ".data" / f"gunicorn-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            str(access_log or "/dev/null"),
            "movisie_site.wsgi",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Generous: on a shared, busy machine gunicorn can take a while to boot.
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError):
                if get(base + "/healthz", timeout=2)[0] == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"gunicorn on {base} did not become healthy")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
