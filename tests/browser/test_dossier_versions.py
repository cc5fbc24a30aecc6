"""An editor revises a published dossier; a reader sees what changed.

Edit in the admin (a draft: readers keep the published text), preview it
on the site, publish it with a note, and follow the reader from the dossier
page to the versions and the diff.
"""

import re

import pytest
from playwright.sync_api import expect

from dossiers import services
from tests.factories import DossierFactory, EditorFactory, ReviewerFactory

from .accessibility import SITE_PAGE_CHECKS, assert_all
from .visitor import log_in_editor

pytestmark = pytest.mark.django_db(transaction=True)

OLD = "Armoede is een tekort aan geld om rond te komen."
NEW = "Armoede is een langdurig tekort aan geld en aan kansen om mee te doen."


def approve(dossier):
    dossier.refresh_from_db()
    services.submit_for_review(dossier=dossier, user=EditorFactory())
    services.approve_draft(
        dossier=dossier,
        user=ReviewerFactory(),
        fingerprint=services.draft_fingerprint(dossier),
    )


def test_editor_publishes_a_revision_and_the_reader_sees_what_changed(
    page, browser, live_server
):
    dossier = DossierFactory(
        title="Wat werkt bij armoede", slug="armoede", summary=OLD, reactions="hidden"
    )
    editor_context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    editor_context.set_default_timeout(10_000)
    try:
        editor = editor_context.new_page()
        log_in_editor(editor)
        editor.goto(f"/admin/dossiers/dossier/{dossier.pk}/change/")
        editor.get_by_label("Samenvatting").fill(NEW)
        editor.get_by_role("button", name="Opslaan als concept").click()
        expect(editor.locator(".messagelist")).to_be_visible()

        # Saved as a draft: the reader still reads the published text.
        page.goto("/dossiers/armoede/")
        expect(page.locator(".lead")).to_have_text(OLD)

        # The editor previews the draft on the site.
        change_url = editor.url
        editor.locator("a.viewsitelink").click()  # the draft, not a version
        expect(editor.locator(".preview-banner")).to_contain_text("Voorbeeld")
        expect(editor.locator(".lead")).to_have_text(NEW)
        editor.goto(change_url)

        # Publishing needs a note from version 2 on, and a second reader's
        # approval (tests/browser/test_review_round.py goes through it).
        editor.get_by_role("button", name="Publiceren").click()
        expect(editor.locator(".errorlist")).to_contain_text("Beschrijf voor lezers")
        approve(dossier)
        editor.get_by_label("Wat is er veranderd").fill("Definitie verbreed.")
        editor.get_by_role("button", name="Publiceren").click()
        expect(editor.locator(".messagelist")).to_contain_text(
            "Versie 2 is gepubliceerd"
        )
    finally:
        editor_context.close()

    # The reader finds the new version, the list of versions and the diff
    # (reloading: the browser may keep a page for READER_MAX_AGE).
    page.goto("/dossiers/armoede/")
    page.reload()
    expect(page.locator(".lead")).to_have_text(NEW)
    page.get_by_role("link", name=re.compile(r"^versie 2, bijgewerkt op")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Versies van Wat werkt bij armoede"
    )
    expect(page.locator(".version-list")).to_contain_text("Definitie verbreed.")
    page.get_by_role("link", name="Wat is er veranderd in versie 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wat er veranderd is van versie 1 naar versie 2"
    )
    inserted = page.locator(".diff-section--changed ins")
    expect(inserted.first).to_contain_text("langdurig")
    expect(page.locator(".diff-section--changed del").first).to_be_visible()
    assert_all(page, *SITE_PAGE_CHECKS)
    # The old version stays readable, marked as such.
    page.goto("/dossiers/armoede/versies/1/")
    expect(page.locator(".version-banner")).to_contain_text("U leest versie 1 van")
    expect(page.locator(".lead")).to_have_text(OLD)
