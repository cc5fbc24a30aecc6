"""Files of a published version: its citation, each of its references, its PDF.

Only versions readers can see, of dossiers readers can see: a draft, a
scheduled version, a version whose text was not kept, an unknown number or
an unpublished dossier is a 404, for editors too (they read drafts on the
preview page). Everything comes from the version's row: the citations
stored at publication (``DossierVersion.citations``), the PDF made once
(``dossiers/pdf.py``).
"""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from . import citations, pdf
from .literature import citations_of
from .models import Dossier, DossierVersion
from .versions import as_dossier

# A version never changes; its files may be kept a day by browsers and caches.
FILE_MAX_AGE = 24 * 60 * 60


def published_version(slug: str, number: int) -> DossierVersion:
    """Version ``number`` of a published dossier, if readers can see it."""
    dossier = get_object_or_404(Dossier.objects.published(), slug=slug)
    version = get_object_or_404(
        DossierVersion.objects.filter(dossier=dossier, content__isnull=False)
        .visible()
        .defer("search_document"),
        number=number,
    )
    version.dossier = dossier
    return version


def _citations(version: DossierVersion) -> dict:
    return citations_of(as_dossier(version.content, version.dossier), version)


def _file(items: list[dict], format_name: str, stem: str) -> HttpResponse:
    if format_name not in citations.FORMATS:
        raise Http404("Unknown citation format")
    _label, content_type, write = citations.FORMATS[format_name]
    response = HttpResponse(write(items), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}.{format_name}"
    )
    patch_cache_control(response, public=True, max_age=FILE_MAX_AGE)
    return response


def version_citation(request, slug, number, format_name):
    """ "Citeer dit dossier": the version as RIS, BibTeX or CSL-JSON."""
    version = published_version(slug, number)
    item = _citations(version)["dossier"]["item"]
    return _file([item], format_name, f"{slug}-versie-{number}")


def reference_citation(request, slug, number, index, format_name):
    """Reference ``index`` (from 1) of the version's literature list."""
    version = published_version(slug, number)
    entries = _citations(version)["references"]
    if not 1 <= index <= len(entries):
        raise Http404("No such reference")
    item = entries[index - 1]["item"]
    return _file([item], format_name, citations.item_key(item))


def version_pdf(request, slug, number):
    """The version's PDF, made on the first request and kept."""
    version = published_version(slug, number)
    try:
        stored = pdf.stored_pdf(version)
    except pdf.PdfUnavailable as refusal:
        busy = isinstance(refusal, pdf.PdfBusy)
        response = render(
            request,
            "dossiers/pdf_unavailable.html",
            {"version": version, "busy": busy},
            status=503,
        )
        response["Retry-After"] = "10" if busy else "60"
        return response
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=pdf.file_name(version),
        content_type="application/pdf",
    )
    patch_cache_control(response, public=True, max_age=FILE_MAX_AGE)
    return response
