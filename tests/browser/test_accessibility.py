"""The reaction form beyond what axe checks: errors announced and linked,
focus on the error summary, the sum inside its label, and the form opened
in place (with JavaScript) keeping the page sound.

The checks every page type gets (axe, one h1, headings, landmarks, skip link,
200 % text, reflow, contrast, focus) are in test_page_types.py.
"""

import pytest
from playwright.sync_api import expect

from tests.page_types import demo_article, reaction_form_url

from .accessibility import (
    SITE_PAGE_CHECKS,
    assert_all,
    assert_text_contrast,
)
from .test_page_types import submit_empty_form
from .visitor import SUM, answer_box, reaction_form, reactions

pytestmark = pytest.mark.django_db(transaction=True)

# What each field's error says when the form is sent empty.
EMPTY_FORM_ERRORS = {
    "veld-name": "Vul uw naam in.",
    "veld-email": "Vul uw e-mailadres in.",
    "veld-text": "Schrijf uw reactie.",
}


def test_errors_are_announced_linked_and_focused(page):
    page.goto(reaction_form_url())
    assert submit_empty_form(page).status == 400
    summary = page.locator(".form-errors")

    # Announced: a live region that has focus, so it is read out at once and
    # a keyboard user continues from there.
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    assert_text_contrast(page, ".form-errors li, .form-errors p, .field__error")

    # Every invalid field is marked and described by its own error text; the
    # summary links to each field.
    invalid = page.locator("form.reaction-form [aria-invalid=true]")
    expect(invalid).not_to_have_count(0)
    described = invalid.evaluate_all(
        """fields => fields.map(field => ({
          id: field.id,
          description: (field.getAttribute('aria-describedby') || '')
            .split(/\\s+/).map(id => document.getElementById(id))
            .filter(Boolean).map(el => el.textContent.trim()).join(' | '),
          linked: !!document.querySelector(
            `.form-errors a[href="#${field.id}"]`),
        }))"""
    )
    by_id = {field["id"]: field for field in described}
    for field_id, message in EMPTY_FORM_ERRORS.items():
        assert field_id in by_id, f"#{field_id} is not marked invalid: {described}"
        assert message in by_id[field_id]["description"], by_id[field_id]
        assert by_id[field_id]["linked"], f"The summary has no link to #{field_id}"
    assert "veld-answer" in by_id, "The unanswered sum is not marked invalid"

    # Following a link in the summary puts the cursor in the field.
    summary.get_by_role("link", name=EMPTY_FORM_ERRORS["veld-text"]).click()
    expect(page.locator("#veld-text")).to_be_focused()


def test_the_sum_is_inside_the_answer_fields_label(page):
    page.goto(reaction_form_url())
    form = reaction_form(page)
    field = answer_box(form)  # found by its accessible name, "7 + 5 ="
    expect(field).to_have_count(1)
    label = form.locator("label[for=veld-answer]")
    expect(label).to_have_text(SUM)
    expect(label.locator(".question")).to_be_visible()
    # The sum is text, not an image: a screen reader can read it out.
    expect(label.locator("img")).to_have_count(0)


@pytest.mark.parametrize("reply", [False, True], ids=["reaction", "reply"])
def test_form_opened_in_place_keeps_the_page_accessible(page, reply):
    """With JavaScript the form is inserted into the article page: the page
    with it must still pass axe and the structure checks (no duplicate
    ids, headings in order)."""
    page.goto(demo_article().get_absolute_url())
    if reply:
        link = reactions(page).locator("a.reaction__reply").first
    else:
        link = reactions(page).get_by_role("link", name="Schrijf een reactie")
    link.click()
    form = reaction_form(page)
    expect(form.get_by_label("Naam", exact=True)).to_be_focused()
    if reply:
        expect(form).to_contain_text("U reageert op")
    assert_all(page, *SITE_PAGE_CHECKS)
