"""A dossier version's citations: the version itself, and its literature list.

Both are CSL-JSON items (``dossiers/citations.py``) with their APA 7 text.
``version_citations()`` makes them once, when a version is published
(``services``), and the version keeps them (``DossierVersion.citations``):
formatting costs about 9 ms per reference, too much for every page view.
``attach()`` hands a page's references their entry: the version's stored
one, or, for the editors' draft (and a version stored before citations were
kept), one formatted there and then.

The version's own citation names its credited authors, or the institute
(``INSTITUTE_NAME``) as author; the institute is the publisher unless it is
the author (APA leaves the publisher out then). Its URL is the version's
permanent address on ``SITE_URL``, never the address a request came in on.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from . import citations
from .models import Dossier, DossierVersion


def version_url(slug: str, number: int) -> str:
    """The permanent address of version ``number``."""
    path = reverse("dossiers:version", kwargs={"slug": slug, "number": number})
    return settings.SITE_URL + path


def dossier_item(dossier: Dossier, *, number: int, published_at) -> dict:
    """Version ``number`` of ``dossier`` (as that version shows it) as CSL-JSON."""
    institute = settings.INSTITUTE_NAME
    people = [
        citations.author_name(author.name, organisation=author.is_organisation)
        for author in dossier.credited_authors
    ]
    day = timezone.localdate(published_at)
    item = {
        "id": f"{dossier.slug}-versie-{number}",
        "type": "report",
        "title": dossier.title,
        "author": people or [{"literal": institute}],
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "version": str(number),
        "URL": version_url(dossier.slug, number),
        "language": "nl",
    }
    if people:
        item["publisher"] = institute
    return item


def _apa_form(item: dict) -> dict:
    """The item as the processor gets it for the citation on the page: the
    year as its date and "(versie 3, 12 maart 2024)" after the title, as
    Dutch APA practice writes a dated version. citeproc-py would print the
    version as "(Version 3)" (en-US) and a full date as "2024, maart 12"
    (nl-NL); the style prints a report's number in those parentheses."""
    year, month, day = item["issued"]["date-parts"][0]
    with translation.override(settings.LANGUAGE_CODE):
        statement = _("version %(number)s, %(date)s") % {
            "number": item["version"],
            "date": dateformat.format(dt.date(year, month, day), "j F Y"),
        }
    form = {key: value for key, value in item.items() if key != "version"}
    form.update(number=statement, issued={"date-parts": [[year]]})
    return form


def _undated(item: dict) -> dict:
    """An item without a date as the processor gets it: "(z.j.)", Dutch APA
    for "no date", where the en-US locale would print "(n.d.)"."""
    if "issued" in item:
        return item
    with translation.override(settings.LANGUAGE_CODE):
        return {**item, "issued": {"literal": _("n.d.")}}


def reference_entries(dossier: Dossier) -> list[dict]:
    """The dossier's references as {"item": CSL-JSON, "apa": HTML}, in order."""
    items = [
        citations.reference_item(reference, number=number)
        for number, reference in enumerate(dossier.references.all(), start=1)
    ]
    rendered = citations.apa([_undated(item) for item in items])
    return [
        {"item": item, "apa": str(html)}
        for item, html in zip(items, rendered, strict=True)
    ]


def own_citation(dossier: Dossier, *, number: int, published_at) -> dict:
    """Version ``number``'s own citation: {"item": CSL-JSON, "apa": HTML}."""
    own = dossier_item(dossier, number=number, published_at=published_at)
    (own_apa,) = citations.apa([_apa_form(own)])
    return {"item": own, "apa": str(own_apa)}


def version_citations(dossier: Dossier, *, number: int, published_at) -> dict:
    """What ``DossierVersion.citations`` keeps; ``dossier`` as the version
    shows it (``versions.as_dossier`` of its snapshot)."""
    return {
        "dossier": own_citation(dossier, number=number, published_at=published_at),
        "references": reference_entries(dossier),
    }


def citations_of(dossier: Dossier, version: DossierVersion | None) -> dict:
    """The stored citations of ``version``; formatted now when it has none
    (a draft: ``version`` None, no citation of its own)."""
    if version is None:
        return {"dossier": None, "references": reference_entries(dossier)}
    stored = version.citations
    if stored is not None:
        if stored["dossier"]["item"].get("URL") == version_url(
            dossier.slug, version.number
        ):
            return stored
        # Kept when the site had another address (SITE_URL changed since, or
        # `PORT=8123 make run` on a database made on port 8000): the
        # version's own citation names its address, so it is made again.
        own = own_citation(
            dossier, number=version.number, published_at=version.published_at
        )
        return {**stored, "dossier": own}
    return version_citations(
        dossier, number=version.number, published_at=version.published_at
    )


def attach(dossier: Dossier, version: DossierVersion | None = None) -> dict:
    """Give each of the dossier's references its ``entry`` (item and APA
    text) for the templates; returns the citations used."""
    found = citations_of(dossier, version)
    for reference, entry in zip(
        dossier.references.all(), found["references"], strict=False
    ):
        reference.entry = entry
    return found
