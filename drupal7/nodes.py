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

What one node of a chunk becomes is decided and checked, without writing,
in ``node_prepare``; ``node_writes`` then writes the chunk.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from articles.models import Article
from core.commentable import ReactionsMode
from dossiers.models import Dossier
from dossiers.services import (
    carry_over_revision_log,
    has_unpublished_changes,
    publish_dossier,
)

from . import report as r
from .mapping import TARGET_FIELDS, TypeMapping
from .models import ImportedItem
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
    users: dict = field(default_factory=dict)  # the batch's Drupal users, by uid

    @property
    def nid(self) -> int:
        return self.node["nid"]


@dataclass
class Item:
    """One node on its way in: what it becomes, and what happened to it."""

    data: NodeData
    tm: TypeMapping
    row: ImportedItem | None = None  # from an earlier run
    tally: r.Tally = field(default_factory=r.Tally)  # lands when the item does
    obj: Article | Dossier | None = None  # None: deleted here, left alone
    created: bool = False
    write: bool = False  # its values are to be written
    values: dict = field(default_factory=dict)
    themes: list[int] = field(default_factory=list)
    credit: str = ""
    source_fp: str = ""
    comments: list[tuple[dict, dict]] = field(default_factory=list)  # (Drupal, ours)
    reactions: dict = field(default_factory=dict)  # cid -> Comment, once written

    @property
    def nid(self) -> int:
        return self.data.nid

    @property
    def model(self):
        return MODELS[self.tm.target]

    @property
    def read(self) -> Counter:
        return read_counts(self.data)


def read_counts(data: NodeData) -> Counter:
    """What counts as skipped when the whole item fails."""
    return Counter({"node": 1, "comment": len(data.comments)})


def pick(rows: list[dict], language: str) -> dict | None:
    """The first value in the node's language, else language-neutral, else any."""
    for wanted in (language, "und", None):
        for row in rows:
            if wanted is None or row["language"] == wanted:
                return row
    return None


def _state(obj, related: dict | None = None) -> dict:
    """What an editor could change here, as the import compares it.

    ``related``: the credits and themes of an item not written yet.
    """
    model = type(obj)
    names = ["title", "slug", "status", "published_at", "reactions"]
    names += list(TARGET_FIELDS["article" if model is Article else "dossier"])
    if model is Article:
        names += ["kind", "image", "image_alt"]
    values = {name: getattr(obj, name) for name in names}
    if model is Article:
        values["image"] = obj.image.name
    values.update(_related(obj) if related is None else related)
    return values


def _related(obj) -> dict:
    values = {"credit": sorted(obj.authors.values_list("name", flat=True))}
    if isinstance(obj, Dossier):
        values["contact"] = sorted(obj.contacts.values_list("name", flat=True))
    values["themes"] = sorted(obj.themes.values_list("pk", flat=True))
    return values


def state_fingerprint(obj, related: dict | None = None) -> str:
    """The fingerprint of what the import wrote, to see later edits by."""
    return fingerprint(_state(obj, related))


def related_of_new(item: Item, author) -> dict:
    """``_related`` of a new item once its links are written."""
    names = [author.name] if author else []
    values = {"credit": names, "themes": item.themes}
    if item.model is Dossier:
        values["contact"] = names
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


def credit(obj, name: str, *, authors) -> None:
    """The Drupal author as the item's author record (and a dossier's contact).

    Same name, one record, as the authors' data migration did; credits an
    editor added here are kept. ``authors``: the run's records by name.
    """
    if not name:
        return
    author = authors.get(name)
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
