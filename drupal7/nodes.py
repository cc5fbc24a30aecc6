"""A Drupal node becomes an article or a dossier.

Title, published state, dates, author name, the mapped text fields (through
``text``: the editor's sanitiser for rich fields), themes from term
references and, for articles, the image. A published dossier's history
becomes its versions: version 1 at its publication, then one per Drupal
revision with a log message, at that revision's moment and with the message
as its note "wat is er veranderd"; only the newest holds the text (Drupal's
current revision, the one imported). A later run that finds new log
messages adds versions after those; one that finds the text changed
without a message publishes it as the next version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles.models import Article
from authors.services import author_for_name
from core.commentable import ReactionsMode
from dossiers.models import Dossier
from dossiers.services import (
    carry_over_revision_log,
    has_unpublished_changes,
    publish_dossier,
)

from . import files
from . import report as r
from .mapping import TARGET_FIELDS, TypeMapping
from .state import fingerprint, known, moment, remember
from .text import HTML, TextError, to_plain_text, to_rich_text

PUBLISHED, DRAFT = "published", "draft"
# {node}.comment: 0 = no comments, 1 = closed (read only), 2 = open.
REACTIONS = {0: ReactionsMode.HIDDEN, 1: ReactionsMode.CLOSED, 2: ReactionsMode.OPEN}
MODELS = {"article": Article, "dossier": Dossier}


@dataclass
class NodeData:
    """What the batch read for one node."""

    node: dict
    fields: dict[str, list[dict]] = field(default_factory=dict)  # name -> rows
    term_ids: list[int] = field(default_factory=list)
    image: dict | None = None  # field row with the file_managed row as "file"
    aliases: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    author_name: str = ""
    row: object = None  # the node's ImportedItem from an earlier run
    comment_rows: dict = field(default_factory=dict)  # the batch's, by cid
    users: dict = field(default_factory=dict)  # the batch's Drupal users, by uid


def pick(rows: list[dict], language: str) -> dict | None:
    """The first value in the node's language, else language-neutral, else any."""
    for wanted in (language, "und", None):
        for row in rows:
            if wanted is None or row["language"] == wanted:
                return row
    return None


def _state(obj) -> dict:
    """What an editor could change here, as the import compares it."""
    model = type(obj)
    names = ["title", "slug", "status", "published_at", "reactions"]
    names += list(TARGET_FIELDS["article" if model is Article else "dossier"])
    if model is Article:
        names += ["kind", "image", "image_alt"]
    values = {name: getattr(obj, name) for name in names}
    values["credit"] = sorted(obj.authors.values_list("name", flat=True))
    if model is Article:
        values["image"] = obj.image.name
    else:
        values["contact"] = sorted(obj.contacts.values_list("name", flat=True))
    values["themes"] = sorted(obj.themes.values_list("pk", flat=True))
    return values


def _sanitiser(model, name: str):
    return model._meta.get_field(name)._sanitizer


def values_for(data: NodeData, tm: TypeMapping, *, formats) -> dict:
    """Our field values from the Drupal node (raises ItemFailure)."""
    node = data.node
    nid = node["nid"]
    model = MODELS[tm.target]
    title = (node["title"] or "").strip()
    if not title:
        raise r.ItemFailure("node", nid, _("The node has no title."))
    if len(title) > 200:
        raise r.ItemFailure("node", nid, _("The title is longer than 200 characters."))
    values = {
        "title": title,
        "status": PUBLISHED if node["status"] else DRAFT,
        "published_at": moment(node["created"]),
        "reactions": REACTIONS.get(node["comment"], ReactionsMode.HIDDEN),
    }
    for ours, source in tm.fields.items():
        row = pick(data.fields.get(source.field, []), node["language"])
        raw = row[source.column] if row else None
        fmt = row["format"] if row else None
        try:
            if TARGET_FIELDS[tm.target][ours] == HTML:
                values[ours] = to_rich_text(
                    raw, fmt, formats=formats, sanitise=_sanitiser(model, ours)
                )
            else:
                values[ours] = to_plain_text(raw, fmt, formats=formats)
        except TextError as error:
            raise r.ItemFailure("node", nid, f"{source.field}: {error}") from error
    if tm.target == "article":
        values["kind"] = tm.kind
    return values


def _slug(model, data: NodeData, title: str, current=None) -> str:
    if current is not None:
        return current.slug
    alias = data.aliases[0]["alias"] if data.aliases else ""
    base = slugify(alias.rstrip("/").rsplit("/", 1)[-1]) or slugify(title)
    base = base[:190] or "item"
    if model.objects.filter(slug=base).exists():
        return f"{base}-{data.node['nid']}"
    return base


def import_node(
    data: NodeData,
    tm: TypeMapping,
    *,
    row,
    formats,
    theme_ids: dict[int, int],
    files_dir,
    dry_run: bool,
    overwrite: bool,
    tally: r.Tally,
):
    """Create or update the node's object; returns it (or None if it is gone)."""
    nid = data.node["nid"]
    model = MODELS[tm.target]
    values = values_for(data, tm, formats=formats)
    themes = sorted({theme_ids[tid] for tid in data.term_ids if tid in theme_ids})
    image = files.image_for(data, tm, files_dir=files_dir, tally=tally)
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
    source_fp = fingerprint(source)
    obj = None
    if row is not None:
        if row.target_type.model_class() is not model:
            raise r.ItemFailure(
                "node", nid, _("Imported before as another kind of item.")
            )
        obj = model.objects.filter(pk=row.target_id).first()
        if obj is None:
            tally.count("node", r.KEPT)
            tally.note("node", nid, _("deleted here; not created again"))
            return None
        if row.source_fingerprint == source_fp:
            tally.count("node", r.UNCHANGED)
            return obj
        if row.fingerprint != fingerprint(_state(obj)) and not overwrite:
            tally.count("node", r.KEPT)
            tally.note(
                "node", nid, _("changed here since the last import; not overwritten")
            )
            return obj
    created = obj is None
    if created:
        obj = model()
    for name, value in values.items():
        setattr(obj, name, value)
    obj.slug = _slug(model, data, values["title"], None if created else obj)
    if tm.target == "article":
        files.attach(obj, image, dry_run=dry_run, tally=tally)
    obj.full_clean(exclude=["image"] if dry_run else None)
    obj.save()
    # created_at is auto_now_add: give it Drupal's date after the insert.
    model.objects.filter(pk=obj.pk).update(created_at=values["published_at"])
    obj.themes.set(themes)
    _credit(obj, credit)
    if tm.target == "dossier":
        import_versions(obj, data, tally=tally)
    remember(
        row,
        kind="node",
        drupal_id=nid,
        target=obj,
        fingerprint=fingerprint(_state(obj)),
        source_fingerprint=source_fp,
        source_changed=data.node["changed"],
    )
    tally.count("node", r.CREATED if created else r.UPDATED)
    return obj


def _credit(obj, name: str) -> None:
    """The Drupal author as the item's author record (and a dossier's contact).

    Same name, one record, as the authors' data migration did; credits an
    editor added here are kept.
    """
    if not name:
        return
    author = author_for_name(name=name)
    obj.authors.add(author)
    if isinstance(obj, Dossier):
        obj.contacts.add(author)


def import_versions(dossier: Dossier, data: NodeData, *, tally: r.Tally) -> None:
    """Drupal's revision log messages as the versions of a published dossier.

    Each message becomes a version once (the revision's id is remembered);
    nothing is recorded for a dossier readers cannot see yet, so its
    messages come over when it is published in Drupal and imported again.
    """
    logged = [rev for rev in data.revisions if (rev["log"] or "").strip()]
    for _rev in logged:
        tally.count("revision", r.READ)
    if not dossier.is_published:
        return
    rows = known("revision", [rev["vid"] for rev in logged])
    new = sorted(
        (rev for rev in logged if str(rev["vid"]) not in rows),
        key=lambda rev: (rev["timestamp"], rev["vid"]),
    )
    tally.count("revision", r.UNCHANGED, len(logged) - len(new))
    versions = carry_over_revision_log(
        dossier=dossier,
        entries=[
            (moment(rev["timestamp"]), " ".join(rev["log"].split())[:300])
            for rev in new
        ],
    )
    if not versions and has_unpublished_changes(dossier):
        # Changed in Drupal without a log message: readers there saw the new
        # text, so it is the next version here too.
        latest = dossier.versions.order_by("-number").first()
        publish_dossier(
            dossier=dossier,
            note=_("Updated on the previous site."),
            at=max(moment(data.node["changed"]), latest.published_at),
        )
    # One version per message, in order; a first version without a message
    # of its own (the publication) comes before them.
    offset = len(versions) - len(new)
    for rev, version in zip(new, versions[offset:], strict=True):
        values = {"published_at": version.published_at, "note": version.note}
        remember(
            None,
            kind="revision",
            drupal_id=rev["vid"],
            target=version,
            fingerprint=fingerprint(values),
            source_fingerprint=fingerprint(values),
        )
        tally.count("revision", r.CREATED)
