"""PNGs of every page type for people to look at: `make screenshots`.

Not part of `make test` (pyproject's addopts deselect the marker); the
pictures land in artifacts/screenshots/<page type>-<width>.png.
"""

import pytest

from tests.page_types import PAGE_TYPES, ids

from .conftest import BASE_DIR

SCREENSHOTS_DIR = BASE_DIR / "artifacts" / "screenshots"


@pytest.mark.screenshots
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=ids(PAGE_TYPES))
def test_screenshot(page, page_type, width):
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(page_type.path())
    assert response.status == page_type.status
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{page_type.name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.read_bytes().startswith(b"\x89PNG")
