"""``make serve``: the site as production runs it, on this machine.

gunicorn with the production settings (``gunicorn.conf.py``), Varnish in
front of it on ``PORT`` (``deploy/varnish/default.vcl``, through
``scripts/cacheproxy.py``), a ``send_purges --every 2`` process that retries
purges and sends scheduled ones, and the embedded PostgreSQL with the data
``make run`` uses (``.data/postgres``), so ``make manage ARGS="…"`` works
beside it. Migrates and loads the demo content first, as ``make run`` does.
Ctrl-C (or a plain ``kill``) stops all of it; PostgreSQL only when no other
process (a ``make run``, a ``make manage``) still uses it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

from movisie_site import devdb
from scripts.cacheproxy import caching_proxy, free_port
from scripts.prodserver import BASE_DIR, manage, production_env, production_server

PURGE_EVERY_SECONDS = "2"


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(port: int) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    server = None
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        server, url = devdb.start_dev()
        print(f"PostgreSQL (embedded) draait; data in {devdb.DEV_PGDATA}", flush=True)
    proxy_url = f"http://127.0.0.1:{port}"
    extra = {"CACHE_PROXY_URLS": proxy_url}
    env = production_env(url, **extra)
    purger = None
    try:
        # Before the proxy starts (empty): nothing to purge yet.
        plain = production_env(url)
        manage("migrate", "--no-input", "-v", "0", env=plain)
        manage(
            "load_demo",
            env={**plain, "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev"},
        )
        app_port = free_port()
        log = BASE_DIR / ".data" / "serve-gunicorn.log"
        with (
            production_server(
                url,
                port=app_port,
                workers=int(os.environ.get("WEB_CONCURRENCY", "2")),
                extra_env=extra,
                log_path=log,
            ),
            caching_proxy(app_port, port=port, workdir=BASE_DIR / ".data" / "varnish"),
        ):
            purger = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "send_purges",
                    "--every",
                    PURGE_EVERY_SECONDS,
                ],
                cwd=BASE_DIR,
                env=env,
            )
            print(
                f"De site draait op {proxy_url}/ (Varnish voor gunicorn op "
                f":{app_port}; log in {log}; stoppen: Ctrl-C)",
                flush=True,
            )
            purger.wait()
            return 1  # the purger ended by itself: something is wrong
    except KeyboardInterrupt:
        return 0
    finally:
        if purger is not None and purger.poll() is None:
            purger.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                purger.wait(timeout=10)
        if server is not None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if devdb.release(server):
                print("PostgreSQL gestopt.", flush=True)
            else:
                print("PostgreSQL blijft draaien: een ander proces gebruikt het.")


if __name__ == "__main__":
    sys.exit(serve(int(os.environ.get("PORT", "8000"))))
