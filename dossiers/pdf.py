"""A version's PDF: the version's own page and print stylesheet, by WeasyPrint.

- The page of version n as an anonymous reader gets it from ``SITE_URL``
  (``VersionDetailView`` with ``pdf=True``: without the reactions, the banner
  and the download links), with the site's stylesheets for print media.
  ``static/css/print.css`` holds the PDF's page rules: the dossier's title
  above and its version and date below every page, page numbers, and the
  page numbers in the table of contents (``target-counter``); WeasyPrint
  makes bookmarks from the headings and keeps the links.
- Tagged, as PDF/UA-1 (one of WeasyPrint's variants); title, language (the
  page's ``lang``), author and date from the page's head.
- Fetches nothing from elsewhere: ``StaticFilesOnly`` opens our static files
  and refuses every other address (another site, uploads, ``file:``), which
  WeasyPrint then leaves out.
- Made once per version (and ``LAYOUT``), kept in the default storage that
  every app server shares (S3 when configured) under a name with its
  content's digest, recorded in ``VersionPdf``. A PostgreSQL advisory lock
  per version makes two first requests at once produce one file: the
  second does not wait (a render takes seconds, and nine waiting requests
  held nine threads while the site stalled) but is told at once to come
  back (``PdfBusy``: the view's 503 with Retry-After).
- Never half a file: rendered whole in memory, stored, its stored size
  checked, then recorded; readers are only served recorded files. Any
  failure is logged, remembered (``VersionPdfFailure``, listed for editors
  in the admin) and raised as ``PdfUnavailable`` (the view's 503); for
  ``RETRY_AFTER_FAILURE`` no request tries again (each try cost 7-8 s),
  unless an editor deletes the failure.
"""

import io
import logging
import mimetypes
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.handlers.wsgi import WSGIRequest
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import (
    DossierVersion,
    VersionPdf,
    VersionPdfFailure,
    delete_files_on_commit,
)
from .views import VersionDetailView

logger = logging.getLogger(__name__)

# Raise when the PDF's template or stylesheet changes: PDFs of an older
# layout are made again on their next request.
LAYOUT = 1
PDF_VARIANT = "pdf/ua-1"
# pg_advisory_xact_lock(LOCK_NAMESPACE, version id): one maker per version.
LOCK_NAMESPACE = 1414
FOLDER = "dossiers/pdf"
RETRY_AFTER_FAILURE = timedelta(hours=1)


class PdfUnavailable(Exception):
    """The PDF could not be made now (logged)."""


class PdfBusy(PdfUnavailable):
    """Another request is making this PDF right now."""


def file_name(version: DossierVersion) -> str:
    return f"{version.dossier.slug}-versie-{version.number}.pdf"


def stored_pdf(version: DossierVersion) -> VersionPdf:
    """The version's recorded PDF, made now if there is none (yet)."""
    found = _recorded(version)
    if found is not None:
        return found
    if _failed_recently(version):
        raise PdfUnavailable
    try:
        with transaction.atomic():
            if not _try_lock(version):
                raise PdfBusy
            found = _recorded(version)  # made while we looked
            if found is None:
                found = _make(version)
                VersionPdfFailure.objects.filter(version=version).delete()
            return found
    except PdfBusy:
        raise
    except Exception as error:
        logger.exception(
            "No PDF of dossier %s, version %s", version.dossier.slug, version.number
        )
        _remember(version, error)
        raise PdfUnavailable from error


def _recorded(version) -> VersionPdf | None:
    return VersionPdf.objects.filter(version=version, layout=LAYOUT).first()


def _failed_recently(version) -> bool:
    since = timezone.now() - RETRY_AFTER_FAILURE
    return VersionPdfFailure.objects.filter(
        version=version, layout=LAYOUT, failed_at__gt=since
    ).exists()


def _remember(version, error: BaseException) -> None:
    """Record the failure (after the rollback of the attempt); never raises."""
    try:
        VersionPdfFailure.objects.update_or_create(
            version=version,
            defaults={
                "layout": LAYOUT,
                "error": f"{type(error).__name__}: {error}"[:1000],
                "failed_at": timezone.now(),
            },
        )
    except Exception:  # the database itself may be what failed
        logger.exception("Could not record the PDF failure")


def _try_lock(version) -> bool:
    """One maker per version: False when another request holds the lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, version.pk]
        )
        return cursor.fetchone()[0]


def _make(version) -> VersionPdf:
    data = render(version)
    name = _store(f"{FOLDER}/{file_name(version)}", data)
    previous = VersionPdf.objects.filter(version=version).first()
    record, _created = VersionPdf.objects.update_or_create(
        version=version, defaults={"file": name, "size": len(data), "layout": LAYOUT}
    )
    if previous is not None and previous.file.name != name:
        delete_files_on_commit(default_storage, [previous.file.name])
    return record


def _store(name: str, data: bytes) -> str:
    """``data`` stored whole under its digest name. A file of that name left
    short (a write cut off before) is replaced."""
    for _attempt in range(2):
        stored = default_storage.save(name, ContentFile(data))
        if default_storage.size(stored) == len(data):
            return stored
        default_storage.delete(stored)
    raise OSError(f"{name} could not be stored whole")


def render(version: DossierVersion) -> bytes:
    """The PDF of the version's page."""
    html = HTML(
        string=page_html(version),
        base_url=settings.SITE_URL + version.get_absolute_url(),
        url_fetcher=StaticFilesOnly(),
    )
    return html.write_pdf(pdf_variant=PDF_VARIANT)


def page_html(version: DossierVersion) -> str:
    """The version's page as the PDF is made from it."""
    request = _reader_request(version.get_absolute_url())
    view = VersionDetailView.as_view(pdf=True)
    with translation.override(settings.LANGUAGE_CODE):
        response = view(request, slug=version.dossier.slug, number=version.number)
        response.render()
    if response.status_code != 200:
        raise ValueError(f"The version's page answered {response.status_code}")
    return response.content.decode()


def _reader_request(path: str) -> WSGIRequest:
    """An anonymous GET of ``path`` on SITE_URL: the PDF is the page readers
    get, whoever asked for it first."""
    site = urlsplit(settings.SITE_URL)
    default_port = "443" if site.scheme == "https" else "80"
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "SERVER_NAME": site.hostname,
            "SERVER_PORT": str(site.port or default_port),
            "HTTP_HOST": site.netloc,
            "HTTP_X_FORWARDED_PROTO": site.scheme,
            "wsgi.url_scheme": site.scheme,
            "wsgi.input": io.BytesIO(),
        }
    )
    request.user = AnonymousUser()
    return request


def static_file(url: str) -> Path | None:
    """The file behind ``url`` when it is one of our static files."""
    prefix = urljoin(settings.SITE_URL + "/", settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    name = unquote(urlsplit(url[len(prefix) :]).path)
    try:
        found = finders.find(name) or safe_join(settings.STATIC_ROOT, name)
    except SuspiciousFileOperation:  # ../ out of the folder
        return None
    path = Path(found)
    return path if path.is_file() else None


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's URL fetcher, limited to our static files."""

    def fetch(self, url, headers=None):
        path = static_file(url)
        if path is None:
            raise ValueError(f"Not one of the site's static files: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": content_type}
        )
