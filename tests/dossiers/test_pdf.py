"""'Download als PDF': a version's PDF, read back as a reader's PDF viewer would."""

import io
import logging
import re
import subprocess
import threading

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.utils import timezone

from dossiers import pdf
from dossiers.models import Dossier, DossierVersion, VersionPdf
from tests.factories import DossierFactory, ReferenceFactory, publish
from tests.page_types import DEMO_DOSSIER

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Definitie van het vraagstuk",
    "Feiten en cijfers",
    "Beleid",
    "Trends",
    "Actuele discussies",
    "Werkzame elementen",
    "Veelbelovende aanpakken",
    "Goede voorbeelden",
    "Literatuur",
    "Citeer dit dossier",
]


@pytest.fixture
def version(demo_content):
    """The demo dossier's current version (its biggest)."""
    dossier = Dossier.objects.get(slug=DEMO_DOSSIER)
    return dossier.versions.current().first()


def download(client, version) -> bytes:
    response = client.get(f"{version.get_absolute_url()}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{DEMO_DOSSIER}-versie-{version.number}.pdf"'
    )
    return b"".join(response.streaming_content)


def pages_text(data: bytes) -> list[str]:
    """The text of each page, as pdftotext (poppler) reads it."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


def test_the_pdf_says_what_the_version_says_with_its_date_on_every_page(
    client, version
):
    pages = pages_text(download(client, version))
    whole = "\n".join(pages)
    assert "Wat werkt bij sociale innovatie" in pages[0]
    day = timezone.localdate(version.published_at)
    stamp = f"versie {version.number}, bijgewerkt op {day.day} september 2023"
    for number, page in enumerate(pages, start=1):
        assert stamp in page, number
        assert f"pagina {number} van {len(pages)}" in page
    for heading in HEADINGS:
        assert heading in whole, heading
    flat = " ".join(whole.split())
    for reference in version.citations["references"]:
        author = reference["item"]["author"][0]["family"]
        assert f"{author}, " in flat
    assert "Mulgan, G. (2006). The process of social innovation." in flat
    # Nothing of what changes after publication or only works on a screen.
    assert "Reageer" not in whole
    assert "Download" not in whole


def test_the_table_of_contents_gives_each_sections_page(client, version):
    pages = pages_text(download(client, version))
    toc = pages[0].split("Inhoud", 1)[1]
    for heading in HEADINGS:
        match = re.search(rf"{re.escape(heading)}\s*\.+\s*(\d+)", toc)
        assert match, heading
        page = int(match.group(1))
        body = pages[page - 1]
        if page == 1:
            body = body.split(heading, 1)[1]  # past the table itself
        assert heading in body, (heading, page)


def test_the_pdf_is_tagged_with_title_language_author_and_date(client, version):
    reader = pypdf.PdfReader(io.BytesIO(download(client, version)))
    info = reader.metadata
    assert info.title.startswith("Wat werkt bij sociale innovatie, versie 3")
    assert info.author == "Marieke van Dalen"
    assert info.creation_date.date() == timezone.localdate(version.published_at)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    kinds = set()

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            kinds.add(node["/S"])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(
                kid, pypdf.generic.IndirectObject | pypdf.generic.DictionaryObject
            ):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link"} <= kinds

    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    # Bookmarks: the dossier's title, its sections beneath it.
    assert set(HEADINGS) <= set(titles(reader.outline))


def test_the_links_work(client, version):
    reader = pypdf.PdfReader(io.BytesIO(download(client, version)))
    uris, internal = set(), 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A", {})
            if "/URI" in action:
                uris.add(action["/URI"])
            elif "/Dest" in annotation or action.get("/S") == "/GoTo":
                internal += 1
    assert "https://doi.org/10.1162/itgg.2006.1.2.145" in uris
    # The version's permanent address, from the citation.
    assert f"https://www.example.nl{version.get_absolute_url()}" in uris
    assert internal >= len(HEADINGS)  # the table of contents


def test_the_pdf_is_made_once_and_then_served_as_kept(client, version, monkeypatch):
    first = download(client, version)
    stored = VersionPdf.objects.get(version=version)
    assert default_storage.exists(stored.file.name)
    assert stored.file.name.startswith("dossiers/pdf/")

    def refuse(version):
        raise AssertionError("made again")

    monkeypatch.setattr(pdf, "render", refuse)
    assert download(client, version) == first


def test_the_pdf_goes_to_the_shared_s3_storage(client, s3_storage):
    dossier = DossierFactory(slug="gedeeld")
    version = dossier.versions.get()
    response = client.get(f"{version.get_absolute_url()}pdf/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    stored = VersionPdf.objects.get(version=version)
    with default_storage.open(stored.file.name, "rb") as kept:
        assert kept.read() == data
    assert data.startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_two_readers_asking_at_once_get_one_pdf(monkeypatch):
    dossier = DossierFactory(slug="tegelijk")
    version = dossier.versions.get()
    version.dossier = dossier
    made = []
    real_render = pdf.render
    both_waiting = threading.Barrier(2)

    def slow_render(version):
        made.append(version.pk)
        return real_render(version)

    monkeypatch.setattr(pdf, "render", slow_render)
    results = []

    def reader():
        try:
            both_waiting.wait()
            results.append(pdf.stored_pdf(version).file.name)
        except pdf.PdfBusy:
            results.append("busy")  # told at once to come back (issue 26)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    names = {name for name in results if name != "busy"}
    assert len(names) == 1
    results = [pdf.stored_pdf(version).file.name] * 2  # the one kept
    assert len(made) == 1
    assert VersionPdf.objects.filter(version=version).count() == 1
    _folders, files = default_storage.listdir("dossiers/pdf")
    assert files == [results[0].rsplit("/", 1)[1]]


def test_a_failing_pdf_is_a_dutch_503_and_a_logged_error(client, caplog, monkeypatch):
    version = DossierFactory(slug="kapot").versions.get()

    def broken(*args, **kwargs):
        raise RuntimeError("Pango is gone")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", broken)
    with caplog.at_level(logging.ERROR, logger="dossiers.pdf"):
        response = client.get(f"{version.get_absolute_url()}pdf/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert "De pdf is nu niet beschikbaar" in body
    assert f'href="{version.get_absolute_url()}"' in body
    (record,) = [r for r in caplog.records if r.name == "dossiers.pdf"]
    assert "kapot" in record.getMessage()
    assert "Pango is gone" in record.exc_text
    assert not VersionPdf.objects.exists()
    assert not default_storage.exists("dossiers/pdf")


def test_a_file_cut_off_while_being_written_is_never_served(client, monkeypatch):
    version = DossierFactory(slug="half").versions.get()
    real_save = FileSystemStorage._save
    cuts = []

    def cut_off_once(self, name, content):
        if not cuts:  # the first write stops halfway, as in a crash
            cuts.append(name)
            data = content.read()
            return real_save(self, name, ContentFile(data[: len(data) // 2]))
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", cut_off_once)
    response = client.get(f"{version.get_absolute_url()}pdf/")
    data = b"".join(response.streaming_content)
    assert cuts
    assert len(data) == VersionPdf.objects.get(version=version).size
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1


def test_the_pdf_fetches_only_the_sites_own_static_files(settings):
    site = settings.SITE_URL
    assert pdf.static_file(f"{site}/static/css/print.css").name == "print.css"
    for url in (
        "https://cdn.example.com/static/css/print.css",
        f"{site}/media/auteurs/foto.jpg",
        f"{site}/static/../movisie_site/settings/base.py",
        "file:///etc/passwd",
    ):
        assert pdf.static_file(url) is None, url
        with pytest.raises(ValueError, match="static files"):
            pdf.StaticFilesOnly().fetch(url)


def test_an_image_from_elsewhere_is_left_out(monkeypatch):
    dossier = DossierFactory(slug="beeld")
    version = dossier.versions.get()
    version.dossier = dossier
    asked = []
    real_fetch = pdf.StaticFilesOnly.fetch

    def watched(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnly, "fetch", watched)
    html = pdf.page_html(version).replace(
        "</main>", '<img src="https://tracker.example.net/pixel.png" alt=""></main>'
    )
    monkeypatch.setattr(pdf, "page_html", lambda version: html)
    assert pdf.render(version).startswith(b"%PDF-")
    assert "https://tracker.example.net/pixel.png" in asked  # asked, refused
    assert any(url.endswith("/static/css/print.css") for url in asked)


def test_dossier_and_version_pages_offer_the_pdf(client):
    dossier = DossierFactory(slug="aanbod")
    ReferenceFactory(dossier=dossier)
    publish(dossier)
    link = '<a href="/dossiers/aanbod/versies/2/pdf/" download>Download als PDF</a>'
    assert link in client.get("/dossiers/aanbod/").content.decode()
    assert link in client.get("/dossiers/aanbod/versies/2/").content.decode()
    older = client.get("/dossiers/aanbod/versies/1/").content.decode()
    assert "/dossiers/aanbod/versies/1/pdf/" in older
    assert DossierVersion.objects.filter(dossier=dossier).count() == 2


# --- A deleted dossier's or version's PDFs leave the storage (after commit) ---


def made_pdfs(dossier) -> list[str]:
    """The stored file of each of the dossier's versions, made now."""
    names = [pdf.stored_pdf(version).file.name for version in dossier.versions.all()]
    assert all(default_storage.exists(name) for name in names)
    return names


@pytest.mark.django_db(transaction=True)
def test_deleting_a_dossier_deletes_its_pdfs_once_that_commits():
    dossier = DossierFactory(slug="weg")
    publish(dossier, note="Tweede versie.")
    names = made_pdfs(dossier)
    assert len(names) == 2
    with transaction.atomic():
        dossier.delete()
        assert all(default_storage.exists(name) for name in names)  # not yet
    assert not any(default_storage.exists(name) for name in names)
    assert not VersionPdf.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_delete_that_rolls_back_keeps_the_pdfs():
    dossier = DossierFactory(slug="blijft")
    (name,) = made_pdfs(dossier)

    class Undone(Exception):
        pass

    def delete_then_fail():
        with transaction.atomic():
            Dossier.objects.filter(pk=dossier.pk).delete()
            raise Undone

    with pytest.raises(Undone):
        delete_then_fail()
    assert default_storage.exists(name)
    assert VersionPdf.objects.get().file.name == name
    # The PDF is still served from the kept file.
    assert pdf.stored_pdf(dossier.versions.get()).file.name == name


@pytest.mark.django_db(transaction=True)
def test_deleting_a_version_deletes_only_its_pdf():
    dossier = DossierFactory(slug="versies")
    publish(dossier, note="Tweede versie.")
    made_pdfs(dossier)
    first, second = (v.pdf.file.name for v in dossier.versions.order_by("number"))
    DossierVersion.objects.filter(dossier=dossier, number=2).delete()
    assert not default_storage.exists(second)
    assert default_storage.exists(first)
    assert VersionPdf.objects.get().file.name == first


@pytest.mark.django_db(transaction=True)
def test_an_editor_deleting_a_dossier_in_the_admin_deletes_its_pdf(admin_client):
    dossier = DossierFactory(slug="admin-weg")
    (name,) = made_pdfs(dossier)
    response = admin_client.post(
        "/admin/dossiers/dossier/",
        {"action": "delete_selected", "_selected_action": [dossier.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_a_pdf_of_an_older_layout_is_replaced_and_its_file_deleted(monkeypatch):
    dossier = DossierFactory(slug="opnieuw")
    (old,) = made_pdfs(dossier)
    # A new layout: other bytes, so a file of another (digest) name.
    real_render = pdf.render
    monkeypatch.setattr(pdf, "render", lambda v: real_render(v) + b"%new layout\n")
    monkeypatch.setattr(pdf, "LAYOUT", pdf.LAYOUT + 1)
    new = pdf.stored_pdf(dossier.versions.get()).file.name
    assert new != old
    assert default_storage.exists(new)
    assert not default_storage.exists(old)
