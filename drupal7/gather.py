"""Everything a batch of nodes needs from the Drupal database, in a few
queries per table: field values, terms, images, aliases, revisions, comments
(in thread order) and their users. Only the source is read here; what this
site already holds is read by each attempt to write the batch (importer.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from . import report as r
from .mapping import Mapping
from .nodes import NodeData, pick
from .reader import Reader


def read_batch(
    reader: Reader, mapping: Mapping, batch: list[dict]
) -> Iterator[tuple[NodeData, r.ItemFailure | None]]:
    """Each node of ``batch`` with what hangs off it, or why it cannot come."""
    nids = [node["nid"] for node in batch]
    fields, terms_of, images = _field_values(reader, mapping, batch)
    aliases = reader.aliases(nids)
    revisions = reader.revisions(
        [
            n["nid"]
            for n in batch
            if getattr(mapping.types.get(n["type"]), "target", "") == "dossier"
        ]
    )
    node_comments = reader.comments(nids)
    uids = {node["uid"] for node in batch}
    uids |= {c["uid"] for cs in node_comments.values() for c in cs}
    users = reader.users(uids)
    for node in batch:
        nid = node["nid"]
        data = NodeData(
            node=node,
            fields={name: values.get(nid, []) for name, values in fields.items()},
            term_ids=terms_of.get(nid, []),
            image=images.get(nid),
            aliases=aliases.get(nid, []),
            revisions=revisions.get(nid, []),
            comments=node_comments.get(nid, []),
            users=users,
        )
        tm = mapping.types.get(node["type"])
        if tm is None:
            message = _("Unknown content type %(type)r; add it to the mapping.")
            yield data, r.ItemFailure("node", nid, message % {"type": node["type"]})
            continue
        data.author_name = _author(data, tm, users)
        yield data, None


def _field_values(reader: Reader, mapping: Mapping, batch: list[dict]):
    """({field: {nid: rows}}, {nid: term ids}, {nid: image row with its file})."""
    by_type: dict[str, list[int]] = {}
    for node in batch:
        by_type.setdefault(node["type"], []).append(node["nid"])
    fields: dict[str, dict] = {}
    terms_of: dict[int, list[int]] = {}
    images: dict[int, dict] = {}
    for drupal_type, ids in by_type.items():
        tm = mapping.types.get(drupal_type)
        if tm is None:
            continue
        for name in tm.text_fields():
            values = reader.field_values(
                name, ["value", "summary", "format"], "node", ids
            )
            fields.setdefault(name, {}).update(values)
        if tm.themes:
            for nid, rows in reader.field_values(
                tm.themes, ["tid"], "node", ids
            ).items():
                terms_of[nid] = [row["tid"] for row in rows if row["tid"]]
        if tm.image:
            for nid, rows in reader.field_values(
                tm.image, ["fid", "alt", "title"], "node", ids
            ).items():
                images[nid] = rows[0]
    files = reader.files([row["fid"] for row in images.values()])
    for row in images.values():
        row["file"] = files.get(row["fid"])
    return fields, terms_of, images


def _author(data: NodeData, tm, users) -> str:
    if tm.author == "user":
        return (users.get(data.node["uid"]) or {}).get("name") or ""
    if tm.author:
        row = pick(data.fields.get(tm.author, []), data.node["language"])
        return " ".join((row["value"] or "").split()) if row else ""
    return ""
