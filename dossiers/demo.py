"""Demo themes and dossiers, from dossiers/demo/themes.toml and dossiers.toml.

A dossier is only loaded when it is new, so edits made in the admin survive
a reload. Its text in the file is the text as it is now; each
``[[dossier.revision]]`` says what that revision changed: ``before`` holds
the texts as they were before it, ``added`` names the parts it added
(elements by title, examples by name, references by title). The loader
publishes the oldest state as version 1 at ``published_at`` and each
revision as the next version at its day, through the service editors use
(``publish_dossier``): every version keeps its full text, so every "what
changed" link in the demo shows words inserted and deleted.
"""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from authors.services import author_for_name
from core.demo import add_image, read
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
from .services import publish_dossier

IMAGES = Path(__file__).resolve().parent / "demo" / "images"

# The dossier's own text (sections.py declares the sections).
TEXT_FIELDS = ["title", "summary", *sections.TEXT_FIELDS]


# Each part: its key in the file, its model, the field that names it in
# ``added``, and its fields with their defaults.
PARTS = [
    (
        "element",
        EffectiveElement,
        "title",
        {"title": "", "explanation": "", "presumed": False},
    ),
    (
        "example",
        GoodExample,
        "name",
        {"name": "", "description": "", "organisation": "", "url": ""},
    ),
    (
        "reference",
        Reference,
        "title",
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
    ),
]


def _states(data) -> list[dict]:
    """The dossier's text and parts at each version, oldest first."""
    state = {field: data.get(field, "") for field in TEXT_FIELDS}
    state.update({key: data.get(key, []) for key, *_rest in PARTS})
    states = [state]
    for revision in reversed(data.get("revision", [])):
        added = set(revision.get("added", []))
        older = {**states[0], **revision.get("before", {})}
        for key, _model, name, _fields in PARTS:
            older[key] = [row for row in older[key] if row.get(name) not in added]
        states.insert(0, older)
    return states


def _write(dossier, state) -> None:
    """Make the dossier's rows (the draft) say what ``state`` says."""
    for field in TEXT_FIELDS:
        setattr(dossier, field, state[field])
    # Only the text: the status and dates are publish_dossier's.
    dossier.save(update_fields=[*TEXT_FIELDS, "updated_at"])
    for key, model, _name, fields in PARTS:
        model.objects.filter(dossier=dossier).delete()
        model.objects.bulk_create(
            model(
                dossier=dossier,
                position=i,
                **{field: row.get(field, default) for field, default in fields.items()},
            )
            for i, row in enumerate(state[key], start=1)
        )


def _morning(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


CURRENCY_FIELDS = ("currency", "currency_reason")
# What a [[dossier.revision]] may tell readers besides its note.
VERSION_FIELDS = ("whats_new", "substantive", "conclusions_changed")


def _load_dossier(data, themes) -> None:
    if existing := Dossier.objects.filter(slug=data["slug"]).first():
        add_image(existing, data, IMAGES)  # demos loaded before dossiers had one
        return
    states = _states(data)
    dossier = Dossier.objects.create(
        slug=data["slug"],
        status=Status.DRAFT,
        title=data["title"],
        # How current it is (herziening gepland …), when the file says so.
        **{field: data[field] for field in CURRENCY_FIELDS if field in data},
    )
    dossier.themes.set([themes[slug] for slug in data.get("themes", [])])
    if "contact" in data:  # the demo's contact person wrote the dossier too
        person = author_for_name(name=data["contact"])
        DossierAuthor.objects.create(dossier=dossier, author=person)
        DossierContact.objects.create(dossier=dossier, author=person)
    _write(dossier, states[0])
    add_image(dossier, data, IMAGES)
    if "published_at" not in data:
        return  # a draft
    publish_dossier(dossier=dossier, at=data["published_at"])
    for revision, state in zip(data.get("revision", []), states[1:], strict=True):
        _write(dossier, state)
        publish_dossier(
            dossier=dossier,
            note=revision["note"],
            at=_morning(revision["revised_on"]),
            **{field: revision[field] for field in VERSION_FIELDS if field in revision},
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
