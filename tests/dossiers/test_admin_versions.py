# ruff: noqa: RUF001 -- Dutch text uses typographic quotes and dashes on purpose.
"""Editors publish, compare, load and discard versions in the admin."""

import pytest
from django.test import Client
from django.utils import timezone

from dossiers import services
from scripts.forms import form_data
from tests.factories import (
    DossierFactory,
    EditorFactory,
    EffectiveElementFactory,
    ReviewerFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client = Client()
    client.force_login(EditorFactory())
    return client


def change_url(dossier):
    return f"/admin/dossiers/dossier/{dossier.pk}/change/"


def test_save_and_publish_makes_the_next_version_with_its_note(editor, client):
    dossier = DossierFactory(slug="armoede", summary="Oud.")
    data = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    data["summary"] = ["Nieuw."]
    data["_review"] = ["Opslaan en ter review aanbieden"]
    response = editor.post(change_url(dossier), data, follow=True)
    assert "ter review aangeboden" in response.content.decode()
    dossier.refresh_from_db()
    services.approve_draft(
        dossier=dossier,
        user=ReviewerFactory(),
        fingerprint=services.draft_fingerprint(dossier),
    )
    data = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    data["version_note"] = ["Samenvatting herschreven."]
    data["_publish"] = ["Publiceren"]
    response = editor.post(change_url(dossier), data, follow=True)
    html = response.content.decode()
    assert "Versie 2 is gepubliceerd" in html
    # Amsterdam time, spelled out: no UTC, no bare digits.
    moment = timezone.localtime(dossier.versions.get(number=2).published_at)
    assert f"{moment:%H:%M})" in html
    version = dossier.versions.get(number=2)
    assert version.note == "Samenvatting herschreven."
    assert version.editor is not None
    assert "Nieuw." in client.get("/dossiers/armoede/").content.decode()


def test_saving_says_the_dossier_is_a_draft_in_correct_dutch(editor):
    dossier = DossierFactory(title="Wat werkt bij armoede", summary="Oud.")
    data = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    assert "Opslaan en nieuwe toevoegen" not in editor.get(change_url(dossier)).text
    data["summary"] = ["Nieuw."]
    data["_continue"] = ["Opslaan als concept"]
    response = editor.post(change_url(dossier), data, follow=True)
    html = response.content.decode()
    assert (
        "Het dossier ‘Wat werkt bij armoede’ is opgeslagen als concept. "
        "Lezers zien versie 1 tot u publiceert." in html
    )
    assert "De dossier" not in html
    assert "concept wijkt af van versie 1" in html
    listing = editor.get("/admin/dossiers/dossier/").content.decode()
    assert "concept wijkt af van versie 1" in listing


def test_publishing_without_approval_keeps_the_draft_and_says_why(editor, client):
    dossier = DossierFactory(slug="armoede", summary="Oud.")
    data = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    data["summary"] = ["Nieuw."]
    data["version_note"] = ["Samenvatting herschreven."]
    data["_publish"] = ["Publiceren"]
    html = editor.post(change_url(dossier), data, follow=True).content.decode()
    assert "nog niet goedgekeurd door een beoordelaar" in html
    assert not dossier.versions.filter(number=2).exists()
    assert "Oud." in client.get("/dossiers/armoede/").content.decode()


def test_every_error_links_to_its_field(editor):
    dossier = DossierFactory()
    EffectiveElementFactory(dossier=dossier, title="Verbinden")
    data = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    data["title"] = [""]
    data["effective_elements-0-title"] = [""]
    html = editor.post(change_url(dossier), data).content.decode()
    assert '<a href="#id_title">Titel: Dit veld is verplicht.</a>' in html
    assert (
        '<a href="#id_effective_elements-0-title">Werkzaam element 1, Titel: '
        "Dit veld is verplicht.</a>" in html
    )


def test_a_second_editor_saving_over_a_newer_save_is_told_and_loses_nothing(editor):
    dossier = DossierFactory(summary="Oud.")
    other = Client()
    other.force_login(EditorFactory())
    first = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    second = form_data(other.get(change_url(dossier)).content.decode(), "dossier_form")
    first["summary"] = ["Van de eerste redacteur."]
    assert editor.post(change_url(dossier), first).status_code == 302
    second["summary"] = ["Van de tweede redacteur."]
    response = other.post(change_url(dossier), second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Een andere redacteur heeft dit dossier opgeslagen" in html
    assert "Van de tweede redacteur." in html  # still in the form
    dossier.refresh_from_db()
    assert dossier.summary == "Van de eerste redacteur."
    # Saving again, knowingly, replaces the other editor's text.
    again = form_data(html, "dossier_form")
    assert other.post(change_url(dossier), again).status_code == 302
    dossier.refresh_from_db()
    assert dossier.summary == "Van de tweede redacteur."


def test_a_second_editor_typing_in_the_inlines_is_told_and_keeps_the_rows(editor):
    dossier = DossierFactory(summary="Oud.")
    EffectiveElementFactory(dossier=dossier, title="Bestaand element", position=1)
    other = Client()
    other.force_login(EditorFactory())
    first = form_data(editor.get(change_url(dossier)).content.decode(), "dossier_form")
    second = form_data(other.get(change_url(dossier)).content.decode(), "dossier_form")
    first["effective_elements-0-title"] = ["Door de eerste hernoemd"]
    assert editor.post(change_url(dossier), first).status_code == 302
    # The second editor only adds a row below: the inlines are part of the draft.
    total = int(second["effective_elements-TOTAL_FORMS"][0])
    prefix = f"effective_elements-{total}-"
    second.update(
        {
            prefix + "position": ["2"],
            prefix + "title": ["Nieuw element van de tweede"],
            prefix + "explanation": ["<p>Waarom.</p>"],
            prefix + "dossier": [str(dossier.pk)],
        }
    )
    second["effective_elements-TOTAL_FORMS"] = [str(total + 1)]
    response = other.post(change_url(dossier), second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Een andere redacteur heeft dit dossier opgeslagen" in html
    assert 'value="Nieuw element van de tweede"' in html  # the typed row
    titles = list(dossier.effective_elements.values_list("title", flat=True))
    assert titles == ["Door de eerste hernoemd"]


def test_an_editor_loads_an_old_version_into_the_draft(editor):
    dossier = DossierFactory(summary="Versie een.")
    dossier.summary = "Versie twee."
    dossier.save()
    publish(dossier)
    url = f"/admin/dossiers/dossier/{dossier.pk}/versies/1/laden/"
    assert "Het concept van" in editor.get(url).content.decode()
    assert editor.post(url).status_code == 302
    dossier.refresh_from_db()
    assert dossier.summary == "Versie een."
    assert dossier.versions.count() == 2  # nothing published yet


def test_the_admin_compares_any_two_versions(editor):
    dossier = DossierFactory(summary="Een korte tekst.")
    dossier.summary = "Een langere tekst."
    dossier.save()
    publish(dossier)
    html = editor.get(
        f"/admin/dossiers/dossier/{dossier.pk}/verschil/?a=1&b=2"
    ).content.decode()
    assert "[ingevoegd:] </span>langere" in html
    assert "[verwijderd:] </span>korte" in html
    change = editor.get(change_url(dossier)).content.decode()
    assert "gepubliceerde versies" in change.lower()
    assert "Laden in concept" in change
