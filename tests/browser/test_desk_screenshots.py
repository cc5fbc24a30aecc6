"""PNGs of the editors' desk (the admin pages editors work in), at 1280 and
375 px: `pytest tests/browser -m screenshots -k desk`. They land in
artifacts/screenshots/desk-<page>-<width>.png."""

import pytest

from dossiers.models import Dossier
from outbox.models import OutgoingMail
from tests.factories import CommentFactory
from tests.page_types import DEMO_DOSSIER, demo_article, demo_site

from .test_screenshots import WIDTHS, save
from .visitor import log_in_editor


def _desk_data():
    demo_site()
    article = demo_article()
    question = CommentFactory(
        item=article,
        name="Ruud Jansen",
        text="Werkt dit ook in een kleine gemeente? Wij hebben maar één "
        "buurtteam en weinig budget, en ik vraag me af of het dossier daar "
        "iets over zegt.",
        status="pending",
    )
    CommentFactory(
        parent=question,
        name="Fatma Yilmaz",
        text="Bij ons begon het met een buurtbudget.",
        status="pending",
    )
    OutgoingMail.objects.create(
        kind="comments.confirm", object_id=question.pk, recipient="ruud@example.nl"
    )
    return question, Dossier.objects.get(slug=DEMO_DOSSIER)


@pytest.mark.screenshots
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_desk(page, width):
    reaction, dossier = _desk_data()
    page.set_viewport_size({"width": width, "height": 800})
    log_in_editor(page)
    pages = {
        "index": "/admin/",
        "reactions": "/admin/comments/comment/?status__exact=pending",
        "reaction": f"/admin/comments/comment/{reaction.pk}/change/",
        "dossiers": "/admin/dossiers/dossier/",
        "dossier": f"/admin/dossiers/dossier/{dossier.pk}/change/",
        "dossier-diff": f"/admin/dossiers/dossier/{dossier.pk}/verschil/",
        "outbox": "/admin/outbox/outgoingmail/",
    }
    for name, path in pages.items():
        page.goto(path)
        save(page, f"desk-{name}", width)
