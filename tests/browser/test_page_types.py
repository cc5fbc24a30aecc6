"""What a visitor's browser meets on every page type (see tests/page_types.py):
WCAG 2.1 AA according to axe-core, plus the checks axe cannot make alone.

Each test loads the page once and reports every failing check at once.
"""

import pytest

from tests.page_types import PAGE_TYPES, SITE_PAGE_TYPES, ids

from .accessibility import (
    SITE_PAGE_CHECKS,
    assert_accessible,
    assert_all,
    assert_focus_visible_on_every_stop,
    assert_lang_is_dutch,
    assert_reflows_at_320_css_pixels,
    assert_skip_link_works,
    assert_text_contrast,
    assert_text_resizable,
)
from .visitor import sign_in_editor
from .xslt import set_banner_aside

site_page_types = pytest.mark.parametrize(
    "page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES)
)


def open_page_type(page, page_type):
    path = page_type.path()
    if page_type.as_editor:
        sign_in_editor(page)
    response = page.goto(path)
    if page_type.submit_empty_form:
        assert response.status == 200, f"{page_type.name}: {response.status}"
        response = submit_empty_form(page)
    assert response.status == page_type.status, f"{page_type.name}: {response.status}"
    page.wait_for_load_state("load")
    if page_type.xslt:
        set_banner_aside(page)  # Chromium's own, see tests/browser/xslt.py
    return response


def submit_empty_form(page):
    """Send the page's form with nothing filled in, past the browser's own
    checks (as an older browser would): the server's answer is the response."""
    form = page.locator("main form[method=post]")
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    return navigation.value


@site_page_types
def test_page_type_passes_axe_and_has_sound_structure(page, page_type):
    """axe-core's WCAG A/AA rules, lang="nl", one h1, headings in order,
    landmarks, and no console errors, CSP violations or missing files."""
    open_page_type(page, page_type)
    assert page.locator("link[rel=stylesheet]").count() >= 1
    assert_all(page, *SITE_PAGE_CHECKS)


@pytest.mark.parametrize(
    "page_type",
    [p for p in PAGE_TYPES if not p.ours],
    ids=ids(p for p in PAGE_TYPES if not p.ours),
)
def test_django_admin_page_type_passes_axe(page, page_type):
    open_page_type(page, page_type)
    assert_all(page, assert_accessible, assert_lang_is_dutch)


@site_page_types
def test_keyboard_user_skips_to_the_content_and_always_sees_focus(page, page_type):
    open_page_type(page, page_type)
    assert_skip_link_works(page)
    open_page_type(page, page_type)
    assert assert_focus_visible_on_every_stop(page) >= 3


@site_page_types
def test_text_resizes_reflows_and_contrasts_enough(page, page_type):
    """Text at 200 %, 320 px wide, and contrast >= 4.5:1 for text, links,
    buttons and the (focused) skip link."""
    open_page_type(page, page_type)
    assert_all(
        page,
        assert_text_resizable,
        assert_reflows_at_320_css_pixels,
        assert_text_contrast,
    )
    page.keyboard.press("Tab")  # the skip link only shows when focused
    assert_text_contrast(page, ".skip-link")
