"""'Citeer dit dossier' and the citation files of a version and its references."""

import datetime as dt
import json
import re

import bibtexparser
import pytest
import rispy
from django.utils import timezone

from dossiers import citations
from dossiers.models import DossierVersion
from dossiers.services import has_unpublished_changes
from dossiers.versions import snapshot
from tests.factories import (
    AuthorFactory,
    DossierFactory,
    EditorFactory,
    ReferenceFactory,
    publish,
)

pytestmark = pytest.mark.django_db

MOMENT = timezone.make_aware(dt.datetime(2024, 3, 12, 10))


@pytest.fixture
def dossier():
    """Version 2 of 12 March 2024 by two authors, with two references."""
    marieke = AuthorFactory(name="Marieke van Dalen", email="marieke@example.org")
    piet = AuthorFactory(name="Piet Jansen", email="piet@example.org")
    dossier = DossierFactory(
        title="Wat werkt bij eenzaamheid",
        slug="eenzaamheid",
        authors=[marieke, piet],
        published_at=MOMENT - dt.timedelta(days=400),
    )
    ReferenceFactory(
        dossier=dossier,
        position=1,
        authors="Masi, C. M., Chen, H.-Y., Hawkley, L. C., & Cacioppo, J. T.",
        year=2011,
        title="A meta-analysis of interventions to reduce loneliness",
        container_title="Personality and Social Psychology Review",
        volume="15",
        issue="3",
        pages="219-266",
        doi="10.1177/1088868310377394",
    )
    ReferenceFactory(
        dossier=dossier,
        position=2,
        kind="book",
        authors="Cacioppo, J. T., & Patrick, W.",
        year=2008,
        title="Loneliness: Human nature and the need for social connection",
        container_title="",
        volume="",
        issue="",
        pages="",
        publisher="W. W. Norton",
    )
    publish(dossier, note="Literatuur erbij.", at=MOMENT)
    return dossier


CITATION = (
    "van Dalen, M., &amp; Jansen, P. (2024). <i>Wat werkt bij eenzaamheid</i> "
    "(Versie 2, 12 maart 2024). Movisie. "
    '<a href="https://www.example.nl/dossiers/eenzaamheid/versies/2/">'
    "https://www.example.nl/dossiers/eenzaamheid/versies/2/</a>"
)


def test_the_dossier_page_cites_its_version_in_apa(client, dossier):
    body = client.get("/dossiers/eenzaamheid/").content.decode()
    cite = body.split('id="citeren"', 1)[1].split("</section>", 1)[0]
    assert "Citeer dit dossier" in cite
    assert CITATION in cite
    for extension in ("ris", "bib", "json"):
        assert f'href="/dossiers/eenzaamheid/versies/2/citeren.{extension}"' in cite


def test_an_earlier_version_cites_itself(client, dossier):
    dossier.title = "Wat werkt tegen eenzaamheid"
    dossier.save()
    publish(dossier, note="Nieuwe titel.")
    body = client.get("/dossiers/eenzaamheid/versies/2/").content.decode()
    assert CITATION in body
    current = client.get("/dossiers/eenzaamheid/").content.decode()
    assert "<i>Wat werkt tegen eenzaamheid</i> (Versie 3, " in current


def test_without_authors_the_institute_is_the_author_and_not_again_the_publisher(
    client, settings
):
    settings.INSTITUTE_NAME = "Kennisinstituut X"
    DossierFactory(title="Wat werkt bij armoede", slug="armoede", published_at=MOMENT)
    body = client.get("/dossiers/armoede/").content.decode()
    assert (
        "Kennisinstituut X. (2024). <i>Wat werkt bij armoede</i> "
        "(Versie 1, 12 maart 2024). <a href="
    ) in body
    cite = body.split('id="citeren"', 1)[1].split("</section>", 1)[0]
    assert cite.count("Kennisinstituut X") == 1
    # Its structured data names the same institute.
    assert '"publisher": {"@type": "Organization", "name": "Kennisinstituut X"}' in body


def test_the_citation_files_parse_and_say_what_the_page_says(client, dossier):
    ris = client.get("/dossiers/eenzaamheid/versies/2/citeren.ris")
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert ris["Content-Disposition"] == (
        'attachment; filename="eenzaamheid-versie-2.ris"'
    )
    (record,) = rispy.loads(ris.content.decode())
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["van Dalen, Marieke", "Jansen, Piet"]
    assert record["title"] == "Wat werkt bij eenzaamheid"
    assert record["publisher"] == "Movisie"
    assert (record["year"], record["date"], record["edition"]) == (
        "2024",
        "2024/03/12/",
        "2",
    )
    assert record["urls"] == ["https://www.example.nl/dossiers/eenzaamheid/versies/2/"]

    bib = client.get("/dossiers/eenzaamheid/versies/2/citeren.bib")
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert 'filename="eenzaamheid-versie-2.bib"' in bib["Content-Disposition"]
    library = bibtexparser.parse_string(bib.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry["author"] == "van Dalen, Marieke and Jansen, Piet"
    assert (entry["institution"], entry["version"], entry["date"]) == (
        "Movisie",
        "2",
        "2024-03-12",
    )

    csl = client.get("/dossiers/eenzaamheid/versies/2/citeren.json")
    assert csl["Content-Type"] == (
        "application/vnd.citationstyles.csl+json; charset=utf-8"
    )
    (item,) = json.loads(csl.content)
    assert item["type"] == "report"
    assert item["author"][0] == {"family": "van Dalen", "given": "Marieke"}
    assert item["issued"] == {"date-parts": [[2024, 3, 12]]}
    assert item["version"] == "2"
    assert item["URL"] == "https://www.example.nl/dossiers/eenzaamheid/versies/2/"


def test_each_reference_downloads_as_the_list_shows_it(client, dossier):
    body = client.get("/dossiers/eenzaamheid/").content.decode()
    literature = body.split('id="literatuur"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="([^"]+/literatuur/\d+\.ris)"', literature)
    assert links == [
        "/dossiers/eenzaamheid/versies/2/literatuur/1.ris",
        "/dossiers/eenzaamheid/versies/2/literatuur/2.ris",
    ]
    assert "(verwijzing 2)" in literature  # the links say which reference

    ris = client.get(links[0])
    assert 'filename="masi2011.ris"' in ris["Content-Disposition"]
    (record,) = rispy.loads(ris.content.decode())
    assert record["secondary_title"] == "Personality and Social Psychology Review"
    assert (record["start_page"], record["end_page"]) == ("219", "266")
    assert record["doi"] == "10.1177/1088868310377394"

    bib = client.get("/dossiers/eenzaamheid/versies/2/literatuur/2.bib")
    (entry,) = bibtexparser.parse_string(bib.content.decode()).entries
    assert (entry.entry_type, entry.key, entry["publisher"]) == (
        "book",
        "cacioppo2008",
        "W. W. Norton",
    )
    (item,) = json.loads(
        client.get("/dossiers/eenzaamheid/versies/2/literatuur/2.json").content
    )
    assert (
        item["title"] == "Loneliness: Human nature and the need for social connection"
    )
    # The list on the page is the same item in APA.
    assert (
        "Cacioppo, J. T., &amp; Patrick, W. (2008). <i>Loneliness: Human nature and "
        "the need for social connection</i>. W. W. Norton."
    ) in literature


def test_the_files_hold_nothing_a_reader_should_not_see(client, dossier):
    dossier.title = "Geheime concepttitel"
    dossier.save()
    ReferenceFactory(dossier=dossier, title="Concept-verwijzing")
    urls = [
        f"/dossiers/eenzaamheid/versies/2/{name}.{extension}"
        for name in ("citeren", "literatuur/1", "literatuur/2")
        for extension in ("ris", "bib", "json")
    ]
    for url in urls:
        text = client.get(url).content.decode()
        assert "marieke@example.org" not in text, url
        assert "piet@example.org" not in text, url
        assert "Geheime" not in text
        assert "Concept-verwijzing" not in text
    # The draft's third reference has no file: it was never published.
    assert client.get(
        "/dossiers/eenzaamheid/versies/2/literatuur/3.ris"
    ).status_code == (404)


@pytest.mark.parametrize(
    "url",
    [
        "/dossiers/eenzaamheid/versies/9/citeren.ris",  # unknown version
        "/dossiers/eenzaamheid/versies/2/citeren.docx",  # unknown format
        "/dossiers/eenzaamheid/versies/2/literatuur/0.ris",
        "/dossiers/concept/versies/1/citeren.ris",  # a draft dossier
        "/dossiers/gepland/versies/1/citeren.bib",  # scheduled, not yet visible
        "/dossiers/eenzaamheid/versies/3/citeren.json",  # scheduled version
        "/dossiers/concept/versies/1/pdf/",
        "/dossiers/eenzaamheid/versies/3/pdf/",
    ],
)
def test_what_readers_cannot_see_has_no_citation_or_pdf(client, dossier, url):
    DossierFactory(slug="concept", draft=True)
    DossierFactory(slug="gepland", scheduled=True)
    publish(dossier, note="Later.", at=timezone.now() + dt.timedelta(days=3))
    assert client.get(url).status_code == 404
    client.force_login(EditorFactory())
    assert client.get(url).status_code == 404


def test_the_literature_list_is_not_formatted_again_for_each_reader(
    client, dossier, monkeypatch
):
    def refuse(items):
        raise AssertionError("formatted per request")

    monkeypatch.setattr(citations, "apa", refuse)
    for url in (
        "/dossiers/eenzaamheid/",
        "/dossiers/eenzaamheid/versies/2/",
        "/dossiers/eenzaamheid/versies/2/literatuur/1.ris",
    ):
        assert client.get(url).status_code == 200


def test_an_editor_previewing_the_draft_sees_its_literature_formatted(client, dossier):
    ReferenceFactory(
        dossier=dossier,
        position=3,
        kind="webpage",
        authors="Trimbos-instituut",
        year=2023,
        title="Eenzaamheid in cijfers",
        container_title="",
        volume="",
        issue="",
        pages="",
        url="https://example.org/cijfers",
    )
    client.force_login(EditorFactory())
    body = client.get("/dossiers/eenzaamheid/voorbeeld/").content.decode()
    assert "Trimbos-instituut. (2023). <i>Eenzaamheid in cijfers</i>." in body
    # A draft has no version to cite or download yet.
    assert 'id="citeren"' not in body
    assert "/pdf/" not in body


def test_an_organisation_is_cited_by_its_full_name_a_person_by_family_name(client):
    nji = AuthorFactory(name="Nederlands Jeugdinstituut", is_organisation=True)
    piet = AuthorFactory(name="Piet Jansen")
    DossierFactory(
        title="Wat werkt bij opvoeden",
        slug="opvoeden",
        authors=[nji, piet],
        published_at=MOMENT,
    )
    body = client.get("/dossiers/opvoeden/").content.decode()
    cite = body.split('id="citeren"', 1)[1].split("</section>", 1)[0]
    assert (
        "Nederlands Jeugdinstituut, &amp; Jansen, P. (2024). "
        "<i>Wat werkt bij opvoeden</i>"
    ) in cite
    assert "Jeugdinstituut, N." not in cite

    ris = client.get("/dossiers/opvoeden/versies/1/citeren.ris").content.decode()
    (record,) = rispy.loads(ris)
    assert record["authors"] == ["Nederlands Jeugdinstituut", "Jansen, Piet"]

    bib = client.get("/dossiers/opvoeden/versies/1/citeren.bib").content.decode()
    (entry,) = bibtexparser.parse_string(bib).entries
    # Braces: BibTeX would otherwise read "Jeugdinstituut, Nederlands".
    assert entry["author"] == "{Nederlands Jeugdinstituut} and Jansen, Piet"

    (item,) = json.loads(
        client.get("/dossiers/opvoeden/versies/1/citeren.json").content
    )
    assert item["author"] == [
        {"literal": "Nederlands Jeugdinstituut"},
        {"family": "Jansen", "given": "Piet"},
    ]


def test_marking_an_author_as_organisation_is_a_change_to_publish(client):
    nji = AuthorFactory(name="Nederlands Jeugdinstituut")
    dossier = DossierFactory(
        slug="opvoeden", authors=[nji], published_at=MOMENT, version=False
    )
    # A version published before authors had the flag: its credits are people.
    content = snapshot(dossier)
    for credit in content["authors"]:
        del credit["is_organisation"]
    DossierVersion.objects.create(
        dossier=dossier,
        number=1,
        published_at=MOMENT,
        title=dossier.title,
        content=content,
    )
    assert not has_unpublished_changes(dossier)
    assert "Jeugdinstituut, N." in client.get("/dossiers/opvoeden/").content.decode()

    nji.is_organisation = True
    nji.save()
    assert has_unpublished_changes(dossier)
    publish(dossier, note="Het NJi als organisatie genoemd.")
    body = client.get("/dossiers/opvoeden/").content.decode()
    assert "Nederlands Jeugdinstituut. (" in body
    # The earlier version still shows what it said then.
    old = client.get("/dossiers/opvoeden/versies/1/").content.decode()
    assert "Jeugdinstituut, N." in old


def test_a_citation_kept_under_another_site_address_names_the_current_one(
    client, dossier, settings
):
    """Versions keep their citation; when SITE_URL changes (another domain,
    or `PORT=8123 make run` on a database made on port 8000) the page cites
    the address the version has now."""
    settings.SITE_URL = "http://127.0.0.1:8123"
    body = client.get("/dossiers/eenzaamheid/").content.decode()
    cite = body.split('id="citeren"', 1)[1].split("</section>", 1)[0]
    assert "http://127.0.0.1:8123/dossiers/eenzaamheid/versies/2/" in cite
    assert "www.example.nl" not in cite
    ris = client.get("/dossiers/eenzaamheid/versies/2/citeren.ris")
    assert "127.0.0.1:8123/dossiers/eenzaamheid/versies/2/" in ris.content.decode()
