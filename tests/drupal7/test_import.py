"""Importing the seed-shaped Drupal 7 site, on PostgreSQL and on MariaDB."""

import re

import pytest
from django.contrib.redirects.models import Redirect
from django.urls import reverse

from articles.models import Article
from comments import rendering
from comments.models import Comment, CommentStatus
from dossiers.models import Dossier

from . import seed
from .helpers import run_import, write_mapping

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(drupal_source, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed.build(drupal_source.site)
    files = seed.write_files(tmp_path / "files")
    status, report = run_import(
        drupal_source, "--files", str(files), mapping_path=write_mapping(tmp_path)
    )
    assert status == 0, report
    return report


def test_a_reader_sees_the_article_with_its_thread(imported, client):
    article = Article.objects.get()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Samen vernieuwen werkt het best in een sterk netwerk" in html
    assert "<h2>Genoeg hulpbronnen</h2>" in html
    assert "<strong>Carla Visser</strong>" in html
    assert "alert(" not in html
    assert "steal()" not in html
    assert "javascript:" not in html
    assert 'href="https://www.example.org/voorbeelden"' in html
    assert f'alt="{seed.IMAGE_ALT}"' in html
    # The thread: question, the author's answer (marked), the follow-up.
    names = re.findall(r'class="reaction__name"[^>]*><bdi>([^<]+)</bdi><', html)
    assert names == ["Ruben", "Carla Visser", "Ruben"]
    answer = Comment.objects.get(name="Carla Visser")
    assert answer.is_staff_reply
    assert re.search(rf'id="reactie-{answer.pk}".*?class="badge"', html, re.S)
    assert "Beste Ruben, dank voor je vraag." in html
    assert "https://www.example.org/online-leren" in html
    assert seed.UNPUBLISHED not in html


def test_the_article_keeps_its_date_theme_and_place_in_the_dossier_theme(
    imported, client
):
    article = Article.objects.get()
    dossier = Dossier.objects.get()
    assert article.published_at.date().isoformat() == "2017-01-13"
    assert article.kind == "nieuws"
    assert article.lead == "Een nieuw Wat werkt bij\u2026 dossier."
    assert [a.name for a in article.authors.all()] == ["Carla Visser"]
    assert [t.name for t in article.themes.all()] == ["Sociale innovatie"]
    assert list(dossier.themes.all()) == list(article.themes.all())
    theme_page = client.get(article.themes.get().get_absolute_url()).content.decode()
    assert article.title in theme_page
    assert dossier.title in theme_page
    dossier_page = client.get(dossier.get_absolute_url()).content.decode()
    assert "nieuwe ideeën en verbanden" in dossier_page
    assert "Goede voorbeelden toegevoegd" in dossier_page  # revision log line
    assert dossier.summary.startswith("Wat we weten")
    assert [a.name for a in dossier.contacts.all()] == ["Carla Visser"]


def test_the_dossier_history_comes_over_as_versions(imported, client):
    dossier = Dossier.objects.get()
    first, second = dossier.versions.order_by("number")
    # Version 1: the first publication, with the message of Drupal's first
    # revision; version 2: the current revision, the one whose text came over.
    assert (first.number, first.note) == (1, "Eerste versie")
    assert first.published_at == dossier.published_at
    assert first.content is None
    assert (second.number, second.note) == (2, "Goede voorbeelden toegevoegd")
    assert second.published_at.date().isoformat() == "2017-01-10"
    assert second.content["summary"] == dossier.summary
    assert [a["name"] for a in second.content["authors"]] == ["Carla Visser"]
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "versie 2, bijgewerkt op" in page
    assert "Carla Visser" in page


def test_threading_status_and_dates_come_over(imported):
    question, answer, follow_up = Comment.objects.approved().order_by("path")
    assert answer.parent == question
    assert follow_up.parent == answer
    assert follow_up.path == [question.pk, answer.pk, follow_up.pk]
    assert question.email == "ruben@example.org"
    assert question.created_at.isoformat().startswith("2017-01-14T10:12")
    pending = Comment.objects.get(status=CommentStatus.PENDING)
    assert pending.text == seed.UNPUBLISHED


def test_reactions_are_stored_rendered_as_the_site_renders_them(imported):
    for reaction in Comment.objects.all():
        assert (reaction.html, reaction.html_key) == rendering.html_for(reaction)
        assert reaction.html_key == rendering.current_key()
        assert f'id="reactie-{reaction.pk}"' in reaction.html


def test_a_reader_finds_the_imported_article_by_searching(imported, client):
    page = client.get(reverse("search"), {"q": "hulpbronnen"})
    assert "Samen vernieuwen werkt het best in een sterk netwerk" in (
        page.content.decode()
    )


def test_an_editor_finds_the_pending_reaction_and_the_redirects(imported, admin_client):
    queue = admin_client.get("/admin/comments/comment/").content.decode()
    assert "Iemand" in queue
    # Ruben's two published comments count in his history, under his address.
    assert "2 goedgekeurd, 0 afgewezen, 0 spam" in queue
    redirects = admin_client.get("/admin/redirects/redirect/").content.decode()
    assert "/node/12" in redirects
    assert seed.ALIAS in redirects
    article = Article.objects.get()
    change = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "Genoeg hulpbronnen" in change.content.decode()


def test_old_addresses_answer_with_a_301_to_the_new_page(imported, client):
    article = Article.objects.get()
    for old in ("/node/12", f"/{seed.ALIAS}"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.get_absolute_url()
    answer = Comment.objects.get(name="Carla Visser")
    response = client.get(f"/comment/{seed.ANSWER_CID}")
    assert response.status_code == 301
    # The reaction's own permalink, which leads on to its page and anchor.
    assert response["Location"] == answer.get_absolute_url()
    onward = client.get(response["Location"])
    assert onward["Location"] == f"{article.get_absolute_url()}#reactie-{answer.pk}"
    dossier = Dossier.objects.get()
    assert client.get("/node/7")["Location"] == dossier.get_absolute_url()
    assert client.get("/node/999").status_code == 404
    assert Redirect.objects.count() == 2 + 2 + 4  # nodes, aliases, comments


def test_no_ip_address_is_stored_anywhere(imported, django_db_blocker):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        dump = []
        for table in tables:
            cursor.execute(f'SELECT t::text FROM "{table}" t')
            dump.extend(row[0] for row in cursor.fetchall())
    text = "\n".join(dump)
    assert "Ruben" in text  # the dump does hold the imported reactions
    for ip in seed.IPS:
        assert ip not in text
