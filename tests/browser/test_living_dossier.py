"""The living dossier in a real browser without JavaScript (axe and the HTML
checker run on these pages through PAGE_TYPES): follow a dossier
and stop, say whether it was useful and report a study, react to a section
and see it marked once a later version changes that section (issue 28)."""

import re

import pytest
from playwright.sync_api import expect

from comments import services
from comments.models import Comment
from dossiers.models import Currency
from feedback.models import StudySuggestion, Usefulness
from follows.models import Follow
from tests.factories import DossierFactory, make_editor, publish

from .accessibility import assert_page_problems_free
from .visitor import answer_box, restore_editors_group, solve

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dossier():
    return DossierFactory(
        slug="dakloosheid",
        title="Wat werkt bij dakloosheid",
        policy="<p>Gemeenten zorgen voor opvang.</p>",
        trends="<p>Meer jonge daklozen.</p>",
        currency=Currency.REVISION_PLANNED,
        currency_reason="Er komt een nieuwe landelijke monitor.",
    )


def path_in(mail, prefix: str) -> str:
    found = re.search(rf"https?://[^/\s]+({prefix}\S+/)", mail.body)
    assert found, mail.body
    return found.group(1)


def test_a_reader_follows_confirms_gets_a_substantive_version_and_stops(
    page_without_js, dossier, mailoutbox
):
    page = page_without_js
    response = page.goto("/dossiers/dakloosheid/")
    assert "set-cookie" not in response.headers
    expect(page.get_by_text("Status: Herziening gepland")).to_be_visible()
    page.get_by_role("link", name="Volg dit dossier per e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wat werkt bij dakloosheid volgen"
    )
    form = page.locator("form.follow-form")
    form.get_by_label("E-mailadres").fill("lezer@example.nl")
    answer_box(form).fill(solve(form))
    with page.expect_navigation():
        form.get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert_page_problems_free(page)

    (confirmation,) = mailoutbox
    page.goto(path_in(confirmation, "/volgen/bevestigen/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, mail mij over nieuwe versies").click()
    expect(page.get_by_role("status")).to_contain_text("u volgt nu")

    dossier.trends = "<p>Steeds meer jonge daklozen.</p>"
    dossier.save()
    publish(dossier, note="Trends bijgewerkt.", substantive=True)
    (notice,) = mailoutbox[1:]
    page.goto(
        re.search(
            r"https?://[^/\s]+(/dossiers/\S+/versies/1\.\.\.2/)", notice.body
        ).group(1)
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "versie 1 naar versie 2"
    )
    publish(dossier, note="Tikfout.")
    assert len(mailoutbox) == 2  # a correction: no mail

    page.goto(path_in(notice, "/volgen/afmelden/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Stop e-mails").click()
    expect(page.get_by_role("status")).to_contain_text("geen e-mails meer")
    assert Follow.objects.get().unsubscribed_at is not None


def test_a_reader_says_it_was_not_useful_and_reports_a_study(page_without_js, dossier):
    page = page_without_js
    page.goto("/dossiers/dakloosheid/")
    with page.expect_navigation():
        page.get_by_role("button", name="Nee").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bedankt voor uw antwoord"
    )
    form = page.locator("form.feedback-form")
    form.get_by_label("Wat wilt u toevoegen? (niet verplicht)").fill(
        "Ik mis cijfers over vrouwen."
    )
    answer_box(form).fill(solve(form))
    with page.expect_navigation():
        form.get_by_role("button", name="Opmerking versturen").click()
    expect(page.get_by_role("status")).to_contain_text("doorgegeven aan de redactie")
    answer = Usefulness.objects.get()
    assert (answer.useful, answer.remark) == (False, "Ik mis cijfers over vrouwen.")

    page.get_by_role("link", name="Terug naar het dossier").click()
    page.get_by_role("link", name="Meld nieuw onderzoek").click()
    form = page.locator("form.feedback-form")
    form.get_by_label("Het onderzoek").fill("Jansen (2026). Vrouwen zonder dak.")
    form.get_by_label("DOI (niet verplicht)").fill("geen-doi")
    answer_box(form).fill(solve(form))
    with page.expect_navigation():
        form.get_by_role("button", name="Melding versturen").click()
    expect(page.locator("#fb-doi-fout")).to_contain_text("Dit is geen DOI")
    form = page.locator("form.feedback-form")
    expect(form.get_by_label("Het onderzoek")).to_have_value(
        "Jansen (2026). Vrouwen zonder dak."
    )
    form.get_by_label("DOI (niet verplicht)").fill("10.1234/vzd.2026")
    answer_box(form).fill(solve(form))
    with page.expect_navigation():
        form.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw melding")
    assert StudySuggestion.objects.get().doi == "10.1234/vzd.2026"


def test_a_reaction_on_a_section_is_marked_once_that_section_changes(
    page_without_js, dossier
):
    page = page_without_js
    page.goto("/dossiers/dakloosheid/")
    page.locator("#beleid").get_by_role(
        "link", name="Reageer op deze paragraaf"
    ).click()
    expect(
        page.get_by_text("U reageert op de paragraaf \u2018Beleid\u2019.")
    ).to_be_visible()
    form = page.locator("form.reaction-form")
    form.get_by_label("Naam", exact=True).fill("Ruud Jansen")
    form.get_by_label("E-mailadres", exact=True).fill("ruud@example.nl")
    form.get_by_label("Uw reactie", exact=True).fill("Ook in kleine gemeenten?")
    answer_box(form).fill(solve(form))
    with page.expect_navigation():
        form.get_by_role("button", name="Reactie versturen").click()
    comment = Comment.objects.get()
    assert (comment.version_number, comment.section) == (1, "beleid")
    restore_editors_group()
    services.approve(comment=comment, moderator=make_editor())

    dossier.trends = "<p>Anders.</p>"
    dossier.save()
    publish(dossier)
    page.goto("/dossiers/dakloosheid/")
    reaction = page.locator(f"#reactie-{comment.pk}")
    expect(reaction).to_be_visible()
    expect(reaction.get_by_text("deze paragraaf is sindsdien gewijzigd")).to_have_count(
        0
    )

    dossier.policy = "<p>Gemeenten moeten opvang bieden.</p>"
    dossier.save()
    publish(dossier)
    # The browser may keep the page (max-age): ask the server again.
    page.reload()
    reaction = page.locator(f"#reactie-{comment.pk}")
    expect(reaction).to_contain_text("geschreven bij versie 1")
    reaction.get_by_role("link", name="deze paragraaf is sindsdien gewijzigd").click()
    expect(page).to_have_url(re.compile(r"/versies/1\.\.\.3/#verschil-beleid$"))
    expect(page.locator("#verschil-beleid")).to_be_visible()
