"""The weekly review digest: who gets which dossiers, once a week, retried."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from dossiers.models import ReviewDigestMail
from dossiers.services import record_review
from tests.factories import AuthorFactory, DossierFactory, EditorFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(7)))


@pytest.fixture
def dossiers(time_machine):
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
    EditorFactory(email="redactie@example.org")
    EditorFactory(email="")  # an editor without an address gets nothing
    return made


def digest(to: str) -> mail.EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [to]]
    return message


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
    assert ReviewDigestMail.objects.filter(sent_at__isnull=False).count() == 3
    # Next week it comes again, for what is still due.
    time_machine.move_to(at(MONDAY + dt.timedelta(days=7)))
    call_command("send_review_digest", verbosity=0)
    assert len(mail.outbox) == 6


def test_a_failed_mail_is_tried_again_on_the_next_run_and_sent_once(
    dossiers, settings, time_machine
):
    settings.MAILERS = {"default": {"BACKEND": "tests.comments.mailers.Broken"}}
    with pytest.raises(CommandError, match="3 e-mails mislukt"):
        call_command("send_review_digest", verbosity=0)
    row = ReviewDigestMail.objects.get(recipient="redactie@example.org")
    assert (row.attempts, row.sent_at) == (1, None)
    assert "SMTPServerDisconnected" in row.last_error

    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
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


def test_a_dossier_checked_before_the_retry_is_not_mailed_about(dossiers, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.comments.mailers.Broken"}}
    with pytest.raises(CommandError):
        call_command("send_review_digest", verbosity=0)
    record_review(dossier=dossiers["armoede"])  # "Gecontroleerd, geen wijzigingen"
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    call_command("send_review_digest", verbosity=0)
    assert "armoede@example.org" not in [m.to[0] for m in mail.outbox]
    assert "Wat werkt bij armoede" not in digest("redactie@example.org").body


def test_nothing_due_sends_nothing(time_machine):
    time_machine.move_to(at(MONDAY))
    DossierFactory(review_by=dt.date(2027, 6, 1))
    EditorFactory(email="redactie@example.org")
    call_command("send_review_digest", verbosity=0)
    assert mail.outbox == []


def test_contact_addresses_never_reach_the_pages(client, dossiers):
    body = client.get("/dossiers/armoede/").content.decode()
    assert "armoede@example.org" not in body


def test_editors_see_in_the_admin_what_the_digest_sent(dossiers, client):
    call_command("send_review_digest", verbosity=0)
    client.force_login(EditorFactory(email="tweede@example.org"))
    response = client.get("/admin/dossiers/reviewdigestmail/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Herzieningsoverzichten" in body
    assert "armoede@example.org" in body
    assert client.get("/admin/dossiers/reviewdigestmail/add/").status_code == 403
