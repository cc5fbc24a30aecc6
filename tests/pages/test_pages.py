"""The editors' pages: Over ons, Contact, Colofon, Toegankelijkheid, Privacy."""

import pytest
from django.test import Client
from django.urls import reverse

from pages.models import Page, PageSlug
from tests.factories import make_editor
from tests.migrations import latest, migrate

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client = Client()
    client.force_login(make_editor())
    return client


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/over-ons/", "Over ons"),
        ("/contact/", "Contact"),
        ("/colofon/", "Colofon"),
        ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("/privacy/", "Privacyverklaring"),
    ],
)
def test_every_page_in_the_footer_opens_with_dutch_text(path, title):
    response = Client().get("/")
    assert f'href="{path}"' in response.content.decode()
    response = Client().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert not response.cookies


def test_the_accessibility_statement_follows_the_model_statement():
    html = Client().get("/toegankelijkheid/").content.decode()
    headings = [
        "Verklaring",
        "Nalevingsstatus",
        "Onderbouwing",
        "Bekende problemen en maatregelen",
        "Feedback en contact",
        "Niet tevreden?",
        "Datum",
    ]
    positions = [html.index(f"<h2>{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert "WCAG" in html


def test_editors_change_a_page_and_readers_see_it(editor):
    page = Page.objects.get(slug=PageSlug.CONTACT)
    change = reverse("admin:pages_page_change", args=[page.pk])
    response = editor.post(
        change,
        {
            "title": "Neem contact op",
            "lead": "Bel of mail ons.",
            "body": '<p>Bel 030 123.</p><script>alert("x")</script>',
        },
    )
    assert response.status_code == 302
    html = Client().get("/contact/").content.decode()
    assert "<h1>Neem contact op</h1>" in html
    assert "<p>Bel 030 123.</p>" in html
    assert "<script>alert" not in html
    # The set of pages is fixed: no adding or deleting them.
    assert editor.get(reverse("admin:pages_page_add")).status_code == 403
    delete = reverse("admin:pages_page_delete", args=[page.pk])
    assert editor.get(delete).status_code == 403


def test_a_page_whose_row_is_gone_shows_its_default_text():
    Page.objects.all().delete()
    html = Client().get("/privacy/").content.decode()
    assert "<h1>Privacyverklaring</h1>" in html
    assert "Uw internetadres zelf slaan wij nooit op." in html


@pytest.mark.django_db(transaction=True)
def test_an_edited_privacy_statement_is_carried_over_to_the_pages():
    apps = migrate([("comments", "0012_thread_counts"), ("pages", "0001_initial")])
    try:
        apps.get_model("comments", "PrivacyStatement").objects.update_or_create(
            singleton=True,
            defaults={
                "title": "Onze privacy",
                "text": "Eerste alinea.\n\n<b>Tweede</b>.",
            },
        )
        apps = migrate([("pages", "0002_seed_pages")])
        page = apps.get_model("pages", "Page").objects.get(slug="privacy")
        assert page.title == "Onze privacy"
        assert page.body == "<p>Eerste alinea.</p>\n\n<p>&lt;b&gt;Tweede&lt;/b&gt;.</p>"
        # The other pages get their default text.
        assert apps.get_model("pages", "Page").objects.count() == len(PageSlug)
        # And back: the statement gets its (edited) text again.
        page.body = "<p>Eerste alinea.</p><p>Tweede &amp; laatste.</p>"
        page.save()
        apps = migrate([("comments", "0012_thread_counts"), ("pages", "0001_initial")])
        statement = apps.get_model("comments", "PrivacyStatement").objects.get()
        assert statement.text == "Eerste alinea.\n\nTweede & laatste."
    finally:
        migrate(latest())
