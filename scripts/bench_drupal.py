"""``make bench`` (third part): import a Drupal 7 site of 10,000 nodes and
50,000 comments, and report the time and the importer's peak memory.

The source is a throwaway MariaDB server (the common case for Drupal 7;
Debian's mariadb-server, as in the tests), or a second database on the
PostgreSQL cluster when MariaDB is not installed. Its tables are Drupal 7's
own (tests/drupal7/schema.py). The target is a fresh database on a throwaway
embedded PostgreSQL (or on DATABASE_URL's server). Sizes: BENCH_NODES,
BENCH_COMMENTS_PER_NODE. Fails when the import takes longer than
BENCH_DRUPAL_LIMIT seconds (120) or does not bring everything over.

The import runs in a child process (``--import URL``), the command as
``manage.py import_drupal7`` runs it, which counts the queries it sends to
both databases and reports its own peak memory. A second run follows, which
must write nothing (no row more, none rewritten); its time is reported too.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass

import django
import psycopg
from django.core.management import call_command
from django.db import connection

from drupal7.source import Source
from movisie_site import devdb
from scripts.prodserver import BASE_DIR, manage, production_env
from tests.drupal7.mariadb import MariaDB, binaries
from tests.drupal7.schema import ddl
from tests.drupal7.site import int2vancode

NODES = int(os.environ.get("BENCH_NODES", "10000"))
PER_NODE = int(os.environ.get("BENCH_COMMENTS_PER_NODE", "5"))
LIMIT = float(os.environ.get("BENCH_DRUPAL_LIMIT", "120"))
CHILD = ["-m", "scripts.bench_drupal", "--import"]


def _profile(setting: str) -> list[str]:
    """BENCH_PROFILE=1: the import under cProfile, slowest calls first;
    BENCH_PROFILE=out.prof: the profile into that file (pstats, snakeviz)."""
    if not setting:
        return []
    if setting == "1":
        return ["-m", "cProfile", "-s", "cumtime"]
    return ["-m", "cProfile", "-o", os.path.abspath(setting)]


PROFILE = _profile(os.environ.get("BENCH_PROFILE", ""))
WORDS = [
    "sociale",
    "innovatie",
    "wijk",
    "bewoners",
    "samenwerking",
    "kennis",
    "onderzoek",
    "aanpak",
    "gemeente",
    "vrijwilligers",
    "jongeren",
    "armoede",
    "eenzaamheid",
    "zorg",
    "netwerk",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def fill(connection, engine: str) -> None:
    """Drupal 7's tables with NODES articles, PER_NODE comments each."""
    rng = random.Random(7)  # noqa: S311 (test data)
    cursor = connection.cursor()
    for statement in ddl(engine):
        cursor.execute(statement)

    def insert(table, rows):
        if not rows:
            return
        columns = list(rows[0])
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})",
            [tuple(row[c] for c in columns) for row in rows],
        )

    insert("role", [{"rid": 3, "name": "editor", "weight": 3}])
    insert(
        "users",
        [
            {
                "uid": uid,
                "name": f"redacteur{uid}",
                "mail": f"r{uid}@example.org",
                "status": 1,
                "created": 0,
            }
            for uid in range(1, 21)
        ],
    )
    insert("users_roles", [{"uid": 1, "rid": 3}])
    insert("taxonomy_vocabulary", [{"vid": 1, "name": "Tags", "machine_name": "tags"}])
    insert(
        "taxonomy_term_data",
        [
            {"tid": t, "vid": 1, "name": f"Thema {t}", "format": "plain_text"}
            for t in range(1, 21)
        ],
    )
    cid = 0
    step = 500
    for start in range(1, NODES + 1, step):
        nodes, revisions, bodies, tags, aliases, comments, cbodies = (
            [] for _ in range(7)
        )
        for nid in range(start, min(start + step, NODES + 1)):
            created = 1_400_000_000 + nid * 3600
            uid = 1 + nid % 20
            title = f"{sentence(rng, 6)[:-1]} {nid}"
            nodes.append(
                {
                    "nid": nid,
                    "vid": nid,
                    "type": "article",
                    "language": "und",
                    "title": title,
                    "uid": uid,
                    "status": 1,
                    "created": created,
                    "changed": created,
                    "comment": 2,
                }
            )
            revisions.append(
                {
                    "nid": nid,
                    "vid": nid,
                    "uid": uid,
                    "title": title,
                    "log": "",
                    "timestamp": created,
                }
            )
            body = "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(4))
            bodies.append(
                {
                    "entity_type": "node",
                    "bundle": "article",
                    "deleted": 0,
                    "entity_id": nid,
                    "revision_id": nid,
                    "language": "und",
                    "delta": 0,
                    "body_value": body,
                    "body_summary": sentence(rng, 20),
                    "body_format": "filtered_html",
                }
            )
            tags.append(
                {
                    "entity_type": "node",
                    "bundle": "article",
                    "deleted": 0,
                    "entity_id": nid,
                    "revision_id": nid,
                    "language": "und",
                    "delta": 0,
                    "field_tags_tid": 1 + nid % 20,
                }
            )
            aliases.append(
                {
                    "source": f"node/{nid}",
                    "alias": f"nieuws/bericht-{nid}",
                    "language": "und",
                }
            )
            threads = {}
            for i in range(PER_NODE):
                cid += 1
                parent = cid - 1 if i % 2 else 0  # every other comment a reply
                thread = f"{threads[parent]}.00" if parent else int2vancode(i // 2 + 1)
                threads[cid] = thread
                comments.append(
                    {
                        "cid": cid,
                        "pid": parent,
                        "nid": nid,
                        "uid": 0,
                        "subject": "Reactie",
                        "hostname": f"192.0.2.{cid % 250}",
                        "created": created + 60 * (i + 1),
                        "changed": created,
                        "status": 1,
                        "thread": thread + "/",
                        "name": f"Lezer {cid}",
                        "mail": f"lezer{cid}@example.org",
                        "homepage": "",
                        "language": "und",
                    }
                )
                cbodies.append(
                    {
                        "entity_type": "comment",
                        "bundle": "comment_node_article",
                        "deleted": 0,
                        "entity_id": cid,
                        "revision_id": cid,
                        "language": "und",
                        "delta": 0,
                        "comment_body_value": sentence(rng, 50),
                        "comment_body_format": "filtered_html",
                    }
                )
        insert("node", nodes)
        insert("node_revision", revisions)
        insert("field_data_body", bodies)
        insert("field_data_field_tags", tags)
        insert("url_alias", aliases)
        insert("comment", comments)
        insert("field_data_comment_body", cbodies)
        connection.commit()
    cursor.close()


def main() -> int:
    pg = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        pg, url = devdb.start_throwaway()
    mariadb = None
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            for name in ("movisie_bench_drupal", "drupal7_bench"):
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute("CREATE DATABASE movisie_bench_drupal")
        base = url.rsplit("/", 1)[0]
        target = f"{base}/movisie_bench_drupal"
        if binaries() is not None:
            mariadb = MariaDB()
            mariadb.start()
            with mariadb.connect() as conn, conn.cursor() as cursor:
                cursor.execute("CREATE DATABASE drupal7_bench CHARACTER SET utf8mb4")
            source_conn = mariadb.connect("drupal7_bench")
            source, engine = mariadb.url("drupal7_bench"), "MariaDB"
            fill(source_conn, "mysql")
        else:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE DATABASE drupal7_bench")
            source, engine = f"{base}/drupal7_bench", "PostgreSQL"
            source_conn = psycopg.connect(source)
            fill(source_conn, "postgresql")
        source_conn.close()
        env = production_env(target)
        manage("migrate", "--no-input", "-v", "0", env=env)
        print(
            f"Drupal 7 import: {NODES} nodes, {NODES * PER_NODE} comments "
            f"from {engine} (2 shared CPU cores: expect noise)",
            flush=True,
        )
        first = _import(source, env)
        written = _counts(target)
        print(
            f"  {first.seconds:.1f} s wall clock, peak memory of the import "
            f"{first.peak_mb:.0f} MB (max RSS); {written['articles']} articles, "
            f"{written['reactions']} reactions, {written['ips']} with an IP "
            f"address; {first.per_node}; load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        ok = (
            first.status == 0
            and written["articles"] == NODES
            and written["reactions"] == NODES * PER_NODE
            and written["ips"] == 0
            and first.seconds <= LIMIT
        )
        if not ok:
            print(f"  FAILED: expected everything in under {LIMIT:.0f} s", flush=True)
        second = _import(source, env)
        again = _counts(target)
        print(
            f"  Second run (nothing changed): {second.seconds:.1f} s, peak memory "
            f"{second.peak_mb:.0f} MB; {second.per_node}; "
            f"{'nothing written twice' if again == written else 'ROWS CHANGED'}",
            flush=True,
        )
        if second.status != 0 or again != written:
            print("  FAILED: the second run must write nothing", flush=True)
            ok = False
        return 0 if ok else 1
    finally:
        if mariadb is not None:
            mariadb.stop()
        if pg is not None:
            devdb.stop(pg, delete=True)


@dataclass
class ImportRun:
    seconds: float
    status: int
    measured: dict

    @property
    def peak_mb(self) -> float:
        return self.measured.get("peak_mb", 0)

    @property
    def per_node(self) -> str:
        target, source = self.measured.get("target", 0), self.measured.get("source", 0)
        return (
            f"{(target + source) / NODES:.2f} queries per node ({target} on "
            f"PostgreSQL, {source} on the source)"
        )


def _import(source: str, env: dict[str, str]) -> ImportRun:
    """One run of the import in a child process (``--import``), timed."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, *PROFILE, *CHILD, source],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    print(
        result.stdout[-1500:] if not PROFILE else result.stdout[:6000],
        result.stderr[-1500:],
        sep="\n",
        flush=True,
    )
    return ImportRun(seconds, result.returncode, _measurements(result.stderr))


def _counts(target: str) -> dict:
    """What the import wrote: rows per table and the latest write in each
    (a second run that rewrites a row moves it), and reactions with an IP
    address."""
    tables = {
        "articles": ("articles_article", "max(updated_at)"),
        "reactions": ("comments_comment", "max(updated_at)"),
        "redirects": ("django_redirect", "max(id)"),
        "mapping": ("drupal7_importeditem", "max(imported_at)"),
    }
    counts = {}
    with psycopg.connect(target) as conn:
        for name, (table, latest) in tables.items():
            counts[name], counts[f"{name} latest"] = conn.execute(
                f"SELECT count(*), {latest} FROM {table}"  # noqa: S608
            ).fetchone()
        counts["ips"] = conn.execute(
            "SELECT count(*) FROM comments_comment c WHERE c::text LIKE '%%192.0.2.%%'"
        ).fetchone()[0]
    return counts


MEASURED = "bench_drupal measured: "


def _measurements(stderr: str) -> dict:
    for line in reversed(stderr.splitlines()):
        if line.startswith(MEASURED):
            return json.loads(line.removeprefix(MEASURED))
    return {}


def import_counting_queries(source: str) -> int:
    """The child: ``import_drupal7 --source`` with its queries counted.

    On PostgreSQL every statement through Django's cursor, and every COPY
    (drupal7/bulk.py), which bypasses Django's execute wrappers; on the
    source every query the reader sends.
    """
    django.setup()
    counts = Counter()

    def count_target(execute, sql, params, many, context):
        counts["target"] += 1
        return execute(sql, params, many, context)

    def counted(method, key):
        def wrapper(self, *args, **kwargs):
            counts[key] += 1
            return method(self, *args, **kwargs)

        return wrapper

    connection.execute_wrappers.append(count_target)
    psycopg.Cursor.copy = counted(psycopg.Cursor.copy, "target")
    Source.rows = counted(Source.rows, "source")
    status = 0
    try:
        call_command("import_drupal7", "--source", source)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    sys.stdout.flush()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(MEASURED + json.dumps({**counts, "peak_mb": peak_mb}), file=sys.stderr)
    return status


if __name__ == "__main__":
    if sys.argv[1:2] == ["--import"]:
        sys.exit(import_counting_queries(sys.argv[2]))
    sys.exit(main())
