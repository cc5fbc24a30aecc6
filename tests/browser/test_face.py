"""What a reader sees of the living-dossier blocks (issues 24 and 28), found
by looking at the screenshots: the spam trap of the public forms stays off
screen, and the status block shows its colour."""

import pytest

from dossiers.models import Currency
from tests.factories import DossierFactory
from tests.page_types import demo_site

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dossier():
    return DossierFactory(
        slug="dakloosheid",
        title="Wat werkt bij dakloosheid",
        currency=Currency.REVISION_PLANNED,
        currency_reason="Er komt een nieuwe landelijke monitor.",
    )


@pytest.mark.parametrize(
    "path",
    [
        "/dossiers/dakloosheid/",  # "Was deze informatie nuttig?"
        "/dossiers/dakloosheid/volgen/",
        "/dossiers/dakloosheid/onderzoek-melden/",
    ],
)
def test_the_spam_trap_of_a_public_form_is_off_screen(page, dossier, path):
    page.goto(path)
    trap = page.locator(".field--trap").first
    box = trap.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 0, box  # a reader never sees it
    assert trap.get_attribute("aria-hidden") == "true"


def test_the_status_block_has_the_colour_of_its_status(page, dossier):
    page.goto("/dossiers/dakloosheid/")
    block = page.locator(".currency")
    style = block.evaluate(
        "el => [getComputedStyle(el).borderLeftWidth,"
        " getComputedStyle(el).borderLeftStyle]"
    )
    assert style == ["4px", "solid"]
    assert "Herziening gepland" in block.inner_text()


# How much of a picture shows in its frame under object-fit: cover, the
# smaller of the kept width and the kept height (1.0: all of it).
SHOWN_FRACTION = """img => {
    const box = img.getBoundingClientRect();
    const frame = box.width / box.height;
    const picture = img.naturalWidth / img.naturalHeight;
    return Math.min(frame / picture, picture / frame);
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_featured_dossier_shows_its_whole_drawing(page, width):
    # At 1280 px the picture stood beside the text as tall as the text:
    # a third of the demo's network drawing showed.
    demo_site()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    image = page.locator(".feature .feature__image")
    image.evaluate("img => img.decode()")

    assert image.evaluate(SHOWN_FRACTION) > 0.85


def test_a_one_column_page_keeps_its_lines_readable_on_the_grid(page, dossier):
    # The pages of reactions, follows and feedback ran their text across the
    # whole 1280 px container (80 and more characters a line).
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/dossiers/dakloosheid/volgen/")
    measure = page.evaluate(
        "parseFloat(getComputedStyle(document.documentElement).fontSize) * 44"
    )
    logo = page.locator(".site-logo").bounding_box()
    for box in [p.bounding_box() for p in page.locator("main p").all()]:
        if box["width"] == 0:  # the spam trap's, off screen
            continue
        assert box["width"] <= measure, box
        assert box["x"] == pytest.approx(logo["x"], abs=1), box
