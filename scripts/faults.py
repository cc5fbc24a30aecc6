"""``make faults``: the site under load while PostgreSQL fails underneath it.

Runs gunicorn with production settings on its own embedded PostgreSQL
(``.data/faults-pg``) and, while reader threads keep requesting pages and
visitor threads keep posting reactions (form fetched, question answered,
3.5 s of typing, every form field posted back; see scripts/visitor.py):

1. stops PostgreSQL (fast shutdown) for a few seconds, then starts it again;
2. switches the database to read-only (``default_transaction_read_only``),
   as a replica in recovery or a full disk would, then back. A reaction
   whose form was fetched just before is posted while read-only: it must
   get the Dutch 503 ("probeer het later opnieuw") and not be stored.

It prints what readers and visitors got in each phase and exits non-zero
when a promise is broken: any 5xx other than 503, a 503 without the Dutch
maintenance page, a request that hangs longer than the timeout, no recovery
within a few seconds after the database is back, an accepted reaction that
is not in the database, a refused one that is, or a half-written one.
Traffic goes to 127.0.0.1 only and the run is bounded in time.

Not covered here: a mail server that is down. Mails go through the outbox
(comments/notifications.py) after commit and are retried by
``send_notifications``; tests/comments/test_notifications.py covers that.
"""

from __future__ import annotations

import collections
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import psycopg

from movisie_site import devdb
from scripts.prodserver import (
    free_port,
    get,
    production_env,
    production_server,
    seed_site,
)
from scripts.visitor import (
    HttpVisitor,
    check_markers,
    filled_form,
    new_marker,
    stored_reactions,
)

READER_PATHS = ["/", "/dossiers/", "/artikelen/", "/healthz"]
MAINTENANCE_TEXT = "De website is tijdelijk niet beschikbaar"
REQUEST_TIMEOUT = 15.0  # seconds a reader may wait before we call it a hang
MAX_RECOVERY = 5.0  # seconds after the database is back
TYPING_SECONDS = 3.5  # a visitor never posts faster than this
TRY_LATER_TEXT = "Probeer het later opnieuw"
POSTERS = 3


@dataclass
class Sample:
    at: float
    path: str
    status: int
    seconds: float
    maintenance_page: bool


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def between(self, start: float, end: float) -> list[Sample]:
        return [s for s in self.samples if start <= s.at < end]


def reader(base: str, recorder: Recorder, stop: threading.Event, offset: int) -> None:
    i = offset
    while not stop.is_set():
        path = READER_PATHS[i % len(READER_PATHS)]
        i += 1
        started = time.monotonic()
        try:
            status, body = get(base + path, timeout=REQUEST_TIMEOUT)
        except OSError:
            status, body = 0, b""
        recorder.add(
            Sample(
                at=started,
                path=path,
                status=status,
                seconds=time.monotonic() - started,
                maintenance_page=MAINTENANCE_TEXT.encode() in body,
            )
        )
        time.sleep(0.02)


@dataclass
class Post:
    at: float  # when the POST was sent
    status: int
    seconds: float
    marker: str
    outcome: str  # accepted, refused or unknown (no answer)
    maintenance_page: bool


def poster(
    base: str, reply_path: str, posts: list[Post], stop: threading.Event, n: int
) -> None:
    """A visitor who reacts again and again: fetch form, type, post."""
    form_path = reply_path.replace("/reageer/", "/formulier/")
    visitor = HttpVisitor(timeout=REQUEST_TIMEOUT, forwarded_for=f"198.51.100.{n + 1}")
    stop.wait(n * TYPING_SECONDS / POSTERS)  # spread the posts over time
    while not stop.is_set():
        try:
            page = visitor.get(base + form_path)
        except OSError:
            page = None
        if page is None or page.status != 200:
            stop.wait(0.5)
            continue
        marker = new_marker()
        fields = filled_form(
            page.text,
            name=f"Bezoeker {n}",
            email=f"bezoeker{n}@example.nl",
            text=f"Bij ons werkt een buurtkamer goed. {marker}",
        )
        if stop.wait(TYPING_SECONDS):
            break
        started = time.monotonic()
        try:
            answer = visitor.post(base + reply_path, fields)
            status, body = answer.status, answer.text
            location = answer.headers.get("Location", "")
        except OSError:
            status, body, location = 0, "", ""
        if status == 302 and "/ontvangen/" in location:
            outcome = "accepted"
        elif status == 0:
            outcome = "unknown"
        else:
            outcome = "refused"
        posts.append(
            Post(
                at=started,
                status=status,
                seconds=time.monotonic() - started,
                marker=marker,
                outcome=outcome,
                maintenance_page=MAINTENANCE_TEXT in body,
            )
        )


def summarise_posts(name: str, posts: list[Post]) -> None:
    outcomes = collections.Counter(p.outcome for p in posts)
    statuses = collections.Counter(p.status for p in posts)
    print(
        f"  {name:<28} {len(posts):>5} posts"
        f"     statuses {dict(sorted(statuses.items()))}"
        f"  {dict(sorted(outcomes.items()))}"
    )


def summarise(name: str, samples: list[Sample]) -> dict[int, int]:
    counts = collections.Counter(s.status for s in samples)
    slowest = max((s.seconds for s in samples), default=0.0)
    print(
        f"  {name:<28} {len(samples):>5} requests"
        f"  statuses {dict(sorted(counts.items()))}  slowest {slowest * 1000:.0f} ms"
    )
    return counts


def first_all_ok_after(recorder: Recorder, since: float) -> float | None:
    """Seconds after ``since`` from which every request answered < 500."""
    later = sorted(recorder.between(since, float("inf")), key=lambda s: s.at)
    last_bad = None
    for sample in later:
        if sample.status >= 500 or sample.status == 0:
            last_bad = sample.at + sample.seconds
    if not later:
        return None
    return 0.0 if last_bad is None else last_bad - since


def set_read_only(admin_url: str, on: bool) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        value = "on" if on else "off"
        conn.execute(f"ALTER SYSTEM SET default_transaction_read_only = {value}")
        conn.execute("SELECT pg_reload_conf()")


def queued_mails(database_url: str) -> dict[str, int]:
    """The e-mail outbox after the run (outbox.OutgoingMail)."""
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as c:
        queued, sent, failed = c.execute(
            "SELECT count(*), count(sent_at), count(*) FILTER (WHERE last_error <> '')"
            " FROM outbox_outgoingmail WHERE kind = 'comments.moderator'"
        ).fetchone()
    return {"queued": queued, "sent": sent, "failed": failed}


def main() -> int:
    pgdata = devdb.DATA_DIR / "faults-pg"
    server = devdb.start(pgdata)
    devdb._ensure_database(server, "movisie")
    url = devdb._url(server, "movisie")
    admin_url = devdb._url(server, "postgres").replace(
        "postgres://", "postgresql://", 1
    )
    # The mail server is down for the whole run: every reaction queues a
    # moderator mail that cannot be sent (SMTP to a port nobody listens on).
    mail_down = {
        "COMMENTS_MODERATOR_EMAILS": "moderatie@example.nl",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(free_port()),
        "DJANGO_EMAIL_TIMEOUT": "3",
        # This run is about the database and mail failing, not about rate
        # limits: the same few visitors post every few seconds, run after run.
        "COMMENTS_RATE_LIMIT": "100000",
        "COMMENTS_QUESTION_LIMIT": "100000",
    }
    env = production_env(url, **mail_down)
    set_read_only(admin_url, False)
    # An article open for reactions (the bench's, with 200 reactions).
    reply_path = seed_site(env)["LOAD_REPLY_PATH"]

    problems: list[str] = []
    recorder = Recorder()
    posts: list[Post] = []
    stop = threading.Event()
    try:
        with production_server(url, workers=2, extra_env=mail_down) as base:
            threads = [
                threading.Thread(target=reader, args=(base, recorder, stop, n))
                for n in range(4)
            ] + [
                threading.Thread(target=poster, args=(base, reply_path, posts, stop, n))
                for n in range(POSTERS)
            ]
            for thread in threads:
                thread.start()
            t0 = time.monotonic()
            time.sleep(5 + TYPING_SECONDS)  # visitors post before the fault too

            # Phase 1: the database goes away and comes back.
            down_at = time.monotonic()
            devdb.stop(server)
            time.sleep(6)
            up_at = time.monotonic()
            server.ensure_postgres_running()
            time.sleep(8)

            # Phase 2: the database turns read-only. One reaction's form is
            # fetched just before, and posted while read-only.
            late = HttpVisitor(timeout=REQUEST_TIMEOUT)
            late_form = late.get(base + reply_path.replace("/reageer/", "/formulier/"))
            late_marker = new_marker()
            ro_at = time.monotonic()
            set_read_only(admin_url, True)
            time.sleep(0.5)
            write_status, write_body = _try_a_write(base)
            time.sleep(max(0.0, TYPING_SECONDS - 0.5))
            late_answer = late.post(
                base + reply_path,
                filled_form(
                    late_form.text,
                    name="Laatkomer",
                    email="laat@example.nl",
                    text=f"Verstuurd toen alles alleen-lezen was. {late_marker}",
                ),
            )
            time.sleep(4)
            set_read_only(admin_url, False)
            rw_at = time.monotonic()
            time.sleep(3 + TYPING_SECONDS)  # time for visitors to post again
            stop.set()
            for thread in threads:
                thread.join(timeout=REQUEST_TIMEOUT + 5)
            end = time.monotonic()
        stored = stored_reactions(admin_url.rsplit("/", 1)[0] + "/movisie")
        mails = queued_mails(admin_url.rsplit("/", 1)[0] + "/movisie")
    finally:
        stop.set()
        devdb.stop(server)

    print("make faults: readers on", ", ".join(READER_PATHS), "with 4 threads")
    summarise("before", recorder.between(t0, down_at))
    down = recorder.between(down_at + 0.5, up_at)
    summarise("database down", down)
    summarise("database back", recorder.between(up_at, ro_at))
    ro = recorder.between(ro_at + 0.5, rw_at)
    summarise("database read-only", ro)
    summarise("database writable again", recorder.between(rw_at, end))

    recovery = first_all_ok_after(recorder, up_at)
    print(f"  recovery after restart: {recovery:.2f} s" if recovery is not None else "")
    print(f"  a write while read-only answered {write_status}")

    print(f"visitors posting reactions with {POSTERS} threads:")

    def posted(start: float, end: float) -> list[Post]:
        return [p for p in posts if start <= p.at < end]

    summarise_posts("before", posted(t0, down_at))
    summarise_posts("database down", posted(down_at, up_at))
    summarise_posts("database back", posted(up_at, ro_at))
    summarise_posts("database read-only", posted(ro_at, rw_at))
    summarise_posts("database writable again", posted(rw_at, end))
    accepted = {p.marker for p in posts if p.outcome == "accepted"}
    refused = {p.marker for p in posts if p.outcome == "refused"} | {late_marker}
    print(
        f"  reactions: {len(accepted)} accepted, "
        f"{len(accepted & stored.keys())} of them in the database; "
        f"{len(refused)} refused, {len(refused & stored.keys())} of them in the "
        f"database; {sum(p.outcome == 'unknown' for p in posts)} without an answer"
    )
    try_later = TRY_LATER_TEXT in late_answer.text
    print(
        f"  a reaction posted while read-only answered {late_answer.status}"
        + (f" with “{TRY_LATER_TEXT}”" if try_later else "")
    )
    print(
        f"mail server down throughout: {mails['queued']} moderator mails queued,"
        f" {mails['sent']} sent, {mails['failed']} with the failure logged"
        " (send_notifications retries them)"
    )
    if accepted and mails["queued"] < len(accepted):
        problems.append("accepted reactions without a queued moderator mail")
    if mails["sent"]:
        problems.append("mails were reported sent while the mail server was down")
    problems.extend(check_markers(accepted, refused, stored))
    if late_answer.status != 503 or TRY_LATER_TEXT not in late_answer.text:
        problems.append(
            f"a reaction posted while read-only answered {late_answer.status},"
            f" not 503 with “{TRY_LATER_TEXT}”"
        )
    if not any(p.outcome == "accepted" for p in posted(up_at, ro_at)):
        problems.append("no reaction accepted after the database came back")
    if not any(p.outcome == "accepted" for p in posted(rw_at, end)):
        problems.append("no reaction accepted after the database was writable again")
    for post in posts:
        if post.status >= 500 and post.status != 503:
            problems.append(f"a reaction post answered {post.status}")
        if post.status == 503 and not post.maintenance_page:
            problems.append("a reaction post answered 503 without the maintenance page")
        if post.status == 0:
            problems.append(f"a reaction post got no answer within {REQUEST_TIMEOUT} s")

    for sample in recorder.samples:
        if sample.status >= 500 and sample.status != 503:
            problems.append(f"{sample.path} answered {sample.status}")
        if (
            sample.status == 503
            and sample.path != "/healthz"
            and not sample.maintenance_page
        ):
            problems.append(f"{sample.path} answered 503 without the maintenance page")
        if sample.status == 0:
            problems.append(f"{sample.path} got no answer within {REQUEST_TIMEOUT} s")
    if not any(s.status == 503 for s in down if s.path == "/healthz"):
        problems.append("/healthz did not answer 503 while the database was down")
    if recovery is None or recovery > MAX_RECOVERY:
        problems.append(f"no full recovery within {MAX_RECOVERY} s after restart")
    reader_errors = [s for s in ro if s.status >= 500]
    if reader_errors:
        problems.append(f"{len(reader_errors)} reader requests failed while read-only")
    if write_status != 503 or MAINTENANCE_TEXT.encode() not in write_body:
        problems.append(f"a write while read-only answered {write_status}, not 503")

    for problem in sorted(set(problems)):
        print("PROBLEM:", problem)
    print("faults: OK" if not problems else "faults: FAILED")
    return 1 if problems else 0


def _try_a_write(base: str) -> tuple[int, bytes]:
    """Log in to the admin: Django writes a session row and last_login.

    Production cookies are Secure, so we speak as the TLS proxy would
    (X-Forwarded-Proto: https) and carry the CSRF cookie ourselves.
    """
    https = {"X-Forwarded-Proto": "https"}
    request = urllib.request.Request(base + "/admin/login/", headers=https)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        page = response.read().decode()
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "admin",
            "password": os.environ.get("DEMO_ADMIN_PASSWORD", "admin"),
            "next": "/admin/",
        }
    ).encode()
    origin = base.replace("http://", "https://")
    request = urllib.request.Request(  # noqa: S310
        base + "/admin/login/",
        data=data,
        headers={**https, "Cookie": cookie, "Referer": origin + "/admin/login/"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


if __name__ == "__main__":
    sys.exit(main())
