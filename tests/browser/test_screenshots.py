"""PNGs of every page type for people to look at: `make screenshots`.

Not part of `make test` (pyproject's addopts deselect the marker); the
pictures land in artifacts/screenshots/<page type>-<width>.png, plus the
moderation queue as an editor sees it (admin-moderation-<width>.png).
"""

import pytest

from tests.factories import CommentFactory
from tests.page_types import PAGE_TYPES, demo_article, ids

from .conftest import BASE_DIR
from .test_page_types import open_page_type
from .visitor import log_in_editor

SCREENSHOTS_DIR = BASE_DIR / "artifacts" / "screenshots"
WIDTHS = [1280, 375]


def save(page, name: str, width: int, *, xslt: bool = False) -> None:
    # A full-page screenshot does not scroll, so images below the first
    # screen that load lazily would show as empty boxes: load them all.
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]')"
        ".forEach(img => { img.loading = 'eager'; })"
    )
    if xslt:
        # Chromium never reports the stylesheet's request of a page made
        # with XSLT as finished, so the network is never idle (the feed
        # timed out): wait for the images themselves.
        page.wait_for_function("[...document.images].every(img => img.complete)")
    else:
        page.wait_for_load_state("networkidle")
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.screenshots
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=ids(PAGE_TYPES))
def test_screenshot(page, page_type, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_page_type(page, page_type)
    save(page, page_type.name, width, xslt=page_type.xslt)


@pytest.mark.screenshots
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_the_moderation_queue(page, width):
    article = demo_article()
    for name, text in [
        ("Ruud Jansen", "Werkt dit ook in een kleine gemeente?"),
        ("Fatma Yilmaz", "Bij ons begon het met een buurtbudget."),
    ]:
        CommentFactory(item=article, name=name, text=text, status="pending")
    page.set_viewport_size({"width": width, "height": 800})
    log_in_editor(page)
    page.goto("/admin/comments/comment/")
    save(page, "admin-moderation", width)
