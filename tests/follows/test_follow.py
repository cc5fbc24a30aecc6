"""Follow a dossier: ask → confirm → a substantive version mails what
changed with the comparison's link, a correction mails nothing → one-click
unsubscribe. With the reaction form's spam defences, and the follower's
address in the export, erasure and retention."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import BlocklistEntry, BlocklistKind, SubscriptionConsent
from core import personal_data
from core.clients import keyed_hash
from follows.models import Follow
from scripts.forms import form_data
from scripts.visitor import solve
from tests.factories import DossierFactory, ThemeFactory, publish

pytestmark = pytest.mark.django_db

ADDRESS = "lezer@example.nl"


def visitor(address="192.0.2.20") -> Client:
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def ask(client, url, email=ADDRESS, **overrides):
    """Open the follow page, solve its question, send the address."""
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    data = {
        **{k: v[0] for k, v in form_data(html, form_class="follow-form").items()},
        "answer": solve(html),
        "email": email,
    }
    data.update(overrides)
    return client.post(url, data)


def link(message, path) -> str:
    """The path of the link to ``path`` in a mail (on SITE_URL)."""
    found = re.search(rf"https?://[^/\s]+({path}[^\s\"<]+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def dossier():
    return DossierFactory(title="Wat werkt bij eenzaamheid", slug="eenzaamheid")


@pytest.fixture
def mails(mailoutbox, django_capture_on_commit_callbacks):
    """Mail as it leaves after commit."""

    class Mails(list):
        def run(self, action, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return action(*args, **kwargs)

    return Mails(), mailoutbox


def test_follow_confirm_substantive_mail_correction_nothing_unsubscribe(
    dossier, mails, settings
):
    run, outbox = mails[0].run, mails[1]
    client = visitor()
    page = client.get("/dossiers/eenzaamheid/")
    assert "Volg dit dossier" in page.content.decode()
    assert "Set-Cookie" not in page.headers
    assert not page.cookies

    response = run(ask, client, "/dossiers/eenzaamheid/volgen/")
    assert response.status_code == 302
    assert response["Location"] == "/dossiers/eenzaamheid/volgen/aangevraagd/"
    (confirmation,) = outbox
    assert confirmation.to == [ADDRESS]
    assert "Wat werkt bij eenzaamheid" in confirmation.subject
    follow = Follow.objects.get()
    assert follow.confirmed_at is None

    # Nothing is mailed before the address is confirmed.
    dossier.definition = "<p>Herschreven.</p>"
    dossier.save()
    run(publish, dossier, note="Definitie herschreven.", substantive=True)
    assert len(outbox) == 1

    confirm = link(confirmation, "/volgen/bevestigen/")
    page = client.get(confirm)  # a link scanner changes nothing
    assert "Ja, mail mij over nieuwe versies" in page.content.decode()
    assert Follow.objects.get().confirmed_at is None
    assert client.post(confirm).status_code == 200
    assert Follow.objects.get().confirmed_at is not None
    assert SubscriptionConsent.objects.filter(email_hash=keyed_hash(ADDRESS)).exists()
    assert client.post(confirm).status_code == 400  # used

    dossier.definition = "<p>Opnieuw herschreven, met nieuwe studies.</p>"
    dossier.save()
    run(
        publish,
        dossier,
        note="Nieuwe studies verwerkt.",
        whats_new="Twee nieuwe studies",
        conclusions_changed=True,
    )
    (notice,) = outbox[1:]
    assert notice.to == [ADDRESS]
    assert "Conclusies gewijzigd" in notice.subject
    assert "De conclusies zijn gewijzigd in deze versie." in notice.body
    assert "- Twee nieuwe studies" in notice.body
    assert "- Definitie van het vraagstuk (gewijzigd)" in notice.body
    assert "/dossiers/eenzaamheid/versies/2...3/" in notice.body
    unsubscribe = link(notice, "/volgen/afmelden/")
    assert notice.extra_headers["List-Unsubscribe"] == (
        f"<{settings.SITE_URL}{unsubscribe}>"
    )
    assert notice.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )

    # A correction: no mail.
    dossier.definition = "<p>Opnieuw herschreven, met nieuwe studies!</p>"
    dossier.save()
    run(publish, dossier, note="Tikfout.")
    assert len(outbox) == 2

    # One click from the mail program: a POST without any cookie or token.
    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    assert Follow.objects.get().unsubscribed_at is not None
    dossier.definition = "<p>Weer nieuw.</p>"
    dossier.save()
    run(publish, dossier, note="Weer nieuw.", substantive=True)
    assert len(outbox) == 2


def test_a_theme_follower_hears_of_substantive_versions_of_its_dossiers(mails):
    run, outbox = mails[0].run, mails[1]
    theme = ThemeFactory(name="Participatie", slug="participatie")
    dossier = DossierFactory(themes=[theme], slug="buurt")
    assert "Volg dit thema" in Client().get("/themas/participatie/").content.decode()
    run(ask, visitor(), "/themas/participatie/volgen/")
    follow = Follow.objects.get()
    assert follow.theme == theme
    run(
        Client().post,
        link(outbox[0], "/volgen/bevestigen/"),
    )
    dossier.definition = "<p>Nieuw.</p>"
    dossier.save()
    run(publish, dossier, substantive=True)
    assert [m.to for m in outbox[1:]] == [[ADDRESS]]


def test_a_wrong_answer_or_a_filled_trap_stores_nothing(dossier, mails):
    run, outbox = mails[0].run, mails[1]
    response = run(ask, visitor(), "/dossiers/eenzaamheid/volgen/", answer="999")
    assert response.status_code == 400
    assert "Dat antwoord klopt niet" in response.content.decode()
    response = run(ask, visitor(), "/dossiers/eenzaamheid/volgen/", website="x")
    assert response.status_code == 400
    assert not Follow.objects.exists()
    assert not outbox


def test_a_bad_address_keeps_the_answered_question(dossier, mails):
    run, outbox = mails[0].run, mails[1]
    client = visitor()
    url = "/dossiers/eenzaamheid/volgen/"
    first = run(ask, client, url, email="geen adres")
    page = first.content.decode()
    assert first.status_code == 400
    sent = {k: v[0] for k, v in form_data(page, form_class="follow-form").items()}
    # The same question again, answered as the visitor answered it.
    html = client.get(url).content.decode()
    assert sent["question_key"] not in html  # a fresh page gets a new one
    second = run(client.post, url, {**sent, "email": ADDRESS})
    assert second.status_code == 302
    assert Follow.objects.get().email == ADDRESS
    assert [m.to for m in outbox] == [[ADDRESS]]


def test_a_flood_of_follow_requests_is_refused(dossier, settings, mails):
    settings.COMMENTS_RATE_LIMIT = 2
    client = visitor()
    for n in range(2):
        ask(client, "/dossiers/eenzaamheid/volgen/", email=f"a{n}@example.nl")
    response = ask(client, "/dossiers/eenzaamheid/volgen/", email="a9@example.nl")
    assert response.status_code == 429
    assert Follow.objects.count() == 2


def test_a_blocklisted_address_gets_no_mail_and_the_same_page(dossier, mails):
    run, outbox = mails[0].run, mails[1]
    BlocklistEntry.objects.create(kind=BlocklistKind.DOMAIN, value="example.nl")
    response = run(ask, visitor(), "/dossiers/eenzaamheid/volgen/")
    assert response.status_code == 302
    assert not outbox
    assert not Follow.objects.exists()


def test_asking_twice_sends_one_confirmation(dossier, mails):
    run, outbox = mails[0].run, mails[1]
    run(ask, visitor(), "/dossiers/eenzaamheid/volgen/")
    run(
        ask,
        visitor("192.0.2.21"),
        "/dossiers/eenzaamheid/volgen/",
        email="LEZER@example.nl",
    )
    assert len(outbox) == 1
    assert Follow.objects.count() == 1


def test_unconfirmed_requests_lapse_and_addresses_are_exported_and_erased(
    dossier, mails, settings
):
    run = mails[0].run
    run(ask, visitor(), "/dossiers/eenzaamheid/volgen/")
    run(ask, visitor(), "/dossiers/eenzaamheid/volgen/", email="ander@example.nl")
    exported = personal_data.export(ADDRESS)["volgen"]
    assert [row["email"] for row in exported] == [ADDRESS]
    assert personal_data.erase(ADDRESS) == 1
    assert list(Follow.objects.values_list("email", flat=True)) == ["ander@example.nl"]
    Follow.objects.update(
        created_at=timezone.now()
        - dt.timedelta(days=settings.COMMENTS_CONFIRM_DAYS + 1)
    )
    call_command("purge_rate_limits", verbosity=0)
    assert not Follow.objects.exists()


def test_a_scheduled_substantive_version_is_announced_once_live(dossier, mails):
    run, outbox = mails[0].run, mails[1]
    run(ask, visitor(), "/dossiers/eenzaamheid/volgen/")
    run(Client().post, link(outbox[0], "/volgen/bevestigen/"))
    dossier.definition = "<p>Later.</p>"
    dossier.save()
    version = run(
        publish,
        dossier,
        substantive=True,
        at=timezone.now() + dt.timedelta(hours=1),
    )
    assert len(outbox) == 1
    type(version).objects.filter(pk=version.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    run(call_command, "announce_versions", verbosity=0)
    run(call_command, "announce_versions", verbosity=0)
    assert [m.to for m in outbox[1:]] == [[ADDRESS]]


def test_a_tampered_link_changes_nothing(dossier):
    response = Client().post("/volgen/afmelden/onzin/")
    assert response.status_code == 400
    assert "Deze link werkt niet meer" in response.content.decode()
