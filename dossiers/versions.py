"""Snapshots: a dossier with its parts as one JSON document, and back.

A version's ``content`` is what ``snapshot()`` returns for the dossier at the
moment it was published, its credits included: a version's page names the
authors and contact persons credited then, with the name and address their
profile had then. ``as_dossier()`` turns it back into unsaved model
instances with their related lists in place, so the templates, ``sections()``
and the structured data work on a version exactly as on the dossier itself,
from that one row. ``load_into()`` writes a snapshot back into the dossier's
rows (revert, discard a draft).

References were one "source" line before they had structured fields
(dossiers 0014); snapshots taken before then keep that line, and
``_reference_row`` reads it into the fields whenever such a snapshot is
shown or loaded, with the rule the data migration used.
"""

from django.db.models import QuerySet

from authors.models import Author

from .citations import structured_source
from .models import (
    Dossier,
    DossierAuthor,
    DossierContact,
    EffectiveElement,
    GoodExample,
    Reference,
    Theme,
)
from .sections import TEXT_FIELDS

# Schema version of the snapshot document, for readers of old versions.
FORMAT = 1

DOSSIER_FIELDS = ("title", "summary", *TEXT_FIELDS)
# Related name on Dossier -> (model, fields kept), in page order.
PARTS = {
    "effective_elements": (
        EffectiveElement,
        ("position", "title", "explanation", "presumed"),
    ),
    "good_examples": (
        GoodExample,
        ("position", "name", "description", "organisation", "url"),
    ),
    "references": (
        Reference,
        (
            "position",
            "kind",
            "authors",
            "year",
            "title",
            "container_title",
            "volume",
            "issue",
            "pages",
            "publisher",
            "edition",
            "url",
            "doi",
        ),
    ),
}
THEME_FIELDS = ("id", "name", "slug")
# Key in the snapshot -> (credit model, its prefetch name on Dossier), in the
# credited order; each credit is kept as its author's id, name, slug and
# whether it is an organisation (cited by its full name). Snapshots taken
# before authors had that flag credit people (``_credits``).
CREDITS = {
    "authors": (DossierAuthor, "author_credits"),
    "contacts": (DossierContact, "contact_credits"),
}
AUTHOR_FIELDS = ("id", "name", "slug", "is_organisation")


def snapshot(dossier: Dossier) -> dict:
    """Everything the dossier page shows, read from the dossier's rows."""
    content = {"format": FORMAT}
    content.update({field: getattr(dossier, field) for field in DOSSIER_FIELDS})
    content["themes"] = list(
        Theme.objects.filter(dossiers=dossier).order_by("name").values(*THEME_FIELDS)
    )
    for name, (model, fields) in PARTS.items():
        content[name] = list(
            model.objects.filter(dossier=dossier)
            .order_by("position", "id")
            .values(*fields)
        )
    for key, (model, _name) in CREDITS.items():
        content[key] = [
            dict(zip(AUTHOR_FIELDS, row, strict=True))
            for row in model.objects.filter(dossier=dossier)
            .order_by("position", "id")
            .values_list(*(f"author__{field}" for field in AUTHOR_FIELDS))
        ]
    return content


def _reference_row(row: dict) -> dict:
    """A snapshot's reference with structured fields, also an old one's."""
    if "source" not in row:
        return row
    row = dict(row)
    row = {**structured_source(row.pop("source") or ""), **row}
    _model, fields = PARTS["references"]
    defaults = {f: Reference._meta.get_field(f).get_default() for f in fields}
    return {field: row.get(field, defaults[field]) for field in fields}


def _credits(key: str, content: dict) -> list[dict]:
    """A snapshot's credits with every field, also an old one's."""
    return [{"is_organisation": False, **person} for person in content.get(key, [])]


def upgraded(content: dict) -> dict:
    """``content`` as a snapshot taken now would write it (old references
    with their fields, old credits as people), e.g. to compare it with the
    draft's."""
    return {
        **content,
        "references": _rows("references", content),
        **{key: _credits(key, content) for key in CREDITS},
    }


def _rows(name: str, content: dict) -> list[dict]:
    rows = content.get(name, [])
    return [_reference_row(row) for row in rows] if name == "references" else rows


def _prefetched(model, instances) -> QuerySet:
    """A queryset already holding ``instances``, as prefetch_related leaves it."""
    queryset = model.objects.none()
    queryset._result_cache = list(instances)
    queryset._prefetch_done = True
    return queryset


def as_dossier(content: dict, live: Dossier) -> Dossier:
    """The dossier as the snapshot shows it, with ``live``'s identity.

    Identity, address, publication date and reactions setting are the
    dossier's own (one thread for all versions); everything a reader reads
    comes from the snapshot. Nothing here touches the database.
    """
    dossier = Dossier(
        pk=live.pk,
        slug=live.slug,
        status=live.status,
        published_at=live.published_at,
        reactions=live.reactions,
        **{field: content.get(field, "") for field in DOSSIER_FIELDS},
    )
    cache = {"themes": _prefetched(Theme, (Theme(**t) for t in content["themes"]))}
    for name, (model, fields) in PARTS.items():
        rows = _rows(name, content)
        cache[name] = _prefetched(
            model,
            (
                model(dossier=dossier, **{f: row.get(f) for f in fields if f in row})
                for row in rows
            ),
        )
    for key, (model, name) in CREDITS.items():
        cache[name] = _prefetched(
            model,
            (
                model(
                    dossier=dossier,
                    position=position,
                    author=Author(**{f: person.get(f) for f in AUTHOR_FIELDS}),
                )
                for position, person in enumerate(_credits(key, content), start=1)
            ),
        )
    dossier._prefetched_objects_cache = cache
    return dossier


def load_into(dossier: Dossier, content: dict) -> None:
    """Make the dossier's rows say what the snapshot says (its draft).

    Themes and authors that no longer exist are left out. Callers hold the
    transaction.
    """
    for field in DOSSIER_FIELDS:
        setattr(dossier, field, content.get(field, ""))
    dossier.save()
    theme_ids = [t["id"] for t in content.get("themes", [])]
    dossier.themes.set(Theme.objects.filter(pk__in=theme_ids))
    for name, (model, fields) in PARTS.items():
        model.objects.filter(dossier=dossier).delete()
        model.objects.bulk_create(
            model(dossier=dossier, **{f: row.get(f) for f in fields if f in row})
            for row in _rows(name, content)
        )
    for key, (model, _name) in CREDITS.items():
        credited = [person["id"] for person in content.get(key, [])]
        existing = set(
            Author.objects.filter(pk__in=credited).values_list("pk", flat=True)
        )
        model.objects.filter(dossier=dossier).delete()
        model.objects.bulk_create(
            model(dossier=dossier, author_id=pk, position=position)
            for position, pk in enumerate(
                (pk for pk in credited if pk in existing), start=1
            )
        )
