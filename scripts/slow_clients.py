"""Does /healthz keep answering while slow clients hold connections open?

The probe of issue 18 held three connections open, each sending its request
headers a byte at a time, and /healthz stopped answering for 30 s: every
sync gunicorn worker was busy reading a slow client. This script repeats
that against gunicorn with the production settings on 127.0.0.1 only, for a
bounded time (SLOW_SECONDS, default 20), and prints /healthz latencies.

    uv run python scripts/slow_clients.py            # gunicorn.conf.py as is
    GUNICORN_WORKER_CLASS=sync GUNICORN_THREADS=1 uv run python scripts/slow_clients.py

WEB_CONCURRENCY (default 2 here, few workers make the effect visible) and
SLOW_CLIENTS (default 3) can be set too. Exits non-zero when a /healthz
request took longer than 2 s or failed.
"""

from __future__ import annotations

import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from movisie_site import devdb
from scripts.prodserver import get, production_server


def slow_client(host: str, port: int, stop: threading.Event) -> None:
    """Sends a request's headers one byte per second, never finishing."""
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"x" * 10_000
    with socket.create_connection((host, port), timeout=5) as sock:
        for byte in request:
            if stop.is_set():
                return
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                return  # the server gave up on us: fine
            stop.wait(1)


def main() -> int:
    seconds = float(os.environ.get("SLOW_SECONDS", "20"))
    clients = int(os.environ.get("SLOW_CLIENTS", "3"))
    workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
    extra = {
        name: os.environ[name]
        for name in ("GUNICORN_WORKER_CLASS", "GUNICORN_THREADS")
        if name in os.environ
    }
    if os.environ.get("DATABASE_URL"):
        url, server = os.environ["DATABASE_URL"], None
    else:
        server = devdb.start(devdb.DATA_DIR / "load-pg")
        devdb._ensure_database(server, "movisie")
        url = devdb._url(server, "movisie")
    try:
        with production_server(url, workers=workers, extra_env=extra) as base:
            host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
            stop = threading.Event()
            threads = [
                threading.Thread(target=slow_client, args=(host, port, stop))
                for _ in range(clients)
            ]
            for thread in threads:
                thread.start()
            time.sleep(1)  # let them connect and start dribbling
            latencies, failures = [], 0
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                start = time.monotonic()
                try:
                    status, _ = get(base + "/healthz", timeout=35)
                except OSError:
                    status = None
                took = time.monotonic() - start
                latencies.append(took)
                failures += status != 200
                time.sleep(max(0.0, 0.5 - took))
            stop.set()
            for thread in threads:
                thread.join(timeout=10)
    finally:
        if server is not None:
            devdb.stop(server)
    worst = max(latencies)
    print(
        f"slow_clients: {clients} slow connections, {workers} workers, "
        f"worker class {extra.get('GUNICORN_WORKER_CLASS', 'from gunicorn.conf.py')}"
        f", threads {extra.get('GUNICORN_THREADS', 'from gunicorn.conf.py')}: "
        f"{len(latencies)} /healthz requests in {seconds:.0f} s, "
        f"median {statistics.median(latencies) * 1000:.0f} ms, "
        f"worst {worst * 1000:.0f} ms, {failures} failed "
        f"(load average {os.getloadavg()[0]:.2f})"
    )
    return 1 if failures or worst > 2 else 0


if __name__ == "__main__":
    sys.exit(main())
