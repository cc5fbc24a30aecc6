"""Where a request's CPU time goes: ``python -m scripts.profile_requests``.

The machine is shared, so wall time says as much about the neighbours as
about us; this counts the CPU time of this process only
(``time.process_time``) over many requests sent straight into the WSGI
handler (no server, no network), with the production settings on a throwaway
embedded PostgreSQL (or DATABASE_URL), for:

- the 200-reaction article (``scripts.bench``'s), cold (every cache emptied
  first, as after a change in its thread) and warm (kept on the server);
- /healthz (the site's trivial view, through the whole middleware stack)
  against a bare Django view (``scripts.bare_django``: a new project's
  middleware), each in its own process;
- the content-version query of the server-side page cache (core/caching.py).

The database's own CPU is not counted (another process); its round trips
are, on our side. ``PROFILE=1`` also prints cProfile's heaviest functions
per case. Options: PROFILE_REQUESTS (300).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "300"))


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def get(application, path: str) -> bytes:
    status = []
    body = application(environ(path), lambda s, h, *a: status.append(s))
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    assert status[0].startswith("200"), (path, status)
    return content


def measure(label: str, call, n: int = REQUESTS, before=None) -> float:
    """CPU ms per call, median of 3 runs of ``n`` (``before`` not counted)."""
    for _ in range(min(n, 20)):
        if before:
            before()
        call()
    runs = []
    for _ in range(3):
        spent = 0.0
        for _ in range(n):
            if before:
                before()
            start = time.process_time()
            call()
            spent += time.process_time() - start
        runs.append(spent / n * 1000)
    result = sorted(runs)[1]
    print(f"CPU {label}: {result:.3f} ms", flush=True)
    if os.environ.get("PROFILE"):
        # CPU time, not wall time: waits for the database are not ours.
        profiler = cProfile.Profile(time.process_time)
        for _ in range(n):
            if before:
                before()
            profiler.enable()
            call()
            profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(40)
        if os.environ.get("PROFILE_OWN"):  # our own code only
            own = r"^(?!.*(site-packages|lib/python)).*"
            stats.sort_stats("cumulative").print_stats(own, 40)
        if os.environ.get("PROFILE_CALLERS"):
            stats.print_callers(os.environ["PROFILE_CALLERS"])
        print(out.getvalue())
    return result


def per_template(call, before, n: int = 60) -> None:
    """CPU ms per request spent in each template, its includes excluded."""
    from collections import Counter

    from django.template.base import Template

    spent: Counter = Counter()
    stack: list[float] = []
    original = Template._render

    def timed(self, context):
        start = time.process_time()
        stack.append(0.0)
        try:
            return original(self, context)
        finally:
            inner = stack.pop()
            total = time.process_time() - start
            spent[self.name] += total - inner
            if stack:
                stack[-1] += total

    Template._render = timed
    try:
        for _ in range(n):
            before()
            call()
    finally:
        Template._render = original
    for name, seconds in spent.most_common():
        print(f"TEMPLATE {name}: {seconds / n * 1000:.3f} ms")


def per_middleware(path: str) -> None:
    """What each middleware costs ``path``: its CPU time with the whole stack
    minus its time without that one middleware (a handler built per stack)."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    stack = list(settings.MIDDLEWARE)
    handler = WSGIHandler()
    whole = measure(f"{path}, whole stack", lambda: get(handler, path), 1000)
    for name in [*stack, None]:
        settings.MIDDLEWARE = [m for m in stack if m != name] if name else []
        handler = WSGIHandler()
        label = f"{path} without {name}" if name else f"{path} without middleware"
        try:
            without = measure(label, lambda h=handler: get(h, path), 1000)
        except Exception as error:  # one that another needs (sessions for auth)
            print(f"MIDDLEWARE {name}: needed by another ({error!r})")
            continue
        print(f"MIDDLEWARE {name}: {whole - without:.3f} ms")
    settings.MIDDLEWARE = stack


def site() -> None:
    """Child process: production settings, Django set up here."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    from core import caching
    from scripts.bench import seed_article

    article = seed_article()
    path = article.get_absolute_url()
    application = get_wsgi_application()
    if os.environ.get("PROFILE_TEMPLATES"):
        per_template(lambda: get(application, path), before=cache.clear)
    measure("article cold", lambda: get(application, path), 60, before=cache.clear)
    measure("article warm", lambda: get(application, path))
    measure("healthz", lambda: get(application, "/healthz"), REQUESTS * 5)
    per_middleware("/healthz")
    # What the connection health check (a SELECT 1 before the first query of
    # every request, settings.DATABASES) costs: the same without it.
    from django.db import connection

    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()
    measure(
        "healthz without health check",
        lambda: get(application, "/healthz"),
        REQUESTS * 5,
    )
    measure(
        "article cold without health check",
        lambda: get(application, path),
        60,
        before=cache.clear,
    )
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    connection.close()
    measure("content_version", caching.content_version, REQUESTS * 5)


def bare() -> None:
    import scripts.bare_django as bare_django

    measure("bare", lambda: get(bare_django.application, "/"), REQUESTS * 5)


def run(database_url: str) -> int:
    static_root = tempfile.mkdtemp(prefix="profile-static-")
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
        "DJANGO_SERVE_MEDIA": "true",
    }
    manage = [sys.executable, "manage.py"]
    for command in ("collectstatic", "migrate"):
        subprocess.run(
            [*manage, command, "--no-input", "-v0"], check=True, env=env, cwd=BASE_DIR
        )
    for which in ("site", "bare"):
        subprocess.run(
            [sys.executable, "-m", "scripts.profile_requests", which],
            check=True,
            env=env,
            cwd=BASE_DIR,
        )
    return 0


def main() -> int:
    if sys.argv[1:] == ["site"]:
        site()
        return 0
    if sys.argv[1:] == ["bare"]:
        bare()
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
