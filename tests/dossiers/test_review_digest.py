"""The weekly review digest: who gets which dossiers, once a week, retried."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from dossiers.models import ReviewDigestMail
from dossiers.review_digest import KIND, queue_review_digest
from dossiers.services import record_review
from outbox.models import OutgoingMail
from tests.factories import AuthorFactory, DossierFactory, EditorFactory
from tests.migrations import latest, migrate
from tests.races import second_waits_for_first

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(7)))


@pytest.fixture
def due(time_machine):
    """On Monday 30 November 2026: one dossier overdue, one due in ten days,
    one due next year, each with its own contact person."""
    time_machine.move_to(at(MONDAY))
    made = {}
    for slug, review_by, name in [
        ("armoede", dt.date(2026, 11, 2), "Sanne Verbeek"),
        ("eenzaamheid", dt.date(2026, 12, 10), "Piet Jansen"),
        ("schulden", dt.date(2027, 6, 1), "Anna de Wit"),
    ]:
        contact = AuthorFactory(name=name, email=f"{slug}@example.org")
        made[slug] = DossierFactory(
            title=f"Wat werkt bij {slug}",
            slug=slug,
            review_by=review_by,
            contacts=[contact],
        )
    return made


@pytest.fixture
def dossiers(due):
    """``due``, and an editor (and one without an address)."""
    EditorFactory(email="redactie@example.org")
    EditorFactory(email="")  # an editor without an address gets nothing
    return due


def digest(to: str) -> mail.EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [to]]
    return message


def outbox_row(to: str) -> OutgoingMail:
    """The digest's outbox row to ``to`` (there is one)."""
    return OutgoingMail.objects.get(kind=KIND, recipient=to)


BROKEN = {"default": {"BACKEND": "tests.comments.mailers.Broken"}}
WORKING = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def test_editors_get_every_due_dossier_and_contacts_their_own(dossiers):
    call_command("send_review_digest", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "armoede@example.org",
        "eenzaamheid@example.org",
        "redactie@example.org",
    ]
    editors = digest("redactie@example.org")
    assert editors.subject == "Herziening: 1 dossier verlopen, 1 binnenkort"
    text = editors.body
    assert "Week 49" in text or "week 49" in text
    overdue, soon = text.split("Herziening verlopen:", 1)[1].split("Binnen 30 dagen:")
    assert "Wat werkt bij armoede — herzien vóór 2 november 2026, 28 dagen geleden" in (
        overdue
    )
    assert "Wat werkt bij eenzaamheid — herzien vóór 10 december 2026" in soon
    assert "schulden" not in text
    assert "https://www.example.nl/dossiers/armoede/" in overdue
    assert f"/admin/dossiers/dossier/{dossiers['armoede'].pk}/change/" in overdue
    html = editors.alternatives[0].content
    assert '<a href="https://www.example.nl/dossiers/armoede/">' in html

    contact = digest("armoede@example.org").body
    assert "Wat werkt bij armoede" in contact
    assert "eenzaamheid" not in contact


def test_the_digest_goes_once_a_week_however_often_cron_runs(dossiers, time_machine):
    call_command("send_review_digest", verbosity=0)
    time_machine.move_to(at(MONDAY + dt.timedelta(days=3)))
    call_command("send_review_digest", verbosity=0)
    call_command("send_review_digest", verbosity=0)
    assert len(mail.outbox) == 3
    sent = OutgoingMail.objects.filter(kind=KIND, sent_at__isnull=False)
    assert sent.count() == 3
    # Each mail is about that week's digest row to its recipient.
    for row in sent:
        assert ReviewDigestMail.objects.get(pk=row.object_id).recipient == (
            row.recipient
        )
    # Next week it comes again, for what is still due.
    time_machine.move_to(at(MONDAY + dt.timedelta(days=7)))
    call_command("send_review_digest", verbosity=0)
    assert len(mail.outbox) == 6


def test_a_failed_mail_is_tried_again_on_the_next_run_and_sent_once(
    dossiers, settings, time_machine
):
    settings.MAILERS = BROKEN
    with pytest.raises(CommandError, match="3 e-mails mislukt"):
        call_command("send_review_digest", verbosity=0)
    row = outbox_row("redactie@example.org")
    assert (row.attempts, row.sent_at) == (1, None)
    assert "SMTPServerDisconnected" in row.last_error

    settings.MAILERS = WORKING
    time_machine.move_to(at(MONDAY + dt.timedelta(hours=5)))
    call_command("send_review_digest", verbosity=0)
    call_command("send_review_digest", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "armoede@example.org",
        "eenzaamheid@example.org",
        "redactie@example.org",
    ]
    row.refresh_from_db()
    assert (row.attempts, row.last_error) == (2, "")
    assert row.sent_at is not None


def test_the_outbox_cron_retries_a_digest_that_failed(dossiers, settings):
    settings.MAILERS = BROKEN
    with pytest.raises(CommandError):
        call_command("send_review_digest", verbosity=0)
    settings.MAILERS = WORKING
    call_command("send_notifications", verbosity=0)
    assert len(mail.outbox) == 3
    assert "Wat werkt bij armoede" in digest("redactie@example.org").body
    call_command("send_notifications", verbosity=0)
    call_command("send_review_digest", verbosity=0)
    assert len(mail.outbox) == 3


def test_a_dossier_checked_before_the_retry_is_not_mailed_about(dossiers, settings):
    settings.MAILERS = BROKEN
    with pytest.raises(CommandError):
        call_command("send_review_digest", verbosity=0)
    record_review(dossier=dossiers["armoede"])  # "Gecontroleerd, geen wijzigingen"
    settings.MAILERS = WORKING
    call_command("send_review_digest", verbosity=0)
    assert "armoede@example.org" not in [m.to[0] for m in mail.outbox]
    assert "Wat werkt bij armoede" not in digest("redactie@example.org").body
    # The contact's mail is dropped, not left to be retried.
    assert outbox_row("armoede@example.org").sent_at is not None


def test_a_digest_still_failing_when_the_next_week_comes_is_dropped(
    dossiers, settings, time_machine
):
    settings.MAILERS = BROKEN
    with pytest.raises(CommandError):
        call_command("send_review_digest", verbosity=0)
    settings.MAILERS = WORKING
    time_machine.move_to(at(MONDAY + dt.timedelta(days=7)))
    call_command("send_review_digest", verbosity=0)
    # Only the new week's digest, not last week's as well.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "armoede@example.org",
        "eenzaamheid@example.org",
        "redactie@example.org",
    ]
    assert "Week 50" in digest("redactie@example.org").body or (
        "week 50" in digest("redactie@example.org").body
    )
    assert not OutgoingMail.objects.filter(kind=KIND).unsent().exists()


def test_nothing_due_sends_nothing(time_machine):
    time_machine.move_to(at(MONDAY))
    DossierFactory(review_by=dt.date(2027, 6, 1))
    EditorFactory(email="redactie@example.org")
    call_command("send_review_digest", verbosity=0)
    assert mail.outbox == []


def test_contact_addresses_never_reach_the_pages(client, dossiers):
    body = client.get("/dossiers/armoede/").content.decode()
    assert "armoede@example.org" not in body


def test_editors_see_in_the_admin_what_the_digest_sent(
    dossiers, client, django_assert_max_num_queries
):
    call_command("send_review_digest", verbosity=0)
    client.force_login(EditorFactory(email="tweede@example.org"))
    with django_assert_max_num_queries(12):
        response = client.get("/admin/dossiers/reviewdigestmail/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Herzieningsoverzichten" in body
    assert "armoede@example.org" in body
    assert body.count(">1</td>") == 3  # attempts, from each mail's outbox row
    row = ReviewDigestMail.objects.get(recipient="armoede@example.org")
    page = client.get(f"/admin/dossiers/reviewdigestmail/{row.pk}/change/")
    assert page.status_code == 200
    assert "Pogingen" in page.content.decode()
    assert client.get("/admin/dossiers/reviewdigestmail/add/").status_code == 403


def test_queueing_twice_queues_one_mail_per_address(dossiers):
    first = queue_review_digest(MONDAY)
    assert sorted(row.recipient for row in first) == [
        "armoede@example.org",
        "eenzaamheid@example.org",
        "redactie@example.org",
    ]
    assert queue_review_digest(MONDAY + dt.timedelta(days=2)) == []
    assert OutgoingMail.objects.filter(kind=KIND).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_queue_one_mail_per_address(due):
    """B queues while A has queued and not yet committed: B's rows wait on
    A's, and then B finds them and queues nothing. (The contact persons
    only: an earlier transactional test's flush may have taken the Redactie
    group, a migration's row, that editors are put in.)"""
    first, second = second_waits_for_first(
        lambda: queue_review_digest(MONDAY), lambda: queue_review_digest(MONDAY)
    )
    assert (len(first), second) == (2, [])
    assert sorted(OutgoingMail.objects.values_list("recipient", flat=True)) == [
        "armoede@example.org",
        "eenzaamheid@example.org",
    ]
    assert len(mail.outbox) == 2  # sent when A committed
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_digest_unsent_before_the_outbox_is_carried_into_it():
    apps = migrate([("dossiers", "0018_redactie_review_digest_permission")])
    try:
        Digest = apps.get_model("dossiers", "ReviewDigestMail")
        week = MONDAY
        failing = Digest.objects.create(
            week=week,
            recipient="redactie@example.org",
            attempts=2,
            last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        )
        Digest.objects.create(
            week=week, recipient="sent@example.org", sent_at=at(MONDAY), attempts=1
        )
        Digest.objects.create(week=week, recipient="given-up@example.org", attempts=20)

        migrate(latest())
        (row,) = OutgoingMail.objects.all()
        assert (row.kind, row.object_id, row.recipient) == (
            KIND,
            failing.pk,
            "redactie@example.org",
        )
        assert (row.sent_at, row.attempts) == (None, 2)
        assert "SMTPServerDisconnected" in row.last_error
        assert ReviewDigestMail.objects.count() == 3  # the week's record stays

        # Back again: the outbox state returns to the digest row.
        apps = migrate([("dossiers", "0018_redactie_review_digest_permission")])
        back = apps.get_model("dossiers", "ReviewDigestMail").objects.get(pk=failing.pk)
        assert (back.sent_at, back.attempts) == (None, 2)
        assert not OutgoingMail.objects.exists()
    finally:
        migrate(latest())
