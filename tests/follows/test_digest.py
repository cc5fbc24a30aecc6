"""The weekly overview (issue 28): a follower who chose "wekelijks overzicht"
gets no mail per version but one overview a week of the substantive
versions, through the outbox with one-click unsubscribe; nothing in a week
without one, nothing twice in a week."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from follows import services
from follows.models import Follow, Frequency
from tests.factories import DossierFactory, ThemeFactory, publish

from .test_follow import ADDRESS, ask, link, visitor

pytestmark = pytest.mark.django_db

WEEK = dt.timedelta(days=7)


@pytest.fixture
def mails(mailoutbox, django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run, mailoutbox


def follow_weekly(run, outbox, url, email=ADDRESS):
    response = run(ask, visitor(), url, email=email, frequency="wekelijks")
    assert response.status_code == 302
    run(Client().post, link(outbox[-1], "/volgen/bevestigen/"))


def rewrite(dossier, text):
    dossier.definition = f"<p>{text}</p>"
    dossier.save()


def test_a_weekly_follower_gets_one_overview_of_the_substantive_versions(mails):
    run, outbox = mails
    dossier = DossierFactory(title="Wat werkt bij eenzaamheid", slug="eenzaamheid")
    page = Client().get("/dossiers/eenzaamheid/volgen/").content.decode()
    assert "Wekelijks overzicht" in page
    follow_weekly(run, outbox, "/dossiers/eenzaamheid/volgen/")
    assert Follow.objects.get().frequency == Frequency.WEEKLY
    sent_before = len(outbox)

    rewrite(dossier, "Nieuwe studies verwerkt.")
    run(
        publish,
        dossier,
        note="Nieuwe studies.",
        whats_new="Twee studies erbij",
        substantive=True,
    )
    rewrite(dossier, "Nieuwe studies verwerkt!")
    run(publish, dossier, note="Tikfout.")  # a correction: not in any mail
    rewrite(dossier, "Conclusie herzien.")
    run(publish, dossier, note="Conclusie herzien.", conclusions_changed=True)
    assert len(outbox) == sent_before  # no mail per version

    run(call_command, "send_follow_digest", verbosity=0)
    (overview,) = outbox[sent_before:]
    assert overview.to == [ADDRESS]
    assert overview.subject == (
        "Weekoverzicht: 2 nieuwe versies van \u2018Wat werkt bij eenzaamheid\u2019"
    )
    assert "versie 2 van" in overview.body
    assert "- Twee studies erbij" in overview.body
    assert "/dossiers/eenzaamheid/versies/1...2/" in overview.body
    assert "versie 4 van" in overview.body
    assert "De conclusies zijn gewijzigd in deze versie." in overview.body
    assert "/dossiers/eenzaamheid/versies/3...4/" in overview.body
    assert "Tikfout" not in overview.body
    assert "versie 3 van" not in overview.body
    unsubscribe = link(overview, "/volgen/afmelden/")
    assert overview.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )

    # Again the same week: nothing; a week later without changes: nothing.
    run(call_command, "send_follow_digest", verbosity=0)
    run(services.send_digests, now=timezone.now() + WEEK)
    assert len(outbox) == sent_before + 1

    # A new substantive version: the next week's overview names only that one.
    rewrite(dossier, "Weer nieuw.")
    version = run(publish, dossier, note="Weer nieuw.", substantive=True)
    assert run(services.send_digests, now=timezone.now() + 2 * WEEK) == 1
    (second,) = outbox[sent_before + 1 :]
    assert f"versie {version.number} van" in second.body
    assert "versie 4 van" not in second.body

    # Unsubscribed: no overview any more.
    assert Client().post(unsubscribe).status_code == 200
    rewrite(dossier, "En nog eens.")
    run(publish, dossier, substantive=True)
    assert run(services.send_digests, now=timezone.now() + 3 * WEEK) == 0


def test_a_per_version_follower_gets_no_overview_and_the_other_way_round(mails):
    run, outbox = mails
    theme = ThemeFactory(name="Participatie", slug="participatie")
    dossier = DossierFactory(themes=[theme], slug="buurt")
    run(ask, visitor(), "/themas/participatie/volgen/", email="elke@example.nl")
    run(Client().post, link(outbox[-1], "/volgen/bevestigen/"))
    follow_weekly(run, outbox, "/themas/participatie/volgen/")
    sent_before = len(outbox)

    rewrite(dossier, "Nieuw.")
    run(publish, dossier, substantive=True)
    assert [m.to for m in outbox[sent_before:]] == [["elke@example.nl"]]

    run(call_command, "send_follow_digest", verbosity=0)
    assert [m.to for m in outbox[sent_before + 1 :]] == [[ADDRESS]]
    assert "Participatie" in outbox[-1].subject


def test_an_overview_for_an_address_erased_meanwhile_is_not_sent(mails):
    run, outbox = mails
    dossier = DossierFactory(slug="eenzaamheid")
    follow_weekly(run, outbox, "/dossiers/eenzaamheid/volgen/")
    sent_before = len(outbox)
    rewrite(dossier, "Nieuw.")
    run(publish, dossier, substantive=True)
    # Queued without sending, then the follower is erased before it goes out.
    services.send_digests()
    Follow.objects.all().delete()
    call_command("send_notifications", verbosity=0)
    assert len(outbox) == sent_before
