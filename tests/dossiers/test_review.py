"""Review dates: "herzien vóór", the admin's filters and count, recording a
check without changes."""

import calendar
import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import formats, timezone, translation

from dossiers.models import Dossier
from tests.factories import DossierFactory, EditorFactory, publish

pytestmark = pytest.mark.django_db


def add_months(day: dt.date, months: int) -> dt.date:
    """As PostgreSQL adds an interval: the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def due(dossier) -> dt.date:
    return Dossier.objects.with_review_due().get(pk=dossier.pk).review_due


@pytest.fixture
def editor():
    client = Client()
    client.force_login(EditorFactory())
    return client


def test_review_falls_due_a_set_number_of_months_after_the_latest_version(settings):
    settings.DOSSIER_REVIEW_MONTHS = 12
    dossier = DossierFactory(published_at=at(dt.date(2025, 1, 31)))
    assert due(dossier) == dt.date(2026, 1, 31)
    # Saving the draft is no review: readers still read version 1.
    dossier.summary = "Een nieuwe samenvatting, nog niet gepubliceerd."
    dossier.save()
    assert due(dossier) == dt.date(2026, 1, 31)
    publish(dossier, at=at(dt.date(2025, 4, 30)))
    assert due(dossier) == dt.date(2026, 4, 30)
    settings.DOSSIER_REVIEW_MONTHS = 6
    assert due(dossier) == dt.date(2025, 10, 30)
    # An editor's own date wins.
    Dossier.objects.filter(pk=dossier.pk).update(review_by=dt.date(2025, 7, 1))
    assert due(dossier) == dt.date(2025, 7, 1)


def test_a_scheduled_version_counts_for_the_review_from_its_moment(
    settings, time_machine
):
    settings.DOSSIER_REVIEW_MONTHS = 12
    dossier = DossierFactory(published_at=at(dt.date(2025, 1, 31)))
    publish(dossier, at=at(dt.date(2025, 4, 30)))
    later = timezone.localdate() + dt.timedelta(days=3)
    publish(dossier, at=at(later))
    assert due(dossier) == dt.date(2026, 4, 30)
    time_machine.move_to(at(later + dt.timedelta(days=1)))
    assert due(dossier) == add_months(later, 12)


def test_admin_filters_overdue_and_due_within_30_days(editor):
    today = timezone.localdate()
    DossierFactory(title="Te laat", review_by=today - dt.timedelta(days=1))
    DossierFactory(title="Bijna", review_by=today + dt.timedelta(days=30))
    DossierFactory(title="Ruim op tijd", review_by=today + dt.timedelta(days=31))
    url = "/admin/dossiers/dossier/"

    def titles(query):
        html = editor.get(url + query).content.decode()
        return set(re.findall(r'<th class="field-title"><a [^>]*>([^<]+)</a>', html))

    assert titles("?herziening=verlopen") == {"Te laat"}
    assert titles("?herziening=binnen-30") == {"Bijna"}
    assert titles("") == {"Te laat", "Bijna", "Ruim op tijd"}
    html = editor.get(url).content.decode()
    assert "herziening verlopen" in html
    assert "binnen 30 dagen" in html


def test_admin_index_shows_how_many_are_overdue(editor):
    today = timezone.localdate()
    DossierFactory.create_batch(2, review_by=today - dt.timedelta(days=3))
    DossierFactory(review_by=today)  # due today: not overdue yet
    DossierFactory(draft=True, review_by=today - dt.timedelta(days=3))
    html = editor.get("/admin/").content.decode()
    assert re.search(r">2</span>\s*dossiers zijn over hun herzieningsdatum", html)
    assert "?herziening=verlopen" in html


def test_checked_without_changes_shows_readers_the_date(editor, client):
    today = timezone.localdate()
    dossier = DossierFactory(review_by=today - dt.timedelta(days=10))
    before = client.get(dossier.get_absolute_url()).content.decode()
    assert "Laatst gecontroleerd" not in before

    response = editor.post(
        "/admin/dossiers/dossier/",
        {"action": "record_review", "_selected_action": [dossier.pk]},
        follow=True,
    )
    assert "1 dossier vastgelegd als gecontroleerd, zonder wijzigingen." in (
        response.content.decode()
    )
    dossier.refresh_from_db()
    assert dossier.last_reviewed_on == today
    assert due(dossier) == add_months(today, 12)  # 12 months from the check

    page = client.get(dossier.get_absolute_url()).content.decode()
    with translation.override("nl"):
        shown = formats.date_format(today, "j F Y")
    assert (
        f'<dt>Laatst gecontroleerd</dt><dd><time datetime="{today:%Y-%m-%d}">'
        f"{shown}</time></dd>"
    ) in page
    # The version readers read is named beside it.
    assert "<dt>Versie</dt>" in page
