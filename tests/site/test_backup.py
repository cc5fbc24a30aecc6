"""A backup that has been restored: ``backup_site`` then ``restore_site``.

A site with content (the demo dossiers and articles), reactions (approved
and awaiting moderation), an uploaded image with its sizes, and an editor is
backed up while it runs, restored into a new, empty database and an empty
bucket (a real SeaweedFS), and then served by a second gunicorn. A reader
and an editor must see the same pages, and the same image bytes, on both.
"""

import io
import re
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from comments.models import CommentStatus
from core.images import store_image_sizes
from scripts.forms import form_data
from scripts.prodserver import BASE_DIR, production_env, production_server
from scripts.visitor import HttpVisitor
from tests.factories import CommentFactory
from tests.images import uploaded_image
from tests.s3server import public_get

from .test_two_servers import _url_for

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-lang-wachtwoord-voor-de-redactie"


@pytest.fixture
def site_with_content(s3_storage, demo_content):
    # The bucket first: the demo's own pictures (drawn images since issue 24)
    # are uploaded to it like the test's, so both servers can show them.
    article = Article.objects.published().order_by("pk").first()
    article.image = uploaded_image(width=1200, height=800)
    article.image_alt = "Twee buren op een bankje"
    article.save()
    store_image_sizes(item=article)  # as the admin does
    CommentFactory(item=article, name="Fatima", text="Dit werkt bij ons ook.")
    CommentFactory(
        item=article,
        name="Joost",
        text="Nog niet beoordeeld.",
        status=CommentStatus.PENDING,
    )
    get_user_model().objects.create(
        username="redacteur",
        is_staff=True,
        is_superuser=True,
        password=PBKDF2PasswordHasher().encode(PASSWORD, "zoutzoutzout"),
    )
    return article


@pytest.fixture
def empty_database():
    """A new database on the same server, dropped afterwards."""
    settings_dict = connection.settings_dict
    name = f"restored_{secrets.token_hex(4)}"
    maintenance = _url_for({**settings_dict, "NAME": "postgres"})
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _url_for({**settings_dict, "NAME": name})
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def normalised(html: str, site: str, media: str) -> str:
    # Pages name their own host (canonical, og:url) and the bucket's address.
    html = html.replace(media, "MEDIA/").replace(site.split("//")[1], "SITE")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    return re.sub(r'nonce="[^"]+"', "NONCE", html)


def logged_in_editor(base: str) -> HttpVisitor:
    editor = HttpVisitor()
    login = editor.get(base + "/admin/login/")
    fields = {k: v[0] for k, v in form_data(login.text, "login-form").items()}
    answer = editor.post(
        base + "/admin/login/",
        {**fields, "username": "redacteur", "password": PASSWORD},
    )
    assert answer.status == 302, answer.text[:2000]
    return editor


def test_a_restored_backup_shows_readers_and_editors_the_same_site(
    site_with_content, s3_server, empty_database, tmp_path
):
    article = site_with_content
    call_command("backup_site", str(tmp_path))
    (backup,) = tmp_path.glob("movisie-*")

    original_env = s3_server.env
    restored_env = {**s3_server.env, "DJANGO_S3_BUCKET": "restored"}
    restored = subprocess.run(
        [sys.executable, "manage.py", "restore_site", str(backup)],
        cwd=BASE_DIR,
        env=production_env(empty_database, **restored_env),
        check=True,
        capture_output=True,
        text=True,
    )
    # Not a terminal (a log): no bar, no control characters, and a run this
    # short adds no progress line to the command's own closing line.
    assert "\r" not in restored.stdout
    (closing,) = restored.stdout.splitlines()
    assert closing.startswith("Teruggezet: database en "), restored.stdout
    original_url = _url_for(connection.settings_dict)
    reader_paths = [
        "/",
        "/artikelen/",
        article.get_absolute_url(),
        *(d.get_absolute_url() for d in article.dossiers.all()),
        "/zoeken/?q=buurt",
        "/feeds/artikelen/",
        "/sitemap.xml",
    ]
    editor_paths = [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/comments/comment/",
        "/admin/auth/user/",
    ]
    media = {
        "original": f"{s3_server.endpoint}/media/",
        "restored": f"{s3_server.endpoint}/restored/",
    }
    try:
        with (
            production_server(original_url, workers=1, extra_env=original_env) as a,
            production_server(empty_database, workers=1, extra_env=restored_env) as b,
        ):
            reader = HttpVisitor()
            editors = logged_in_editor(a), logged_in_editor(b)
            for path, visitors in [
                *((p, (reader, reader)) for p in reader_paths),
                *((p, editors) for p in editor_paths),
            ]:
                before = visitors[0].get(a + path)
                after = visitors[1].get(b + path)
                assert (before.status, after.status) == (200, 200), path
                assert normalised(after.text, b, media["restored"]) == normalised(
                    before.text, a, media["original"]
                ), path

            page = reader.get(b + article.get_absolute_url()).text
            assert "Dit werkt bij ons ook." in page
            assert "Nog niet beoordeeld." not in page
            queue = editors[1].get(b + "/admin/comments/comment/").text
            assert "Nog niet beoordeeld." in queue
            images = re.findall(r'(?:src|srcset)="([^"]+)"', page)
            urls = {
                url.split()[0]
                for value in images
                for url in value.split(", ")
                if url.startswith(media["restored"])
            }
            assert urls, "the restored page shows no uploaded image"
            for url in urls:
                status, _, restored_bytes = public_get(url)
                original = url.replace(media["restored"], media["original"])
                assert status == 200, url
                assert restored_bytes == public_get(original)[2]
    finally:
        s3_server.empty_bucket("restored")


def test_restore_refuses_a_database_that_is_not_empty(site_with_content, tmp_path):
    call_command("backup_site", str(tmp_path))
    (backup,) = tmp_path.glob("movisie-*")

    with pytest.raises(CommandError, match="database is niet leeg"):
        call_command("restore_site", str(backup))


def test_restore_refuses_a_damaged_backup(site_with_content, tmp_path):
    call_command("backup_site", str(tmp_path))
    (backup,) = tmp_path.glob("movisie-*")
    image = next((backup / "files").rglob("*.jpg"))
    image.write_bytes(image.read_bytes()[:-10])

    with pytest.raises(CommandError, match="beschadigd"):
        call_command("restore_site", str(backup))


def test_the_backup_holds_every_uploaded_file(site_with_content, tmp_path):
    call_command("backup_site", str(tmp_path))
    (backup,) = tmp_path.glob("movisie-*")
    copied = sorted(
        str(p.relative_to(backup / "files"))
        for p in (backup / "files").rglob("*")
        if p.is_file()
    )
    assert site_with_content.image.name in copied
    assert Path(backup / "database.dump").read_bytes()[:5] == b"PGDMP"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_backup_counts_its_files_on_a_terminal_and_adds_nothing_with_v0(
    site_with_content, tmp_path
):
    terminal = Terminal()
    call_command("backup_site", str(tmp_path / "bar"), stdout=terminal)
    (backup,) = (tmp_path / "bar").glob("movisie-*")
    files = sum(1 for p in (backup / "files").rglob("*") if p.is_file())
    shown = terminal.getvalue()
    # The count, then the rate in files a second ("99bestand" before).
    assert re.search(rf"Bestanden: {files} \[[\d:]+, [\d.]+bestand/s\]", shown), shown
    quiet = Terminal()
    call_command("backup_site", str(tmp_path / "quiet"), verbosity=0, stdout=quiet)
    assert quiet.getvalue().splitlines() == [
        f"Back-up gemaakt: {next((tmp_path / 'quiet').glob('movisie-*'))}"
    ]
