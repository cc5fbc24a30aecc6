"""What a visitor's browser meets on every page type (see tests/page_types.py):
WCAG 2.1 AA according to axe-core, plus the checks axe cannot make alone."""

import pytest

from tests.page_types import PAGE_TYPES, SITE_PAGE_TYPES, ids

from .accessibility import (
    assert_accessible,
    assert_focus_visible_on_every_stop,
    assert_headings_in_order,
    assert_landmarks,
    assert_lang_is_dutch,
    assert_one_h1,
    assert_reflows_at_320_css_pixels,
    assert_skip_link_works,
    assert_text_contrast,
    assert_text_resizable,
)


def open_page_type(page, page_type):
    response = page.goto(page_type.path())
    assert response.status == page_type.status, f"{page_type.name}: {response.status}"
    return response


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=ids(PAGE_TYPES))
def test_page_type_has_no_wcag_violations_according_to_axe(page, page_type):
    open_page_type(page, page_type)
    assert_accessible(page)
    assert_lang_is_dutch(page)


@pytest.mark.parametrize("page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES))
def test_page_type_loads_without_console_errors_or_missing_files(page, page_type):
    open_page_type(page, page_type)
    page.wait_for_load_state("load")
    assert page.locator("link[rel=stylesheet]").count() >= 1
    assert page.problems == []


@pytest.mark.parametrize("page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES))
def test_page_type_has_one_h1_headings_in_order_and_landmarks(page, page_type):
    open_page_type(page, page_type)
    assert_one_h1(page)
    assert_headings_in_order(page)
    assert_landmarks(page)


@pytest.mark.parametrize("page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES))
def test_keyboard_user_skips_to_the_content_and_always_sees_focus(page, page_type):
    open_page_type(page, page_type)
    assert_skip_link_works(page)
    page.reload()
    assert assert_focus_visible_on_every_stop(page) >= 3


@pytest.mark.parametrize("page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES))
def test_text_can_be_doubled_and_reflows_on_a_narrow_screen(page, page_type):
    open_page_type(page, page_type)
    assert_text_resizable(page)
    assert_reflows_at_320_css_pixels(page)


@pytest.mark.parametrize("page_type", SITE_PAGE_TYPES, ids=ids(SITE_PAGE_TYPES))
def test_text_links_and_buttons_contrast_at_least_4_5_to_1(page, page_type):
    open_page_type(page, page_type)
    assert_text_contrast(page)
    # The skip link only shows when focused; check it in that state too.
    page.keyboard.press("Tab")
    assert_text_contrast(page, ".skip-link")
