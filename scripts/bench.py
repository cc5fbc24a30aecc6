"""``make bench``: how fast is an article page with 200 reactions?

Seeds an article with 200 approved reactions in threads, starts gunicorn with
the production settings on a throwaway embedded PostgreSQL (or on
DATABASE_URL when set), and measures with ``wrk`` on the loopback interface,
in one run on the same gunicorn:

- requests per second for that article page and for /healthz (a trivial
  Django view through the whole middleware stack: the stack's ceiling),
  and their ratio (target: at least 1/3);
- the same two under writes: while wrk runs, another process posts and
  approves reactions on two other articles at BENCH_WRITES_PER_SECOND (2),
  through the services, for as long as the rounds last (each approval
  changes the site's content version, so cached pages are rendered again);
- the server time of one render of the article page, in-process, warm and
  cold (every cache emptied first, as after a change in its thread: target
  at most 10 ms, median of 15);
- the first page of an article with 5,000 reactions (threads of five), cold:
  the same number of queries as the 200-reaction page and at most 1.2x
  its time.

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
BIG_SLUG = "bench-5000-reacties"
BIG = 5000
WRITES_PER_SECOND = float(os.environ.get("BENCH_WRITES_PER_SECOND", "2"))
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
    from comments import rendering
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
        comment.assign_path(save=False)
        rendering.store_html(comment, also=["path"])  # as comment_submit does
        made.append(comment)
    return article


def seed_big_article():
    """An article with BIG approved reactions in threads of five (bulk)."""
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from articles.models import Article
    from comments import rendering
    from comments.models import Comment, CommentStatus

    article, _ = Article.objects.update_or_create(
        slug=BIG_SLUG,
        defaults={
            "title": "Een heel lange discussie",
            "status": "published",
            "published_at": timezone.now() - timedelta(days=1),
            "reactions": "open",
        },
    )
    Comment.objects.filter(article=article).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('comments_comment', 'id')) "
            "FROM generate_series(1, %s)",
            [BIG],
        )
        ids = [row[0] for row in cursor.fetchall()]
    made = []
    for n, pk in enumerate(ids):
        start = n - n % 5
        parent = None if n == start else made[start + (n * 7) % (n - start)]
        made.append(
            Comment(
                pk=pk,
                article=article,
                parent=parent,
                path=[*(parent.path if parent else []), pk],
                name=f"Lezer {n}",
                email=f"lezer{n}@example.nl",
                text="Herkenbaar! In onze gemeente loopt een vergelijkbaar project.",
                status=CommentStatus.APPROVED,
            )
        )
    Comment.objects.bulk_create(made, batch_size=1000)
    for comment in made:
        comment.html, comment.html_key = rendering.html_for(comment)
    Comment.objects.bulk_update(made, ["html", "html_key"], batch_size=1000)
    return article


def cold_ms(client, url: str, rounds: int) -> list[float]:
    """Renders of ``url`` with every cache emptied first (a changed thread)."""
    from django.core.cache import cache

    timings = []
    for _ in range(rounds):
        cache.clear()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def seed_and_time() -> None:
    """Run inside the production-settings environment (child process)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    article = seed_article()
    big = seed_big_article()

    client = Client(HTTP_HOST="127.0.0.1")
    url = article.get_absolute_url()
    big_url = big.get_absolute_url()
    cold_ms(client, url, 3)  # warm up templates and connections
    cold_ms(client, big_url, 3)
    # Alternate, so a burst of other work on the shared CPU hits both.
    cold, big_cold = [], []
    for _ in range(15):
        cold += cold_ms(client, url, 1)
        big_cold += cold_ms(client, big_url, 1)
    print(f"COLD_MS {statistics.median(cold):.2f}")
    print(f"BIG_COLD_MS {statistics.median(big_cold):.2f}")
    for name, address in (("QUERIES", url), ("BIG_QUERIES", big_url)):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get(address).content.decode()
        shown = html.count('class="reaction')
        print(f"{name} {len(queries)} {shown}")
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


def write_steadily(seconds: float) -> None:
    """Post and approve reactions on two other articles at WRITES_PER_SECOND
    for ``seconds`` (child process; bounded; the database only)."""
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from articles.models import Article
    from comments import services

    moderator, _ = get_user_model().objects.get_or_create(
        username="bench-moderator", defaults={"is_staff": True}
    )
    items = [
        Article.objects.update_or_create(
            slug=f"bench-schrijven-{n}",
            defaults={
                "title": f"Artikel waar gereageerd wordt {n}",
                "status": "published",
                "published_at": timezone.now() - timedelta(days=1),
                "reactions": "open",
            },
        )[0]
        for n in (1, 2)
    ]
    interval = 1 / WRITES_PER_SECOND
    deadline = time.monotonic() + seconds
    done = 0
    next_at = time.monotonic()
    while time.monotonic() < deadline:
        comment = services.comment_submit(
            item=items[done % 2],
            text=f"Reactie {done} tijdens de meting, met https://www.example.org/.",
            name=f"Schrijver {done}",
            email=f"schrijver{done}@example.nl",
            client_address="127.0.0.1",
        )
        services.approve(comment=comment, moderator=moderator)
        done += 1
        next_at += interval
        time.sleep(max(next_at - time.monotonic(), 0))
    print(f"WRITES {done} {seconds:.0f}")


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
        "DJANGO_SERVE_MEDIA": "true",  # one server, uploads on its disk
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
        cold = float(re.search(r"^COLD_MS ([\d.]+)", seeded, re.M).group(1))
        big_cold = float(re.search(r"BIG_COLD_MS ([\d.]+)", seeded).group(1))
        queries = re.search(r"^QUERIES (\d+) (\d+)", seeded, re.M).groups()
        big_queries = re.search(r"BIG_QUERIES (\d+) (\d+)", seeded).groups()
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

        # The same under a steady flow of new and approved reactions elsewhere.
        write_seconds = ROUNDS * SECONDS * 2 + 4
        writer = subprocess.Popen(
            [sys.executable, "-m", "scripts.bench", "write", str(write_seconds)],
            env={**env, "COMMENTS_RATE_LIMIT": "1000000"},
            cwd=BASE_DIR,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            time.sleep(2)
            written_page, written_trivial = [], []
            for _ in range(ROUNDS):
                written_page.append(wrk_rps(wrk, f"{base}{path}", SECONDS))
                written_trivial.append(wrk_rps(wrk, f"{base}/healthz", SECONDS))
            writes = writer.communicate(timeout=write_seconds + 60)[0]
        finally:
            if writer.poll() is None:
                writer.kill()
        if writer.returncode:
            raise RuntimeError("het schrijvende proces faalde")
        written = re.search(r"WRITES (\d+) (\d+)", writes).groups()
        written_page_rps = statistics.median(written_page)
        written_trivial_rps = statistics.median(written_trivial)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    ratio = page_rps / trivial_rps
    written_ratio = written_page_rps / written_trivial_rps
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
    written_verdict = "OK" if written_ratio >= 1 / 3 else "TE LAAG"
    rate = int(written[0]) / int(written[1])
    print(
        f"tijdens schrijven ({written[0]} reacties geplaatst en goedgekeurd op "
        f"andere artikelen, {rate:.1f}/s):"
    )
    print(f"{page_label:{width}}{written_page_rps:>8.0f}")
    print(f"{'triviale view (/healthz)':{width}}{written_trivial_rps:>8.0f}")
    print(f"verhouding: {written_ratio:.2f} (doel: >= 0.33) {written_verdict}")
    print(
        f"render in-process: mediaan {float(render_ms.group(1)):.1f} ms, "
        f"minimum {float(render_ms.group(2)):.1f} ms"
    )
    cold_verdict = "OK" if cold <= 10 else "TE TRAAG"
    print(
        f"koud (alle caches leeg, na een wijziging in de discussie), mediaan van "
        f"15: {cold:.1f} ms (doel: <= 10 ms) {cold_verdict}"
    )
    big_ratio = big_cold / cold
    same = queries[0] == big_queries[0]
    big_verdict = "OK" if big_ratio <= 1.2 and same else "TE TRAAG"
    print(
        f"eerste pagina bij {BIG} reacties ({big_queries[1]} getoond): "
        f"{big_cold:.1f} ms, {big_queries[0]} queries; bij {REACTIONS} reacties "
        f"({queries[1]} getoond): {cold:.1f} ms, {queries[0]} queries; "
        f"verhouding {big_ratio:.2f} (doel: <= 1.2, evenveel queries) {big_verdict}"
    )
    passed = (
        ratio >= 1 / 3
        and written_ratio >= 1 / 3
        and cold <= 10
        and big_ratio <= 1.2
        and same
    )
    return 0 if passed else 1


def main() -> int:
    if sys.argv[1:] == ["seed"]:
        seed_and_time()
        return 0
    if sys.argv[1:2] == ["write"]:
        write_steadily(float(sys.argv[2]))
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
