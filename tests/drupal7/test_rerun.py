"""Running the import again, a dry run, and edits made here in between."""

import io

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import call_command

from articles.models import Article
from comments import rendering, services
from comments.models import Comment
from dossiers.models import Dossier, DossierVersion, Theme
from drupal7.models import ImportedItem

from . import seed
from .helpers import run_import, write_mapping

pytestmark = pytest.mark.django_db


def counts():
    return {
        "articles": Article.objects.count(),
        "dossiers": Dossier.objects.count(),
        "themes": Theme.objects.count(),
        "reactions": Comment.objects.count(),
        "redirects": Redirect.objects.count(),
        "versions": DossierVersion.objects.count(),
        "mapping": ImportedItem.objects.count(),
    }


@pytest.fixture
def source(drupal_source, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed.build(drupal_source.site)
    drupal_source.files = seed.write_files(tmp_path / "files")
    drupal_source.mapping = write_mapping(tmp_path)
    return drupal_source


def test_a_dry_run_writes_nothing_and_says_what_would_happen(source, tmp_path):
    status, report = run_import(
        source,
        "--dry-run",
        "--files",
        str(source.files),
        mapping_path=source.mapping,
    )
    assert status == 0
    assert "Proefdraai: er is niets geschreven." in report
    assert "reacties (comments): gelezen 4, aangemaakt 4" in report
    assert set(counts().values()) == {0}
    assert not (tmp_path / "media").exists()  # no image copied either


def test_a_second_run_creates_nothing_twice(source):
    args = ("--files", str(source.files))
    assert run_import(source, *args, mapping_path=source.mapping)[0] == 0
    first = counts()
    status, report = run_import(source, *args, mapping_path=source.mapping)
    assert status == 0
    assert counts() == first
    assert "aangemaakt 0, bijgewerkt 0, ongewijzigd 2" in report  # the nodes
    assert (
        "reacties (comments): gelezen 4, aangemaakt 0, bijgewerkt 0, ongewijzigd 4"
        in report
    )
    # The article's image: read again, and left as it was.
    assert (
        "afbeeldingen (files): gelezen 1, aangemaakt 0, bijgewerkt 0, ongewijzigd 1"
        in report
    )


def test_terms_of_another_vocabulary_are_reported_not_dropped_silently(source):
    """The article also carries a term of a "regio" vocabulary, which the
    mapping does not make into themes: the report says so."""
    site = source.site
    site.vocabulary(2, "regio", "Regio")
    site.term(7, 2, "Utrecht")
    for table in ("field_data_field_tags", "field_revision_field_tags"):
        site.insert(
            table,
            entity_type="node",
            bundle="article",
            deleted=0,
            entity_id=seed.ARTICLE_NID,
            revision_id=seed.ARTICLE_NID,
            language="und",
            delta=1,
            field_tags_tid=7,
        )
    site.commit()
    status, report = run_import(
        source, "--files", str(source.files), mapping_path=source.mapping
    )
    assert status == 0
    assert (
        f"node {seed.ARTICLE_NID}: termen 7 zijn geen thema's (niet in de "
        "woordenlijst tags); weggelaten"
    ) in report
    article = Article.objects.get()
    assert [theme.name for theme in article.themes.all()] == ["Sociale innovatie"]


def test_a_change_in_drupal_comes_over_and_a_new_comment_joins_the_thread(source):
    assert run_import(source, mapping_path=source.mapping)[0] == 0
    site = source.site
    site.execute(
        "UPDATE node SET title = %s, changed = %s WHERE nid = %s",
        ["Samen vernieuwen: het netwerk telt", seed.timestamp(2017, 2, 1), 12],
    )
    site.comment(
        35,
        seed.ARTICLE_NID,
        pid=seed.FOLLOW_UP_CID,
        text="Graag gedaan!",
        uid=seed.AUTHOR_UID,
        name="Carla Visser",
        created=seed.timestamp(2017, 1, 17),
    )
    site.commit()
    status, report = run_import(source, mapping_path=source.mapping)
    assert status == 0, report
    article = Article.objects.get()
    assert article.title == "Samen vernieuwen: het netwerk telt"
    newest = Comment.objects.get(text="Graag gedaan!")
    follow_up = Comment.objects.get(text__startswith="Beste Carla")
    assert newest.parent == follow_up
    assert newest.path == [*follow_up.path, newest.pk]
    assert newest.is_staff_reply
    assert (
        Redirect.objects.get(old_path="/comment/35").new_path
        == newest.get_absolute_url()
    )


def test_a_comment_changed_in_drupal_is_changed_here_and_shown_anew(source):
    assert run_import(source, mapping_path=source.mapping)[0] == 0
    source.site.execute(
        "UPDATE field_data_comment_body SET comment_body_value = %s "
        "WHERE entity_id = %s",
        ["Aangevuld in Drupal: ook in het buurthuis.", seed.QUESTION_CID],
    )
    source.site.commit()
    status, report = run_import(source, mapping_path=source.mapping)
    assert status == 0, report
    assert "reacties (comments): gelezen 4, aangemaakt 0, bijgewerkt 1" in report
    question = Comment.objects.get(name="Ruben", parent=None)
    assert question.text == "Aangevuld in Drupal: ook in het buurthuis."
    assert (question.html, question.html_key) == rendering.html_for(question)
    assert "ook in het buurthuis" in question.html
    # A third run finds what the second wrote.
    status, report = run_import(source, mapping_path=source.mapping)
    assert "reacties (comments): gelezen 4, aangemaakt 0, bijgewerkt 0" in report


def new_dossier_revision(site, vid, *, log, when, body):
    """An editor saves the dossier in Drupal: a new current revision."""
    site.revision(
        seed.DOSSIER_NID,
        vid,
        uid=seed.AUTHOR_UID,
        title="Wat werkt bij sociale innovatie",
        log=log,
        when=when,
        body=body,
    )
    site.execute(
        "UPDATE node SET vid = %s, changed = %s WHERE nid = %s",
        [vid, when, seed.DOSSIER_NID],
    )
    site.execute(
        "UPDATE field_data_body SET body_value = %s, revision_id = %s "
        "WHERE entity_id = %s",
        [body, vid, seed.DOSSIER_NID],
    )
    site.commit()


def test_a_dossier_saved_again_in_drupal_gets_its_next_version(source):
    assert run_import(source, mapping_path=source.mapping)[0] == 0
    dossier = Dossier.objects.get()
    assert dossier.versions.count() == 2
    new_dossier_revision(
        source.site,
        10,
        log="Cijfers van 2017 toegevoegd",
        when=seed.timestamp(2017, 3, 1),
        body="<p>Sociale innovatie, met de cijfers van 2017.</p>",
    )
    status, report = run_import(source, mapping_path=source.mapping)
    assert status == 0, report
    third = dossier.versions.get(number=3)
    assert third.note == "Cijfers van 2017 toegevoegd"
    assert third.published_at.date().isoformat() == "2017-03-01"
    assert "cijfers van 2017" in third.content["definition"]
    # Saved once more without a message: still a version readers can tell.
    new_dossier_revision(
        source.site,
        11,
        log="",
        when=seed.timestamp(2017, 4, 1),
        body="<p>Sociale innovatie, herschreven.</p>",
    )
    status, report = run_import(source, mapping_path=source.mapping)
    assert status == 0, report
    fourth = dossier.versions.get(number=4)
    assert fourth.note == "Bijgewerkt op de vorige site."
    assert "herschreven" in fourth.content["definition"]
    # And a run with nothing new adds nothing.
    before = counts()
    assert run_import(source, mapping_path=source.mapping)[0] == 0
    assert counts() == before


def test_an_edit_made_here_is_kept_unless_overwrite(source):
    assert run_import(source, mapping_path=source.mapping)[0] == 0
    article = Article.objects.get()
    article.lead = "Door de redactie herschreven."
    article.save()
    source.site.execute(
        "UPDATE field_data_body SET body_summary = %s WHERE entity_id = %s",
        ["Nieuwe samenvatting in Drupal.", 12],
    )
    source.site.commit()
    status, report = run_import(source, mapping_path=source.mapping)
    assert status == 0
    assert "node 12: sinds de vorige import hier gewijzigd; niet overschreven" in report
    article.refresh_from_db()
    assert article.lead == "Door de redactie herschreven."
    status, report = run_import(source, "--overwrite", mapping_path=source.mapping)
    assert status == 0
    article.refresh_from_db()
    assert article.lead == "Nieuwe samenvatting in Drupal."


def test_a_moderated_reaction_is_not_put_back_in_the_queue(source, admin_user):

    assert run_import(source, mapping_path=source.mapping)[0] == 0
    pending = Comment.objects.get(text=seed.UNPUBLISHED)
    services.approve(comment=pending, moderator=admin_user)
    source.site.execute(
        "UPDATE field_data_comment_body SET comment_body_value = %s "
        "WHERE entity_id = %s",
        ["Aangepast in Drupal", seed.UNPUBLISHED_CID],
    )
    source.site.commit()
    status, report = run_import(source, mapping_path=source.mapping)
    assert status == 0
    pending.refresh_from_db()
    assert pending.status == "approved"
    assert pending.text == seed.UNPUBLISHED
    assert f"comment {seed.UNPUBLISHED_CID}: sinds de vorige import" in report


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_shows_the_nodes_counted_and_v0_adds_no_bar(source):
    argv = ["--source", source.url, "--mapping", str(source.mapping), "--dry-run"]
    terminal = Terminal()
    call_command("import_drupal7", *argv, stdout=terminal)
    assert "2/2" in terminal.getvalue()  # the seed's two nodes
    assert "Proefdraai: er is niets geschreven." in terminal.getvalue()
    quiet = Terminal()
    call_command("import_drupal7", *argv, verbosity=0, stdout=quiet)
    assert "2/2" not in quiet.getvalue()
    assert "\r" not in quiet.getvalue()
