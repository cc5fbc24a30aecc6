"""How current the evidence is: a dossier's status (actueel / herziening
gepland / wordt niet meer bijgewerkt) with its reason and reassessment date,
and per version "Wat is er nieuw" and "conclusies gewijzigd", on the page,
in the PDF and in the JSON-LD."""

import datetime as dt
import json
import re
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.utils import DatabaseError
from django.test import Client

from dossiers import pdf
from dossiers.models import Currency, Dossier, DossierVersion
from scripts.forms import form_data
from tests.factories import DossierFactory, EditorFactory, publish

pytestmark = pytest.mark.django_db

PLANNED_REASON = "Er verschijnt dit voorjaar een grote Nederlandse studie."


def json_ld_work(html):
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    graph = json.loads(script.group(1))["@graph"]
    return next(item for item in graph if item["@type"] == "CreativeWork")


def status_block(html) -> str:
    found = re.search(
        r'<div class="currency[^"]*" id="actualiteit">(.*?)</div>', html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


@pytest.fixture
def dossier():
    dossier = DossierFactory(
        title="Wat werkt bij eenzaamheid",
        currency=Currency.REVISION_PLANNED,
        currency_reason=PLANNED_REASON,
        review_by=dt.date(2027, 3, 1),
    )
    dossier.definition = "<p>Een nieuwe definitie.</p>"
    dossier.save()
    publish(
        dossier,
        note="Nieuwe definitie.",
        whats_new="Nieuwe definitie van eenzaamheid\n- Twee nieuwe studies",
        conclusions_changed=True,
    )
    return dossier


def test_the_dossier_page_says_how_current_it_is_at_the_top(client, dossier):
    html = client.get(dossier.get_absolute_url()).content.decode()
    block = status_block(html)
    assert f"Status: Herziening gepland . {PLANNED_REASON}" in block
    assert "Volgende herbeoordeling: vóór 1 maart 2027" in block
    # At the top: before the table of contents and the first section.
    assert html.index('id="actualiteit"') < html.index('id="inhoudsopgave"')


def test_the_new_version_says_whats_new_and_that_its_conclusions_changed(
    client, dossier
):
    html = client.get(dossier.get_absolute_url()).content.decode()
    block = status_block(html)
    assert "De conclusies zijn gewijzigd in versie 2." in block
    assert "Wat is er nieuw in versie 2" in block
    items = re.findall(r"<li>([^<]+)</li>", html.split('id="actualiteit"')[1])[:2]
    assert items == ["Nieuwe definitie van eenzaamheid", "Twee nieuwe studies"]
    versions = client.get(f"{dossier.get_absolute_url()}versies/").content.decode()
    assert "conclusies gewijzigd" in versions


def test_a_correction_shows_no_whats_new_and_no_conclusions(client, dossier):
    dossier.definition = "<p>Een nieuwe definitie, zonder tikfout.</p>"
    dossier.save()
    publish(dossier, note="Tikfout hersteld.")
    block = status_block(client.get(dossier.get_absolute_url()).content.decode())
    assert "Herziening gepland" in block
    assert "conclusies" not in block
    assert "Wat is er nieuw" not in block


def test_a_dossier_no_longer_updated_gives_its_reason_and_no_date(client):
    dossier = DossierFactory(
        currency=Currency.NOT_UPDATED,
        currency_reason="Het programma is in 2025 beëindigd.",
    )
    html = client.get(dossier.get_absolute_url()).content.decode()
    block = status_block(html)
    assert "Status: Wordt niet meer bijgewerkt . Het programma is in 2025" in block
    assert "herbeoordeling" not in block
    work = json_ld_work(html)
    assert work["creativeWorkStatus"] == (
        "Wordt niet meer bijgewerkt: Het programma is in 2025 beëindigd."
    )


def test_json_ld_states_the_status_reason_and_reassessment_date(client, dossier):
    work = json_ld_work(client.get(dossier.get_absolute_url()).content.decode())
    assert work["creativeWorkStatus"] == (
        f"Herziening gepland: {PLANNED_REASON} (herbeoordeling vóór 2027-03-01)"
    )


def test_an_older_versions_page_does_not_claim_the_current_status(client, dossier):
    html = client.get(f"{dossier.get_absolute_url()}versies/1/").content.decode()
    assert "Herziening gepland" not in html
    assert "creativeWorkStatus" not in html
    current = client.get(f"{dossier.get_absolute_url()}versies/2/").content.decode()
    assert "Herziening gepland" in status_block(current)


def test_a_status_other_than_up_to_date_needs_a_reason():
    dossier = DossierFactory()
    dossier.currency = Currency.REVISION_PLANNED
    with pytest.raises(ValidationError):
        dossier.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(currency=Currency.NOT_UPDATED)


def test_whats_new_of_a_live_version_cannot_be_changed_afterwards():
    dossier = DossierFactory()
    version = publish(
        dossier,
        whats_new="Iets nieuws",
        conclusions_changed=True,
        # Live before this test's transaction began (the trigger's now()).
        at=dossier.published_at + dt.timedelta(hours=1),
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        DossierVersion.objects.filter(pk=version.pk).update(whats_new="Iets anders")
    with pytest.raises(DatabaseError), transaction.atomic():
        DossierVersion.objects.filter(pk=version.pk).update(conclusions_changed=False)


def test_changed_conclusions_are_always_a_substantive_change(dossier):
    assert dossier.versions.current().first().substantive


def test_an_editor_publishes_whats_new_and_sets_the_status_in_the_admin(
    client, settings
):
    # This test is about what the version tells readers, not the review
    # round before publishing (tests/dossiers/test_admin_versions.py).
    settings.DOSSIER_PUBLISH_NEEDS_APPROVAL = False
    dossier = DossierFactory(title="Wat werkt bij armoede")
    editor = Client()
    editor.force_login(EditorFactory())
    change = f"/admin/dossiers/dossier/{dossier.pk}/change/"
    data = form_data(editor.get(change).content.decode(), "dossier_form")
    data.update(
        currency=[Currency.REVISION_PLANNED],
        currency_reason=["Nieuwe cijfers van het CBS komen eraan."],
        definition=["<p>Herschreven.</p>"],
        version_note=["Definitie herschreven."],
        whats_new=["Definitie herschreven"],
        substantive=["on"],
        _publish=["Publiceren"],
    )
    response = editor.post(change, data, follow=True)
    assert "Versie 2 is gepubliceerd" in response.content.decode()
    version = dossier.versions.current().first()
    assert version.substantive
    assert not version.conclusions_changed
    assert version.whats_new_points() == ["Definitie herschreven"]
    block = status_block(client.get(dossier.get_absolute_url()).content.decode())
    assert "Nieuwe cijfers van het CBS komen eraan." in block
    assert "Wat is er nieuw in versie 2 Definitie herschreven" in block


def pdf_text(client, dossier) -> str:
    version = dossier.versions.current().first()
    response = client.get(f"{version.get_absolute_url()}pdf/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def test_the_pdf_states_the_status_and_is_made_again_when_it_changes(client, dossier):
    first = pdf_text(client, dossier)
    assert "Status: Herziening gepland" in first
    assert "De conclusies zijn gewijzigd in versie 2." in first
    Dossier.objects.filter(pk=dossier.pk).update(
        currency=Currency.CURRENT, currency_reason=""
    )
    again = pdf_text(client, dossier)
    assert "Status: Actueel" in again
    assert "Herziening gepland" not in again
    version = dossier.versions.current().first()
    assert version.pdf.stamp == pdf.stamp(version) != ""
