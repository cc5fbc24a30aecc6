"""schema.org data for search engines, emitted as JSON-LD.

Pages pass a list of dicts to ``{% json_ld data %}``. A JSON-LD data block is
not executed by browsers, so our CSP (script-src 'self') allows it; the
JSON is escaped like Django's ``json_script`` (``<``, ``>`` and ``&`` as
``\\u003c`` …), so no text in it can close the <script> element.
"""

import datetime as dt
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

CONTEXT = "https://schema.org"
# As django.utils.html.json_script does.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def publisher() -> dict:
    """The institute (``INSTITUTE_NAME``), as its citations name it too."""
    return {"@type": "Organization", "name": settings.INSTITUTE_NAME}


def breadcrumb_list(request, crumbs):
    """``crumbs``: (name, path) pairs as the visible breadcrumbs show them."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def _date(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value.isoformat() if value else None


def _themes(item):
    return [{"@type": "Thing", "name": theme.name} for theme in item.themes.all()]


def _author_type(author) -> str:
    return "Organization" if author.is_organisation else "Person"


def author_data(request, author, image_url=""):
    """schema.org ``Person`` (or ``Organization``, for an organisation
    credited as author) for an author's profile page (no e-mail)."""
    data = {
        "@type": _author_type(author),
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    if not author.is_organisation:  # a job and an employer are a person's
        data["worksFor"] = publisher()
        if author.role:
            data["jobTitle"] = author.role
    if author.bio:
        data["description"] = author.bio
    if image_url:
        data["image"] = image_url
    links = [link.url for link in author.links.all()]
    if links:
        data["sameAs"] = links
    return data


def _people(request, authors):
    """``author`` of an item: its authors as Persons (or Organizations),
    else the institute."""
    people = [
        {
            "@type": _author_type(author),
            "name": author.name,
            "url": request.build_absolute_uri(author.get_absolute_url()),
        }
        for author in authors
    ]
    return people or publisher()


def article_data(request, article, image_url=""):
    data = {
        "@type": "NewsArticle" if article.kind == "nieuws" else "Article",
        "headline": article.title,
        "description": article.lead,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": "nl",
        "datePublished": _date(article.published_at),
        "dateModified": _date(max(article.updated_at, article.published_at))
        if article.published_at
        else _date(article.updated_at),
        "author": _people(request, article.credited_authors),
        "publisher": publisher(),
        "about": _themes(article),
    }
    if image_url:
        data["image"] = image_url
    return data


def dossier_data(request, dossier, version=None, currency=None, image_url=""):
    """``version``: the version shown (its number and moment), if any;
    ``currency``: how current it is (``Dossier.currency_statement()``), for
    the version readers see now: schema.org's ``creativeWorkStatus``;
    ``image_url``: the dossier's image, if it has one."""
    data = {
        "@type": "CreativeWork",
        "additionalType": "https://schema.org/Report",
        "name": dossier.title,
        "headline": dossier.title,
        "description": dossier.summary,
        "url": request.build_absolute_uri(dossier.get_absolute_url()),
        "inLanguage": "nl",
        "datePublished": _date(dossier.published_at),
        "dateModified": _date(version.published_at if version else None),
        "author": _people(request, dossier.credited_authors),
        "publisher": publisher(),
        "about": _themes(dossier),
    }
    if version is not None:
        data["version"] = str(version.number)
    if currency:
        data["creativeWorkStatus"] = _currency_text(currency)
    if image_url:
        data["image"] = image_url
    return data


def _currency_text(currency: dict) -> str:
    """ "Herziening gepland: <reason> (herbeoordeling vóór 2027-03-01)"."""
    text = str(currency["status"]).capitalize()
    if currency["reason"]:
        text += f": {currency['reason']}"
    if currency["reassess_by"]:
        when = _("reassessment before %(date)s") % {
            "date": currency["reassess_by"].isoformat()
        }
        text += f" ({when})"
    return text


def to_script(items) -> str:
    graph = {"@context": CONTEXT, "@graph": [i for i in items if i]}
    text = json.dumps(graph, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.translate(JSON_ESCAPES)
    return mark_safe(  # noqa: S308 -- JSON with <, >, & escaped as \u003c etc.
        f'<script type="application/ld+json">{text}</script>'
    )
