"""``make bench``: how fast is an article page with 200 reactions?

Seeds an article with 200 approved reactions in threads, starts gunicorn with
the production settings on a throwaway embedded PostgreSQL (or on
DATABASE_URL when set), and measures with ``wrk`` on the loopback interface,
in one run on the same gunicorn:

- requests per second for that article page and for /healthz (a trivial
  Django view through the whole middleware stack: the stack's ceiling),
  and their ratio (target: at least 1/3);
- the server time of one render of the article page, in-process.

``wrk`` comes from Debian (installed with apt-get when missing and we are
root). Each measurement is bounded: BENCH_ROUNDS (3) alternating rounds of
BENCH_SECONDS (5 s) per URL; the medians are reported.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SLUG = "bench-200-reacties"
REACTIONS = 200
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")


def seed_article():
    """The article with REACTIONS approved reactions in threads (idempotent).

    Needs Django set up; also used by scripts/loadtest.py (``bench.py seed-only``).
    """
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article
    from comments.models import Comment, CommentStatus

    article, _ = Article.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title": "Sociale innovatie werkt het best samen",
            "status": "published",
            "published_at": timezone.now() - timedelta(days=1),
            "reactions": "open",
        },
    )
    Comment.objects.filter(article=article).delete()
    texts = [
        "Interessant stuk. Hebben jullie ook ervaring met online leren in "
        "netwerken van professionals en bewoners? Zie bijvoorbeeld "
        "https://www.example.org/leren-in-netwerken voor een voorbeeld.",
        "Dank voor uw vraag. We werken veel in kennislabs met alle partijen "
        "aan tafel.\nAls u concrete ideeën hebt, hoor ik het graag.",
        "Herkenbaar! In onze gemeente loopt een vergelijkbaar project, "
        "met vrijwilligers die buren met elkaar in contact brengen.",
    ]
    made: list[Comment] = []
    for n in range(REACTIONS):
        # Every fifth reaction starts a thread; the others answer an earlier
        # one, which gives threads of varied depth (some past the maximum).
        parent = None if n % 5 == 0 else made[(n * 7) % len(made)]
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=f"Lezer {n}",
            email=f"lezer{n}@example.nl",
            text=texts[n % len(texts)],
            status=CommentStatus.APPROVED,
            is_staff_reply=n % 11 == 0,
        )
        comment.assign_path()
        made.append(comment)
    return article


def seed_and_time() -> None:
    """Run inside the production-settings environment (child process)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    article = seed_article()

    client = Client(HTTP_HOST="127.0.0.1")
    url = article.get_absolute_url()
    cold = []
    for _ in range(10):
        cache.clear()  # a changed thread: the fragment is rendered again
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        cold.append((time.perf_counter() - start) * 1000)
    print(f"COLD_MS {statistics.median(cold):.2f}")
    for _ in range(20):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(100):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    assert response.content.decode().count('class="reaction') >= REACTIONS
    print(f"RENDER_MS {statistics.median(timings):.2f} {min(timings):.2f}")
    print(f"URL {url}")


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk ontbreekt; installeren met apt-get …", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return shutil.which("wrk") or "wrk"
    sys.exit("wrk is nodig: installeer het met 'apt-get install wrk'.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} kwam niet op")


def wrk_rps(wrk: str, url: str, seconds: int) -> float:
    result = subprocess.run(
        [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} foute antwoorden")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def run(database_url: str) -> int:
    wrk = ensure_wrk()
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "movisie_site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "SITE_URL": "http://127.0.0.1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    gunicorn = None
    try:
        subprocess.run(
            [*manage, "compilemessages", "--ignore=.venv", "--ignore=.tools", "-v0"],
            check=True,
            env=env,
            cwd=BASE_DIR,
        )
        subprocess.run(
            [*manage, "collectstatic", "--no-input", "-v0"],
            check=True,
            env=env,
            cwd=BASE_DIR,
        )
        subprocess.run(
            [*manage, "migrate", "--no-input", "-v0"], check=True, env=env, cwd=BASE_DIR
        )
        seeded = subprocess.run(
            [sys.executable, "-m", "scripts.bench", "seed"],
            check=True,
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        render_ms = re.search(r"RENDER_MS ([\d.]+) ([\d.]+)", seeded)
        cold_ms = float(re.search(r"COLD_MS ([\d.]+)", seeded).group(1))
        path = re.search(r"URL (\S+)", seeded).group(1)

        port = free_port()
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                WORKERS,
                "--access-logfile",
                "/dev/null",
                "--log-level",
                "warning",
                "movisie_site.wsgi",
            ],
            env=env,
            cwd=BASE_DIR,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz")
        wait_for(f"{base}{path}")
        # Warm up both (template caches, persistent DB connections).
        wrk_rps(wrk, f"{base}{path}", 2)
        wrk_rps(wrk, f"{base}/healthz", 2)
        # Alternate short rounds and take medians: the machine is shared, and
        # a burst of other work should not land on one URL only.
        page_runs, trivial_runs = [], []
        for _ in range(ROUNDS):
            page_runs.append(wrk_rps(wrk, f"{base}{path}", SECONDS))
            trivial_runs.append(wrk_rps(wrk, f"{base}/healthz", SECONDS))
        page_rps = statistics.median(page_runs)
        trivial_rps = statistics.median(trivial_runs)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    ratio = page_rps / trivial_rps
    print()
    print(
        f"gunicorn {WORKERS} workers, wrk 1 thread {CONNECTIONS} connections, "
        f"{ROUNDS} x {SECONDS} s per URL (alternating, median), "
        f"{os.cpu_count()} CPUs (shared)"
    )
    page_label = f"artikel met {REACTIONS} reacties ({path})"
    width = len(page_label) + 2
    verdict = "OK" if ratio >= 1 / 3 else "TE LAAG"
    print(f"{'':{width}}{'req/s':>8}")
    print(f"{page_label:{width}}{page_rps:>8.0f}")
    print(f"{'triviale view (/healthz)':{width}}{trivial_rps:>8.0f}")
    print(f"verhouding: {ratio:.2f} (doel: >= 0.33) {verdict}")
    print(
        f"render in-process: mediaan {float(render_ms.group(1)):.1f} ms, "
        f"minimum {float(render_ms.group(2)):.1f} ms; "
        f"na een wijziging in de discussie (fragment opnieuw): {cold_ms:.1f} ms"
    )
    return 0 if ratio >= 1 / 3 else 1


def main() -> int:
    if sys.argv[1:] == ["seed"]:
        seed_and_time()
        return 0
    if sys.argv[1:] == ["seed-only"]:
        import django

        django.setup()
        from django.urls import reverse

        article = seed_article()
        reply = reverse("comments:reply", kwargs={"kind": "artikel", "pk": article.pk})
        print(f"URL {article.get_absolute_url()}")
        print(f"REPLY {reply}")
        return 0
    if os.environ.get("DATABASE_URL"):
        return run(os.environ["DATABASE_URL"])
    from movisie_site import devdb

    server, url = devdb.start_throwaway()
    try:
        devdb._ensure_database(server, "bench")
        return run(url.rsplit("/", 1)[0] + "/bench")
    finally:
        devdb.stop(server, delete=True)


if __name__ == "__main__":
    sys.exit(main())
