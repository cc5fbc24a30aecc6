"""Defects a third independent probe found in the site's machinery (issue 26)."""

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client

from movisie_site import backup
from tests.factories import ArticleFactory, CommentFactory

from .test_foundation import run_python

pytestmark = pytest.mark.django_db


def held_bytes() -> int:
    """What the per-process cache holds, counted from its store."""
    return sum(len(value) for value in cache._cache.values())


# --- 5. The per-process page cache is bounded by bytes ---------------------------


@pytest.fixture
def small_cache(settings):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "OPTIONS": {"MAX_ENTRIES": 2000, "MAX_BYTES": 400_000},
        }
    }
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_never_holds_more_bytes_than_its_bound(small_cache):
    for n in range(40):
        cache.set(f"page-{n}", os.urandom(50_000))
    assert held_bytes() <= 400_000
    assert cache.get("page-39") is not None  # the latest stay
    assert cache.get("page-0") is None  # the least recently used went
    cache.set("huge", os.urandom(500_000))  # bigger than the whole bound
    assert cache.get("huge") is None
    assert held_bytes() <= 400_000


def test_many_pages_of_a_long_thread_stay_within_the_bound(small_cache, settings):
    settings.COMMENTS_PER_PAGE = 1
    article = ArticleFactory(body="<p>" + "Een lange tekst. " * 4000 + "</p>")
    for _ in range(30):
        CommentFactory(item=article)
    for page in range(1, 31):
        assert (
            Client().get(article.get_absolute_url(), {"page": page}).status_code == 200
        )
    assert held_bytes() <= 400_000


# --- 12. restore_site explains a malformed manifest in Dutch -----------------------


def backup_folder(tmp_path, manifest) -> Path:
    folder = tmp_path / "movisie-20261207-000000"
    (folder / backup.FILES_DIR).mkdir(parents=True)
    (folder / backup.DUMP_NAME).write_bytes(b"PGDMP")
    (folder / backup.MANIFEST_NAME).write_text(json.dumps(manifest))
    return folder


GOOD_DATABASE = {
    "file": backup.DUMP_NAME,
    "sha256": hashlib.sha256(b"PGDMP").hexdigest(),
}
MALFORMED = {
    "a list": [],
    "no database": {"format": backup.FORMAT, "files": {}},
    "database is a string": {"format": backup.FORMAT, "database": "x", "files": {}},
    "dump outside the folder": {
        "format": backup.FORMAT,
        "database": {"file": "../../../etc/passwd", "sha256": "0"},
        "files": {},
    },
    "dump is a folder": {
        "format": backup.FORMAT,
        "database": {"file": backup.FILES_DIR, "sha256": "0"},
        "files": {},
    },
    "files is a list": {
        "format": backup.FORMAT,
        "database": GOOD_DATABASE,
        "files": [],
    },
    "file outside the folder": {
        "format": backup.FORMAT,
        "database": GOOD_DATABASE,
        "files": {"../../geheim.txt": "0"},
    },
    "absolute file name": {
        "format": backup.FORMAT,
        "database": GOOD_DATABASE,
        "files": {"/etc/passwd": "0"},
    },
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_manifest_gets_the_dutch_message_and_nothing_is_written(
    case, tmp_path
):
    folder = backup_folder(tmp_path, MALFORMED[case])
    with pytest.raises(CommandError) as refused:
        call_command("restore_site", str(folder))
    message = str(refused.value)
    assert re.search(r"back-up|manifest|Onveilige", message), message
    assert not default_storage.exists("geheim.txt")


# --- 13. DJANGO_EMAIL_BACKEND: options only for the backend that takes them ------


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_another_mail_backend_than_smtp_sends(backend):
    result = run_python(
        "import django; django.setup(); from django.core.mail import send_mail; "
        "print(send_mail('Onderwerp', 'Tekst', 'a@example.nl', ['b@example.nl']))",
        DJANGO_SETTINGS_MODULE="movisie_site.settings.dev",
        DJANGO_EMAIL_BACKEND=backend,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"


def test_smtp_still_gets_its_options(settings):
    from movisie_site.settings import mail

    options = mail.EMAIL_BACKEND_OPTIONS[mail.SMTP_BACKEND]()
    assert {"host", "port", "timeout"} <= set(options)


# --- 11. Production refuses to start with uploads readers cannot reach ------------

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "movisie_site.settings.production",
    "DJANGO_SECRET_KEY": "k" * 30 + "-abcdefghijklmnopqrstuvwxyz",
    "SITE_URL": "https://www.example.nl",
}
SHOW_MEDIA = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.SERVE_MEDIA, settings.STORAGES['default']['BACKEND'])"
)


def test_production_without_a_bucket_refuses_to_start_in_dutch():
    result = run_python(SHOW_MEDIA, **PRODUCTION)
    assert result.returncode != 0
    assert "Geen opslag voor uploads die lezers kunnen bereiken" in result.stderr
    assert "DJANGO_S3_BUCKET" in result.stderr


@pytest.mark.parametrize(
    ("extra", "serves"),
    [
        ({"DJANGO_SERVE_MEDIA": "true"}, "True"),
        ({"DJANGO_MEDIA_URL": "https://bestanden.example.nl/"}, "False"),
        ({"DJANGO_S3_BUCKET": "media"}, "False"),
    ],
)
def test_production_starts_with_uploads_readers_can_reach(extra, serves):
    result = run_python(SHOW_MEDIA, **PRODUCTION, **extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == serves
