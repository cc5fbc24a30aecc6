"""Deciding what each node of a chunk becomes, and checking it, before
anything is written: new or imported before (and then unchanged in Drupal,
changed here since, or deleted here), its values, slug, image and themes.
``node_writes`` writes what this decides.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import files
from . import report as r
from .context import Context
from .models import ImportedItem
from .nodes import MODELS, Item, NodeData, state_fingerprint, values_for
from .state import fingerprint


def _model_of(row: ImportedItem):
    return ContentType.objects.get_for_id(row.target_type_id).model_class()


def existing_objects(items: list[Item]) -> dict:
    """{(model, pk): object} of the items imported before (a query per model)."""
    wanted = defaultdict(list)
    for item in items:
        if item.row is not None:
            wanted[_model_of(item.row)].append(item.row.target_id)
    return {
        (model, pk): obj
        for model, ids in wanted.items()
        for pk, obj in model.objects.in_bulk(ids).items()
    }


class Slugs:
    """Slugs for a chunk's new items; one query per kind for those taken.

    The alias's last part, else the title; with the node id when taken.
    """

    def __init__(self, items: list[Item]):
        new = [item for item in items if item.row is None]
        self.bases = {item.nid: _slug_base(item.data) for item in new}
        self.taken = {model: set() for model in MODELS.values()}
        for model, taken in self.taken.items():
            bases = [self.bases[item.nid] for item in new if item.model is model]
            if bases:
                slugs = model.objects.filter(slug__in=bases)
                taken.update(slugs.values_list("slug", flat=True))

    def pick(self, item: Item) -> str:
        base, taken = self.bases[item.nid], self.taken[item.model]
        slug = f"{base}-{item.nid}" if base in taken else base
        taken.add(slug)
        return slug


def _slug_base(data: NodeData) -> str:
    alias = data.aliases[0]["alias"] if data.aliases else ""
    title = (data.node["title"] or "").strip()
    base = slugify(alias.rstrip("/").rsplit("/", 1)[-1]) or slugify(title)
    return base[:190] or "item"


def prepare(
    item: Item, *, context: Context, existing: dict, slugs: Slugs, strict: bool
):
    """Decide what the node becomes and check it; nothing is written yet.

    Raises ItemFailure or ValidationError. ``strict``: also check uniqueness
    and constraints with a query each (otherwise the database does, and a
    refusal makes the importer try each item of the chunk alone, strictly).
    """
    data, tm, tally, row = item.data, item.tm, item.tally, item.row
    options = context.options
    model = item.model
    tally.count("node", r.READ)
    values = values_for(data, tm, formats=context.mapping.formats)
    themes = sorted(
        {context.theme_ids[t] for t in data.term_ids if t in context.theme_ids}
    )
    others = sorted({t for t in data.term_ids if t not in context.theme_ids})
    if others:
        tally.note(
            "node",
            item.nid,
            _(
                "terms %(ids)s are not themes (not in the vocabulary %(vocabulary)s); "
                "left out"
            )
            % {
                "ids": ", ".join(map(str, others)),
                "vocabulary": context.mapping.themes_vocabulary or "-",
            },
        )
    image = files.image_for(data, tm, files_dir=options.files_dir, tally=tally)
    credit = " ".join(data.author_name.split())[:200]
    source = {
        **values,
        "credit": credit,
        "themes": themes,
        "image": image.uri if image else "",
        "image_alt": image.alt if image else "",
    }
    if tm.target == "dossier":
        # A new log message is a new version, even when no field changed.
        source["log"] = [
            [rev["vid"], rev["log"]] for rev in data.revisions if rev["log"]
        ]
    item.values, item.themes, item.credit = values, themes, credit
    item.source_fp = source_fp = fingerprint(source)
    if row is not None:
        if _model_of(row) is not model:
            raise r.ItemFailure(
                "node", item.nid, _("Imported before as another kind of item.")
            )
        obj = existing.get((model, row.target_id))
        # The image read with a node that is not written shares its outcome,
        # so a second run's image counts add up ("read 1, unchanged 1").
        if obj is None:
            tally.count("node", r.KEPT)
            tally.count("file", r.KEPT, 1 if image else 0)
            tally.note("node", item.nid, _("deleted here; not created again"))
            return
        item.obj = obj
        if row.source_fingerprint == source_fp:
            tally.count("node", r.UNCHANGED)
            tally.count("file", r.UNCHANGED, 1 if image else 0)
            return
        if row.fingerprint != state_fingerprint(obj) and not options.overwrite:
            tally.count("node", r.KEPT)
            tally.count("file", r.KEPT, 1 if image else 0)
            tally.note(
                "node",
                item.nid,
                _("changed here since the last import; not overwritten"),
            )
            return
    else:
        item.obj = obj = model(slug=slugs.pick(item))
        item.created = True
    for name, value in values.items():
        setattr(obj, name, value)
    if tm.target == "article":
        files.attach(obj, image, dry_run=options.dry_run, tally=tally)
    obj.full_clean(
        exclude=["image"] if options.dry_run else None,
        validate_unique=strict,
        validate_constraints=strict,
    )
    item.write = True
