"""The editors' desk in a real browser, at desktop and phone width: a
dossier's review round trip and a preview link for an outside expert."""

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from tests.factories import DossierFactory, ReviewerFactory

from .accessibility import assert_accessible, assert_all, assert_lang_is_dutch
from .visitor import EDITOR_PASSWORD, log_in_editor

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 375]


def log_in(page, user):
    page.goto("/admin/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(EDITOR_PASSWORD)
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_draft_goes_through_review_and_is_published(page, browser, width):
    dossier = DossierFactory(title="Wat werkt bij armoede", summary="Oud.")
    page.set_viewport_size({"width": width, "height": 800})
    log_in_editor(page)
    reviewer = ReviewerFactory(username="joris", first_name="Joris")
    change = f"/admin/dossiers/dossier/{dossier.pk}/change/"
    page.goto(change)
    page.get_by_label("Samenvatting").fill("Nieuw.")
    page.get_by_role("button", name="Opslaan en ter review aanbieden").click()
    expect(page.locator(".messagelist")).to_contain_text("ter review aangeboden")
    expect(page.locator(".dossier-status")).to_contain_text("wacht op review")
    expect(page.locator(".dossier-status")).to_contain_text(
        "concept wijkt af van versie 1"
    )

    second = browser.new_context(locale="nl-NL", base_url=page.url.split("/admin")[0])
    try:
        other = second.new_page()
        other.set_viewport_size({"width": width, "height": 800})
        log_in(other, reviewer)
        other.goto(change)
        other.get_by_role("link", name="Concept beoordelen").click()
        assert_all(other, assert_accessible, assert_lang_is_dutch)
        other.get_by_label("Opmerking").fill("Noem de bron.")
        other.get_by_role("button", name="Terugsturen met opmerking").click()
        expect(other.locator(".messagelist")).to_contain_text("teruggestuurd")

        page.goto(change)
        expect(page.locator(".dossier-status")).to_contain_text("Noem de bron.")
        page.get_by_role("button", name="Opslaan en ter review aanbieden").click()

        other.goto(f"/admin/dossiers/dossier/{dossier.pk}/review/")
        other.get_by_role("button", name="Goedkeuren").click()
        expect(other.locator(".messagelist")).to_contain_text("is goedgekeurd")
    finally:
        second.close()

    page.goto(change)
    expect(page.locator(".dossier-status")).to_contain_text("goedgekeurd door Joris")
    assert_all(page, assert_accessible, assert_lang_is_dutch)
    page.get_by_label("Wat is er veranderd").fill("Samenvatting herschreven.")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator(".messagelist")).to_contain_text("Versie 2 is gepubliceerd")
    expect(page.locator(".review-history")).to_contain_text("Noem de bron.")
    assert Dossier.objects.get(pk=dossier.pk).versions.count() == 2


@pytest.mark.parametrize("width", WIDTHS)
def test_an_expert_opens_a_preview_link_without_logging_in_until_revoked(
    page, browser, width
):
    dossier = DossierFactory(title="Wat werkt bij armoede", summary="Oud.")
    dossier.summary = "Concepttekst voor de deskundige."
    dossier.save()
    page.set_viewport_size({"width": width, "height": 800})
    log_in_editor(page)
    page.goto(f"/admin/dossiers/dossier/{dossier.pk}/voorbeeldlinks/")
    page.get_by_label("Voor wie").fill("Prof. A. de Vries")
    page.get_by_role("button", name="Link maken").click()
    expect(page.locator(".messagelist")).to_contain_text("is gemaakt")
    address = page.get_by_label("Voorbeeldlink voor Prof. A. de Vries").input_value()

    expert_context = browser.new_context(locale="nl-NL")
    try:
        expert = expert_context.new_page()
        response = expert.goto(address)
        assert response.status == 200
        assert response.headers["x-robots-tag"].startswith("noindex")
        expect(expert.locator(".preview-banner--expert")).to_contain_text(
            "CONCEPT – niet citeren"  # noqa: RUF001
        )
        expect(expert.locator(".lead")).to_have_text("Concepttekst voor de deskundige.")
        assert expert_context.cookies() == []

        page.get_by_role("button", name="Intrekken").click()
        expect(page.locator(".messagelist")).to_contain_text("werkt niet meer")
        assert expert.goto(address).status == 404
    finally:
        expert_context.close()
