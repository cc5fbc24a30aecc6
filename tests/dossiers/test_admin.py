"""Editors (the "Redactie" group, not superusers) work in the admin."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from articles.models import Article
from core.editors import EDITORS_GROUP
from dossiers.models import Dossier, Reference
from scripts.forms import form_data
from tests.factories import (
    ArticleFactory,
    DossierFactory,
    EditorFactory,
    EffectiveElementFactory,
    GoodExampleFactory,
    ReferenceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

MODELS = {
    "theme": "/admin/dossiers/theme/",
    "dossier": "/admin/dossiers/dossier/",
    "article": "/admin/articles/article/",
    "author": "/admin/authors/author/",
}


@pytest.fixture
def editor():
    # The admin's CSRF protection is Django's own; these tests are about
    # what an editor may see and do.
    client = Client()
    user = EditorFactory()
    assert not user.is_superuser
    client.force_login(user)
    return client


def test_the_redactie_group_has_exactly_the_editors_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    edit = {"view", "add", "change"}
    rows = edit | {"delete"}
    expected = (
        {("dossiers", f"{a}_theme") for a in edit}
        | {("dossiers", f"{a}_dossier") for a in edit}
        | {("articles", f"{a}_article") for a in edit}
        | {
            ("dossiers", f"{a}_{m}")
            for m in ("effectiveelement", "goodexample", "reference")
            for a in rows
        }
        # Versions are written by publishing; editors read them.
        | {("dossiers", "view_dossierversion")}
        # What the weekly review digest sent (written by the command).
        | {("dossiers", "view_reviewdigestmail")}
        # Moderating reactions: view the queue, approve or reject (change).
        | {("comments", "view_comment"), ("comments", "change_comment")}
        # Spam and privacy: the blocklist, the mail outbox.
        | {("comments", f"{a}_blocklistentry") for a in rows}
        # The privacy page's old model (moved to pages in comments 0013): its
        # permission rows stay in the group.
        | {("comments", f"{a}_privacystatement") for a in edit}
        # The site's own pages (Over ons, Contact, Colofon, Toegankelijkheid,
        # Privacy: edited, never added or deleted) and the home page's choice.
        | {("pages", "view_page"), ("pages", "change_page")}
        | {("pages", f"{a}_homepage") for a in edit}
        | {("outbox", "view_outgoingmail")}
        # The writer in control: consents to reply mails, trusted writers.
        | {("comments", "view_subscriptionconsent")}
        | {("comments", "view_trustedwriter"), ("comments", "change_trustedwriter")}
        # Authors: add and edit people (deleting stays with administrators),
        # their links, and who is credited on an item.
        | {("authors", f"{a}_author") for a in edit}
        | {("authors", f"{a}_authorlink") for a in rows}
        | {("articles", f"{a}_articleauthor") for a in rows}
        | {
            ("dossiers", f"{a}_{m}")
            for m in ("dossierauthor", "dossiercontact")
            for a in rows
        }
        # Old addresses (Drupal's, or their own) and what the import brought.
        | {("redirects", f"{a}_redirect") for a in rows}
        | {("drupal7", "view_importeditem")}
        # The review round: send a draft for review (its steps are a record,
        # never changed), make and revoke preview links for outside experts.
        | {("dossiers", "view_dossierreview"), ("dossiers", "add_dossierreview")}
        | {("dossiers", f"{a}_previewlink") for a in ("view", "add", "change")}
        # PDFs that could not be made (dossiers 0023): listed, and cleared.
        | {("dossiers", "view_versionpdffailure")}
        | {("dossiers", "delete_versionpdffailure")}
        # Readers' feedback and followers of dossiers: read only.
        | {
            ("feedback", f"view_{m}")
            for m in ("usefulness", "studysuggestion", "linkcheck")
        }
        | {("follows", "view_follow"), ("follows", "view_announcement")}
    )
    assert granted == expected


@pytest.mark.parametrize("model", MODELS)
def test_an_editor_can_open_the_list_and_the_add_page(editor, model):
    ThemeFactory()
    DossierFactory(draft=True)
    ArticleFactory(scheduled=True)
    listing = editor.get(MODELS[model])
    assert listing.status_code == 200
    add = editor.get(MODELS[model] + "add/")
    assert add.status_code == 200


def test_the_lists_show_the_publication_state_at_a_glance(editor):
    ArticleFactory(title="Klaar")
    ArticleFactory(title="Nog bezig", draft=True)
    ArticleFactory(title="Straks", scheduled=True)
    body = editor.get(MODELS["article"]).content.decode()
    assert 'publication-state--published">Gepubliceerd<' in body
    assert 'publication-state--draft">Concept<' in body
    assert 'publication-state--scheduled">Ingepland<' in body
    scheduled = editor.get(MODELS["article"] + "?state=scheduled").content.decode()
    assert "Straks" in scheduled
    assert "Klaar" not in scheduled


def test_the_article_list_can_be_searched_and_filtered(editor):
    theme = ThemeFactory(name="Armoede", slug="armoede")
    ArticleFactory(title="Schulden voorkomen", themes=[theme], kind="nieuws")
    ArticleFactory(title="Over iets anders")
    found = editor.get(MODELS["article"] + "?q=schulden").content.decode()
    assert "Schulden voorkomen" in found
    assert "Over iets anders" not in found
    by_theme = editor.get(
        MODELS["article"] + f"?themes__id__exact={theme.pk}&kind__exact=nieuws"
    ).content.decode()
    assert "Schulden voorkomen" in by_theme
    assert "Over iets anders" not in by_theme


def test_an_editor_saves_a_theme(editor):
    theme = ThemeFactory(name="Oud")
    page = editor.get(f"{MODELS['theme']}{theme.pk}/change/")
    data = form_data(page.content.decode(), "theme_form")
    data["name"] = ["Nieuw"]
    response = editor.post(f"{MODELS['theme']}{theme.pk}/change/", data)
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Nieuw"


def test_an_editor_saves_a_dossier_with_all_its_inlines(editor):
    dossier = DossierFactory(title="Wat werkt bij testen")
    EffectiveElementFactory(dossier=dossier, title="Eerste element", position=1)
    EffectiveElementFactory(dossier=dossier, title="Tweede element", position=2)
    GoodExampleFactory(dossier=dossier)
    ReferenceFactory(dossier=dossier)
    url = f"{MODELS['dossier']}{dossier.pk}/change/"
    page = editor.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for inline in ("Werkzame elementen", "Goede voorbeelden", "Literatuurverwijzingen"):
        assert inline in html, inline
    data = form_data(html, "dossier_form")
    data["policy"] = ["<p>Nieuw beleid.</p>"]
    # Reorder: the second element goes first.
    data["effective_elements-0-position"] = ["5"]
    # Add a reference as a new inline row.
    total = int(data["references-TOTAL_FORMS"][0])
    prefix = f"references-{total}-"
    data.update(
        {
            prefix + "position": ["9"],
            prefix + "authors": ["Bakker, L."],
            prefix + "year": ["2024"],
            prefix + "title": ["Nieuw onderzoek"],
            prefix + "kind": ["book"],
            prefix + "publisher": ["Uitgeverij Test"],
            prefix + "edition": ["2"],
            prefix + "url": [""],
            prefix + "doi": [""],
            prefix + "dossier": [str(dossier.pk)],
        }
    )
    data["references-TOTAL_FORMS"] = [str(total + 1)]
    response = editor.post(url, data)
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^"]*"[^>]*>.*?</ul>', response.content.decode(), re.S
    )
    dossier.refresh_from_db()
    assert dossier.policy == "<p>Nieuw beleid.</p>"
    titles = [e.title for e in dossier.effective_elements.order_by("position")]
    assert titles == ["Tweede element", "Eerste element"]
    added = Reference.objects.get(dossier=dossier, title="Nieuw onderzoek")
    assert (added.kind, added.publisher, added.edition) == (
        "book",
        "Uitgeverij Test",
        2,
    )


def test_a_journal_article_without_its_journal_is_refused_with_the_field_named(
    editor,
):
    dossier = DossierFactory()
    url = f"{MODELS['dossier']}{dossier.pk}/change/"
    data = form_data(editor.get(url).content.decode(), "dossier_form")
    prefix = "references-0-"
    data.update(
        {
            prefix + "position": ["1"],
            prefix + "kind": ["article-journal"],
            prefix + "authors": ["Bakker, L."],
            prefix + "title": ["Een artikel"],
            prefix + "dossier": [str(dossier.pk)],
        }
    )
    data["references-TOTAL_FORMS"] = ["1"]
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Noem het tijdschrift of het boek waarin het verscheen." in (
        response.content.decode()
    )
    assert not Reference.objects.filter(dossier=dossier).exists()


def test_an_editor_saves_an_article(editor):
    dossier = DossierFactory()
    article = ArticleFactory(title="Voor", draft=True)
    url = f"{MODELS['article']}{article.pk}/change/"
    data = form_data(editor.get(url).content.decode(), "article_form")
    data["title"] = ["Na"]
    data["dossiers"] = [str(dossier.pk)]
    response = editor.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Na"
    assert list(article.dossiers.all()) == [dossier]


def test_an_editor_adds_an_article_and_gets_a_unique_slug_check(editor):
    ArticleFactory(slug="bestaat-al")
    data = form_data(
        editor.get(MODELS["article"] + "add/").content.decode(), "article_form"
    )
    data.update(
        title=["Nieuw"],
        slug=["bestaat-al"],
        status=["published"],
        published_at_0=["13-01-2017"],
        published_at_1=["09:00:00"],
    )
    response = editor.post(MODELS["article"] + "add/", data)
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    data["slug"] = ["nieuw"]
    response = editor.post(MODELS["article"] + "add/", data)
    assert response.status_code == 302
    assert Article.objects.published().filter(slug="nieuw").exists()


def test_a_published_article_without_a_date_is_refused(editor):
    data = form_data(
        editor.get(MODELS["article"] + "add/").content.decode(), "article_form"
    )
    data.update(title=["Zonder datum"], slug=["zonder-datum"], status=["published"])
    response = editor.post(MODELS["article"] + "add/", data)
    assert response.status_code == 200
    assert "publicatiedatum nodig" in response.content.decode()


def test_editors_cannot_delete_whole_dossiers_or_articles(editor):
    dossier = DossierFactory()
    article = ArticleFactory()
    assert editor.get(f"{MODELS['dossier']}{dossier.pk}/delete/").status_code == 403
    assert editor.get(f"{MODELS['article']}{article.pk}/delete/").status_code == 403
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_the_slug_is_prefilled_from_the_title(editor):
    html = editor.get(MODELS["dossier"] + "add/").content.decode()
    match = re.search(r'data-prepopulated-fields="([^"]+)"', html)
    assert match
    assert "#id_slug" in match.group(1)
    assert "#id_title" in match.group(1)


def test_the_rich_text_editor_loads_under_the_strict_csp(editor):
    response = editor.get(MODELS["article"] + "add/")
    html = response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    # The editor's import map is an inline script: it needs the page's nonce.
    match = re.search(r'<script type="importmap"[^>]*nonce="([^"]+)"', html)
    assert match, "import map without nonce"
    assert f"'nonce-{match.group(1)}'" in csp
    assert "unsafe-inline" not in csp
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/configurable.js" in html


def test_the_admin_speaks_dutch_where_django_does_not_yet(admin_client):
    ArticleFactory()
    changelist = admin_client.get(MODELS["article"]).content.decode()
    # The date hierarchy above the list (Django 6.1's nl catalogue lacks it).
    assert "Filter op publicatiedatum" in changelist
    assert "Filter by" not in changelist
    # The empty choice of the actions menu.
    assert "- Kies een optie -" in changelist
    assert "Select an option" not in changelist
