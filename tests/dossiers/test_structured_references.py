"""References as structured fields: the data migration, old snapshots, search."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dossiers.models import DossierVersion, Reference
from dossiers.services import has_unpublished_changes, revert_dossier
from tests.factories import DossierFactory, ReferenceFactory, publish
from tests.migrations import latest, migrate

BEFORE = [("dossiers", "0013_redactie_version_permissions")]
AFTER = [
    ("dossiers", "0016_version_citations"),
    ("search", "0006_structured_references"),
]

OLD_LINES = {
    "Mulgan": "Innovations: Technology, Governance, Globalization, 1(2), 145-162",
    "Holt-Lunstad": "PLoS Medicine, 7(7), e1000316",
    "Cacioppo": "W. W. Norton",
    "Bakker": "",
}


@pytest.mark.django_db(transaction=True)
def test_old_source_lines_become_fields_and_published_versions_get_citations():
    apps = migrate(BEFORE)
    try:
        Dossier = apps.get_model("dossiers", "Dossier")
        OldReference = apps.get_model("dossiers", "Reference")
        Version = apps.get_model("dossiers", "DossierVersion")
        dossier = Dossier.objects.create(
            title="Wat werkt bij eenzaamheid",
            slug="eenzaamheid",
            status="published",
            published_at="2024-03-12T10:00:00+01:00",
        )
        rows = []
        for position, (name, line) in enumerate(OLD_LINES.items(), start=1):
            OldReference.objects.create(
                dossier=dossier,
                position=position,
                authors=f"{name}, A.",
                year=2010,
                title=f"Werk van {name}",
                source=line,
            )
            rows.append(
                {
                    "position": position,
                    "authors": f"{name}, A.",
                    "year": 2010,
                    "title": f"Werk van {name}",
                    "source": line,
                    "url": "",
                    "doi": "",
                }
            )
        content = {"format": 1, "title": dossier.title, "themes": [], "authors": []}
        content["references"] = rows
        Version.objects.create(
            dossier=dossier,
            number=1,
            published_at="2024-03-12T10:00:00+01:00",
            title=dossier.title,
            content=content,
        )

        migrate(AFTER)
        fields = {
            ref.authors.split(",")[0]: ref
            for ref in Reference.objects.filter(dossier_id=dossier.pk)
        }
        mulgan = fields["Mulgan"]
        assert (mulgan.kind, mulgan.container_title) == (
            "article-journal",
            "Innovations: Technology, Governance, Globalization",
        )
        assert (mulgan.volume, mulgan.issue, mulgan.pages) == ("1", "2", "145-162")
        assert fields["Holt-Lunstad"].pages == "e1000316"  # an article number
        assert (fields["Cacioppo"].kind, fields["Cacioppo"].publisher) == (
            "book",
            "W. W. Norton",
        )
        assert fields["Bakker"].kind == "report"  # nothing to read: the default

        # The version published before kept its text. Its citations are not
        # stored by the migration (it imports no application code): they are
        # formatted from that text when the version is read.
        # Only the columns of that state (later migrations add others).
        version = DossierVersion.objects.only("content", "citations").get(
            dossier_id=dossier.pk
        )
        assert version.content["references"][0]["source"] == OLD_LINES["Mulgan"]
        assert version.citations is None

        migrate(latest())
        page = Client().get(reverse("dossiers:version", args=["eenzaamheid", 1]))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Mulgan, A. (2010). Werk van Mulgan. <i>Innovations" in html
        assert "<i>7</i>(7), e1000316." in html
        assert "Cacioppo, A. (2010). <i>Werk van Cacioppo</i>. W. W. Norton." in html
    finally:
        migrate(latest())


def old_version(dossier, rows):
    """A version as published before references had fields: the snapshot of
    today with its references written as one source line each."""
    version = publish(dossier, note="Oud.")
    content = {**version.content, "references": rows}
    return DossierVersion.objects.create(
        dossier=dossier,
        number=version.number + 1,
        published_at=version.published_at,
        title=version.title,
        content=content,
    )


OLD_ROW = {
    "position": 1,
    "authors": "Mulgan, G.",
    "year": 2006,
    "title": "The process of social innovation",
    "source": "Innovations: Technology, Governance, Globalization, 1(2), 145-162",
    "url": "",
    "doi": "10.1162/itgg.2006.1.2.145",
}


@pytest.mark.django_db
def test_a_version_published_with_source_lines_still_reads_right(client):
    dossier = DossierFactory(slug="innovatie")
    version = old_version(dossier, [OLD_ROW])
    body = client.get(f"/dossiers/innovatie/versies/{version.number}/").content.decode()
    assert (
        "Mulgan, G. (2006). The process of social innovation. <i>Innovations: "
        "Technology, Governance, Globalization</i>, <i>1</i>(2), 145\N{EN DASH}162. "
        '<a href="https://doi.org/10.1162/itgg.2006.1.2.145">'
    ) in body
    ris = client.get(f"/dossiers/innovatie/versies/{version.number}/literatuur/1.ris")
    assert "T2  - Innovations: Technology, Governance, Globalization" in (
        ris.content.decode()
    )


@pytest.mark.django_db
def test_loading_an_old_version_into_the_draft_fills_the_fields():
    dossier = DossierFactory(slug="innovatie")
    version = old_version(dossier, [OLD_ROW])
    revert_dossier(dossier=dossier, version=version)
    (reference,) = Reference.objects.filter(dossier=dossier)
    assert (reference.kind, reference.volume, reference.pages) == (
        "article-journal",
        "1",
        "145-162",
    )
    # The draft now says what the version says: nothing to publish.
    assert not has_unpublished_changes(dossier)


@pytest.mark.django_db
def test_readers_find_a_dossier_by_its_references_journal_old_and_new(client):
    new = DossierFactory(title="Wat werkt bij nieuw")
    ReferenceFactory(dossier=new, container_title="Tijdschrift voor Buurtzorgstudies")
    publish(new)
    old_version(DossierFactory(title="Wat werkt bij oud"), [OLD_ROW])

    def found(query):
        html = client.get(reverse("search"), {"q": query}).content.decode()
        return re.findall(r'class="search-result__title"><a[^>]*>([^<]*)</a>', html)

    assert found("buurtzorgstudies") == ["Wat werkt bij nieuw"]
    assert found("globalization") == ["Wat werkt bij oud"]


@pytest.mark.django_db
def test_a_new_version_keeps_the_fields_and_the_formatted_list():
    dossier = DossierFactory()
    ReferenceFactory(
        dossier=dossier,
        kind="chapter",
        authors="Bakker, L.",
        year=2021,
        title="Buurten die werken",
        container_title="Handboek wijkaanpak",
        pages="12-30",
        publisher="Uitgeverij Wijk",
        volume="",
        issue="",
    )
    version = publish(dossier)
    (row,) = version.content["references"]
    assert "source" not in row
    assert {k: row[k] for k in ("kind", "container_title", "pages", "publisher")} == {
        "kind": "chapter",
        "container_title": "Handboek wijkaanpak",
        "pages": "12-30",
        "publisher": "Uitgeverij Wijk",
    }
    (entry,) = version.citations["references"]
    assert entry["item"]["container-title"] == "Handboek wijkaanpak"
    assert entry["apa"].startswith("Bakker, L. (2021). Buurten die werken.")
    assert "<i>Handboek wijkaanpak</i>" in entry["apa"]
