"""Ordering a dossier's effective elements (issue 25): dragged into place
with django-admin-sortable2 under our Content-Security-Policy, or typed as
a number without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.factories import DossierFactory, EffectiveElementFactory

from .visitor import log_in_editor

pytestmark = pytest.mark.django_db(transaction=True)


def elements(count=3):
    dossier = DossierFactory(title="Wat werkt bij armoede")
    for n in range(1, count + 1):
        EffectiveElementFactory(dossier=dossier, title=f"Element {n}", position=n)
    return dossier


def titles(dossier):
    return list(
        dossier.effective_elements.order_by("position", "id").values_list(
            "title", flat=True
        )
    )


def open_elements(page, dossier):
    page.goto(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    group = page.locator("#effective_elements-group")
    group.locator("summary").first.click()
    return group


def test_an_element_is_moved_to_the_top_by_the_librarys_control(page):
    """The library's "Naar de eerste plaats" writes the positions as a drag
    does (both end in its onEnd). The drag itself is SortableJS's native
    drag and drop, which Playwright's synthetic mouse did not start here
    (drag_to and stepped mouse moves both left the order as it was): not
    covered by this test."""
    dossier = elements()
    log_in_editor(page)
    group = open_elements(page, dossier)
    third = group.locator(".inline-related.has_original").nth(2)
    third.get_by_role("button", name="Naar de eerste plaats").click()
    expect(group.locator(".inline-related.has_original h3").first).to_contain_text(
        "Element 3"
    )
    expect(page.locator("#id_effective_elements-2-position")).to_have_value("1")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert titles(dossier) == ["Element 3", "Element 1", "Element 2"]
    # No script or style our Content-Security-Policy blocked but the prose
    # editor's known one (static/css/admin.css), and no missing file.
    assert [
        problem
        for problem in page.problems
        if "favicon" not in problem and "django_prose_editor" not in problem
    ] == []


def test_without_javascript_the_order_is_typed(page_without_js):
    dossier = elements()
    log_in_editor(page_without_js)
    group = open_elements(page_without_js, dossier)
    group.get_by_label("Volgorde").nth(0).fill("9")
    page_without_js.get_by_role("button", name="Opslaan als concept").click()
    expect(page_without_js.locator(".messagelist")).to_be_visible()
    assert titles(dossier) == ["Element 2", "Element 3", "Element 1"]
