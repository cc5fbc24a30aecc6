"""Demo themes and dossiers, from dossiers/demo/themes.toml and dossiers.toml.

A dossier's credits, elements, examples and references are only added when
the dossier itself is new, so edits made in the admin survive a reload. Its
``[[dossier.revision]]`` entries become versions, as the data migration made
the hand-typed revision logs of existing dossiers versions
(``services.carry_over_revision_log``): version 1 at publication, one per
entry after it, the newest holding the dossier's text.
"""

from django.db import transaction

from authors.services import author_for_name
from core.demo import read
from core.publishing import Status

from . import sections
from .models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)
from .services import carry_over_revision_log, publish_dossier

TEXT_FIELDS = ["title", "summary", "published_at", *sections.TEXT_FIELDS]

# What a [[dossier.revision]] may say about its version besides its note.
VERSION_FIELDS = ("whats_new", "substantive", "conclusions_changed")


def _rows(model, dossier, rows, fields):
    model.objects.bulk_create(
        model(
            dossier=dossier,
            position=i,
            **{field: row.get(field, default) for field, default in fields.items()},
        )
        for i, row in enumerate(rows, start=1)
    )


def _load_dossier(data, themes) -> None:
    defaults = {field: data[field] for field in TEXT_FIELDS if field in data}
    defaults["status"] = Status.PUBLISHED
    for field in ("currency", "currency_reason"):
        if field in data:
            defaults[field] = data[field]
    dossier, created = Dossier.objects.get_or_create(
        slug=data["slug"], defaults=defaults
    )
    if not created:
        return
    dossier.themes.set([themes[slug] for slug in data.get("themes", [])])
    if "contact" in data:  # the demo's contact person wrote the dossier too
        person = author_for_name(name=data["contact"])
        DossierAuthor.objects.create(dossier=dossier, author=person)
        DossierContact.objects.create(dossier=dossier, author=person)
    _rows(
        EffectiveElement,
        dossier,
        data.get("element", []),
        {"title": "", "explanation": "", "presumed": False},
    )
    _rows(
        GoodExample,
        dossier,
        data.get("example", []),
        {"name": "", "description": "", "organisation": "", "url": ""},
    )
    _rows(
        Reference,
        dossier,
        data.get("reference", []),
        {
            "kind": "report",
            "authors": "",
            "year": None,
            "title": "",
            "container_title": "",
            "volume": "",
            "issue": "",
            "pages": "",
            "publisher": "",
            "edition": None,
            "url": "",
            "doi": "",
        },
    )
    carry_over_revision_log(
        dossier=dossier,
        entries=[
            (
                row["revised_on"],
                row["note"],
                {field: row[field] for field in VERSION_FIELDS if field in row},
            )
            for row in data.get("revision", [])
        ],
    )
    for update in data.get("update", []):
        for field in TEXT_FIELDS:
            if field in update and field != "published_at":
                setattr(dossier, field, update[field])
        dossier.save()
        publish_dossier(
            dossier=dossier,
            note=update["note"],
            at=update["published_at"],
            **{field: update[field] for field in VERSION_FIELDS if field in update},
        )


@transaction.atomic
def load() -> dict[str, int]:
    """Create whatever demo themes and dossiers are missing."""
    themes = {}
    for data in read("dossiers", "themes")["theme"]:
        themes[data["slug"]], _ = Theme.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data.get("description", "")},
        )
    for data in read("dossiers", "dossiers")["dossier"]:
        _load_dossier(data, themes)
    return {"themes": Theme.objects.count(), "dossiers": Dossier.objects.count()}
