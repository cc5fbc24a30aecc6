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

- the app tier side by side, gthread (4 threads) and sync, each on its own
  gunicorn, with the one wrk command ``wrk -t2 -c8 -d10s --latency``: the
  article, /healthz and a bare Django view (scripts/bare_django.py, a new
  project's middleware); target for the default worker class: the article's
  p99 at most 50 ms, /healthz at least half the bare view's req/s;
- the caching proxy (Varnish, deploy/varnish/) in front of gunicorn, with
  the same wrk command: the cached article against a static file of the same
  bytes through the same proxy (target: at least 0.5x, p99 at most 10 ms),
  and from an approval in the admin (its "Save and approve" button, through
  the proxy) to the page through the proxy showing the reaction: median and
  worst of 20 (target: worst at most 1 s).

``wrk`` comes from Debian (installed with apt-get when missing and we are
root). Each measurement is bounded: BENCH_ROUNDS (3) alternating rounds of
BENCH_SECONDS (5 s) per URL; the medians are reported.
"""

from __future__ import annotations

import contextlib
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

from scripts.forms import form_data

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


def wait_for(url: str, timeout: float = 120) -> None:
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
    report_socket_errors(url, result.stdout)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def report_socket_errors(url: str, out: str) -> None:
    """wrk's count of connections that failed or timed out (2 s without an
    answer): a server that stalls shows here, not in the latencies."""
    errors = re.search(r"Socket errors: (.*)", out)
    if errors:
        print(f"  {url}: socket errors: {errors.group(1)}", flush=True)


WRK_COMMAND = ["-t2", "-c8", "-d10s", "--latency"]


def wrk_latency(wrk: str, url: str) -> dict[str, float]:
    """req/s, p50 and p99 (ms) of ``wrk -t2 -c8 -d10s --latency url``."""
    out = subprocess.run(
        [wrk, *WRK_COMMAND, url], check=True, capture_output=True, text=True
    ).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"{url}: foute antwoorden\n{out}")
    report_socket_errors(url, out)

    def ms(label: str) -> float:
        found = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", out)
        if found is None:  # no request was answered
            return float("nan")
        value, unit = found.groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": rps, "p50": ms("50"), "p99": ms("99")}


def gunicorn_process(env, port: int, app: str = "movisie_site.wsgi", **extra):
    return subprocess.Popen(
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
            app,
        ],
        env={**env, **extra},
        cwd=BASE_DIR,
    )


def stop(process) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


TIERS = {
    "gthread, 4 threads": {"GUNICORN_WORKER_CLASS": "gthread", "GUNICORN_THREADS": "4"},
    "sync": {"GUNICORN_WORKER_CLASS": "sync", "GUNICORN_THREADS": "1"},
}


def app_tiers(wrk: str, env, path: str) -> dict[str, dict[str, dict]]:
    """Each worker class: the article, /healthz and the bare Django view."""
    results = {}
    for label, extra in TIERS.items():
        found = {}
        for app, urls in (
            ("movisie_site.wsgi", {"article": path, "healthz": "/healthz"}),
            ("scripts.bare_django", {"bare": "/"}),
        ):
            port = free_port()
            process = gunicorn_process(env, port, app, **extra)
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for(base + next(iter(urls.values())))
                for name, url in urls.items():
                    wrk_rps(wrk, base + url, 2)  # warm up
                    found[name] = wrk_latency(wrk, base + url)
            finally:
                stop(process)
        results[label] = found
    return results


def approvals_through_proxy(proxy: str, path: str, count: int = 20) -> list[float]:
    """Seconds from "Save and approve" in the admin to the page through the
    proxy showing the reaction (child process with Django set up)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from articles.models import Article
    from comments.models import Comment, CommentStatus
    from scripts.visitor import HttpVisitor

    article = Article.objects.get(slug=SLUG)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    admin = HttpVisitor(cookies={"sessionid": client.cookies["sessionid"].value})
    reader = HttpVisitor()
    first = Comment.objects.filter(article=article, parent=None).order_by("pk").first()
    timings = []
    for n in range(count + 1):  # the first warms the admin's templates up
        text = f"Goedkeuring {n} {secrets.token_hex(4)}"
        comment = Comment.objects.create(
            article=article,
            parent=first,  # on the first page of the thread, as readers see it
            name="Lezer",
            email="lezer@example.nl",
            text=text,
            status=CommentStatus.PENDING,
        )
        comment.assign_path()
        assert text not in reader.get(proxy + path).text
        change = f"{proxy}/admin/comments/comment/{comment.pk}/change/"
        fields = {
            k: v[-1]
            for k, v in form_data(admin.get(change).text, "comment_form").items()
        }
        fields["_approve"] = "1"
        start = time.perf_counter()
        answer = admin.post(change, fields)
        answered = time.perf_counter() - start  # the admin's own request
        assert answer.status == 302, answer.text[:2000]
        while text not in reader.get(proxy + path).text:
            if time.perf_counter() - start > 30:
                raise RuntimeError("de goedgekeurde reactie verscheen niet")
            time.sleep(0.01)
        if n:
            timings.append((time.perf_counter() - start, answered))
    return timings


STATIC_COPY = "bench/artikel-200-reacties.html"


def behind_the_proxy(wrk: str, env, path: str, static_root: Path):
    """The cached article and a static file of its bytes through Varnish and,
    when nginx is installed, through nginx's proxy_cache (the alternative the
    issue asked to measure), alternating; then 20 approvals from the admin to
    the page through Varnish."""
    from scripts.cacheproxy import caching_proxy, nginx_available, nginx_proxy_cache

    proxy_port = free_port()
    env = {**env, "CACHE_PROXY_URLS": f"http://127.0.0.1:{proxy_port}"}
    # The page's bytes, as a file WhiteNoise serves (it looks at startup).
    port = free_port()
    process = gunicorn_process(env, port)
    try:
        wait_for(f"http://127.0.0.1:{port}{path}")
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as answer:
            page = answer.read()
    finally:
        stop(process)
    (static_root / STATIC_COPY).parent.mkdir(parents=True, exist_ok=True)
    (static_root / STATIC_COPY).write_bytes(page)

    port = free_port()
    process = gunicorn_process(env, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        with contextlib.ExitStack() as proxies:
            varnish = proxies.enter_context(caching_proxy(port, port=proxy_port))
            urls = {"varnish": varnish.url}
            if nginx_available():
                urls["nginx"] = proxies.enter_context(nginx_proxy_cache(port)).url
            found = {"bytes": len(page)}
            targets = {"article": path, "static": f"/static/{STATIC_COPY}"}
            for base in urls.values():
                for url in targets.values():
                    wait_for(base + url)
                    wrk_rps(wrk, base + url, 2)  # warm up: cached
            # Alternating, so a burst of other work on the shared CPU does
            # not land on one proxy only.
            for name, url in targets.items():
                for proxy, base in urls.items():
                    label = name if proxy == "varnish" else f"{proxy} {name}"
                    found[label] = wrk_latency(wrk, base + url)
            found["backend_requests"] = varnish.stats("MAIN.backend_req")
            out = subprocess.run(
                [sys.executable, "-m", "scripts.bench", "approvals", varnish.url, path],
                env=env,
                cwd=BASE_DIR,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
    finally:
        stop(process)
    approvals = [float(x) for x in re.search(r"APPROVALS (.*)", out).group(1).split()]
    posts = [float(x) for x in re.search(r"ADMIN_POSTS (.*)", out).group(1).split()]
    found["admin_posts"] = posts
    return found, approvals


def report_tiers(tiers) -> bool:
    print()
    print(
        f"app-laag zonder proxy, gunicorn {WORKERS} workers, "
        f"wrk {' '.join(WRK_COMMAND)} (req/s, p50, p99):"
    )
    for label, found in tiers.items():
        row = ", ".join(
            f"{name} {f['rps']:.0f} req/s {f['p50']:.1f}/{f['p99']:.1f} ms"
            for name, f in found.items()
        )
        print(f"  {label}: {row}")
    default = default_worker_class()
    chosen = tiers[next(k for k in tiers if k.startswith(default))]
    p99_ok = chosen["article"]["p99"] <= 50
    bare_rps = chosen["bare"]["rps"]
    ratio = chosen["healthz"]["rps"] / bare_rps if bare_rps else 0.0
    print(
        f"  standaard ({default}, gunicorn.conf.py): p99 artikel "
        f"{chosen['article']['p99']:.1f} ms (doel: <= 50 ms) "
        f"{'OK' if p99_ok else 'TE TRAAG'}; /healthz {ratio:.2f} x de kale "
        f"Django-view (doel: >= 0.5) {'OK' if ratio >= 0.5 else 'TE LAAG'}"
    )
    return p99_ok and ratio >= 0.5


def default_worker_class() -> str:
    import runpy

    saved = os.environ.pop("GUNICORN_WORKER_CLASS", None)
    try:
        return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["worker_class"]
    finally:
        if saved is not None:
            os.environ["GUNICORN_WORKER_CLASS"] = saved


def report_proxy(proxy, approvals) -> bool:
    article, static = proxy["article"], proxy["static"]
    ratio = article["rps"] / static["rps"]
    ok = ratio >= 0.5 and article["p99"] <= 10
    print()
    print(
        f"via de cache (Varnish), wrk {' '.join(WRK_COMMAND)}, "
        f"{proxy['bytes'] / 1024:.0f} KB:"
    )
    for name, f in (
        ("artikel met 200 reacties", article),
        ("statisch bestand, zelfde bytes", static),
    ):
        print(
            f"  {name}: {f['rps']:.0f} req/s, "
            f"p50 {f['p50']:.2f} ms, p99 {f['p99']:.2f} ms"
        )
    print(
        f"  verhouding {ratio:.2f} (doel: >= 0.5), p99 artikel "
        f"{article['p99']:.2f} ms (doel: <= 10 ms) {'OK' if ok else 'TE TRAAG'}; "
        f"verzoeken naar gunicorn: {proxy['backend_requests']['MAIN.backend_req']}"
    )
    worst = max(approvals)
    approvals_ok = worst <= 1
    print(
        "van goedkeuren in de admin tot de pagina via de cache, "
        f"{len(approvals)} keer: "
        f"mediaan {statistics.median(approvals) * 1000:.0f} ms, slechtste "
        f"{worst * 1000:.0f} ms (doel: <= 1000 ms) "
        f"{'OK' if approvals_ok else 'TE TRAAG'}"
    )
    posts = proxy["admin_posts"]
    print(
        "  waarvan het verzoek van de admin zelf (opslaan, goedkeuren, wissen, "
        f"mail): mediaan {statistics.median(posts) * 1000:.0f} ms, "
        f"slechtste {max(posts) * 1000:.0f} ms"
    )
    return ok and approvals_ok


def report_side_by_side(tiers, proxy, cold: float) -> None:
    """Every figure of the one wrk command in one table, fastest first."""
    rows = [
        ("statisch bestand via Varnish", proxy["static"]),
        ("artikel via Varnish", proxy["article"]),
    ]
    if "nginx article" in proxy:
        rows += [
            ("statisch bestand via nginx proxy_cache", proxy["nginx static"]),
            ("artikel via nginx proxy_cache", proxy["nginx article"]),
        ]
    names = {"bare": "kale Django-view", "healthz": "/healthz", "article": "artikel"}
    for label, found in tiers.items():
        for name in ("bare", "healthz", "article"):
            rows.append((f"{names[name]}, gunicorn {label}", found[name]))
    width = max(len(label) for label, _ in rows) + 2
    print()
    print(
        f"naast elkaar, wrk {' '.join(WRK_COMMAND)}, {os.cpu_count()} CPU's "
        f"(gedeeld; belasting {load_average()}):"
    )
    print(f"  {'':{width}}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for label, f in rows:
        print(f"  {label:{width}}{f['rps']:>8.0f}{f['p50']:>9.2f}{f['p99']:>9.2f}")
    print(f"  koude render artikel in-process (mediaan van 15): {cold:.1f} ms")
    print(
        "  de peer (django-comments-xtd) staat niet op deze machine: "
        "zijn cijfers staan in issue 27 en docs/developers/benchmarks.md."
    )


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


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
        # The approvals mail their writers (through the outbox, after
        # commit): kept in memory, not sent to an SMTP server on
        # localhost:25 that is not there (a warning per mail flooded the
        # output).
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
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
        stop(gunicorn)
        gunicorn = None

        tiers = app_tiers(wrk, env, path)
        proxy, approvals = behind_the_proxy(wrk, env, path, Path(static_root))
    finally:
        stop(gunicorn)
        shutil.rmtree(static_root, ignore_errors=True)

    # A stalled trivial view (0 req/s) fails the budget; it must not crash
    # the report of everything else.
    ratio = page_rps / trivial_rps if trivial_rps else 0.0
    written_ratio = (
        written_page_rps / written_trivial_rps if written_trivial_rps else 0.0
    )
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
    tiers_ok = report_tiers(tiers)
    proxy_ok = report_proxy(proxy, approvals)
    report_side_by_side(tiers, proxy, cold)
    passed = (
        ratio >= 1 / 3
        and written_ratio >= 1 / 3
        and cold <= 10
        and big_ratio <= 1.2
        and same
        and tiers_ok
        and proxy_ok
    )
    return 0 if passed else 1


def main() -> int:
    if sys.argv[1:] == ["seed"]:
        seed_and_time()
        return 0
    if sys.argv[1:2] == ["approvals"]:
        timings = approvals_through_proxy(sys.argv[2], sys.argv[3])
        print("APPROVALS " + " ".join(f"{t:.4f}" for t, _ in timings))
        print("ADMIN_POSTS " + " ".join(f"{a:.4f}" for _, a in timings))
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
