"""The import, batch by batch: read a batch of nodes and all that hangs off
them, then write each node with its reactions and addresses in one
transaction. One item's failure is reported with its Drupal id and rolls
back only that item; a dry run rolls everything back at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from . import comments, nodes, redirects, terms
from . import report as r
from .mapping import Mapping
from .reader import Reader
from .state import known

BATCH_SIZE = 200


class DryRunRollback(Exception):
    pass


@dataclass
class Options:
    mapping: Mapping
    files_dir: Path | None = None
    dry_run: bool = False
    overwrite: bool = False
    batch_size: int = BATCH_SIZE


def run(reader: Reader, options: Options) -> r.Report:
    report = r.Report()
    if connection.vendor == "postgresql":
        # Each item commits on its own; not waiting for each commit's WAL
        # flush makes that cheap. A crash can lose only the last commits,
        # which the next run (idempotent) writes again; nothing half-written.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    if not options.dry_run:
        _run(reader, options, report)
        return report
    try:
        with transaction.atomic():
            _run(reader, options, report)
            raise DryRunRollback
    except DryRunRollback:
        pass
    return report


def _run(reader: Reader, options: Options, report: r.Report) -> None:
    mapping = options.mapping
    theme_ids = terms.import_terms(
        reader=reader, mapping=mapping, report=report, overwrite=options.overwrite
    )
    editor_uids = reader.uids_with_roles(mapping.editor_roles)
    for batch in reader.node_batches(options.batch_size):
        for data, failure in _read_batch(reader, mapping, batch):
            read = Counter({"node": 1, "comment": len(data.comments)})
            if failure is not None:
                report.skip(failure, read=read)
                continue
            _import_one(data, mapping, options, report, theme_ids, editor_uids, read)


def _import_one(data, mapping, options, report, theme_ids, editor_uids, read):
    nid = data.node["nid"]
    tm = mapping.types[data.node["type"]]
    tally = r.Tally()
    tally.count("node", r.READ)
    try:
        with transaction.atomic():
            item = nodes.import_node(
                data,
                tm,
                row=data.row,
                formats=mapping.formats,
                theme_ids=theme_ids,
                files_dir=options.files_dir,
                dry_run=options.dry_run,
                overwrite=options.overwrite,
                tally=tally,
            )
            if item is None:
                report.land(tally)
                return
            reactions = comments.import_comments(
                item,
                data,
                rows=data.comment_rows,
                users=data.users,
                editor_uids=editor_uids,
                formats=mapping.formats,
                overwrite=options.overwrite,
                tally=tally,
            )
            redirects.import_redirects(
                item, data, reactions, overwrite=options.overwrite, tally=tally
            )
    except r.ItemFailure as failure:
        report.skip(failure, read=read)
        return
    except ValidationError as error:
        message = "; ".join(error.messages)
        report.skip(r.ItemFailure("node", nid, message), read=read)
        return
    except DatabaseError as error:
        message = str(error).strip().splitlines()[0]
        report.skip(r.ItemFailure("node", nid, message), read=read)
        return
    report.land(tally)


def _read_batch(reader: Reader, mapping: Mapping, batch: list[dict]):
    """Everything the batch's nodes need, in a few queries per table."""
    nids = [node["nid"] for node in batch]
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
    node_rows = known("node", nids)
    comment_rows = known(
        "comment", [c["cid"] for cs in node_comments.values() for c in cs]
    )
    for node in batch:
        nid = node["nid"]
        tm = mapping.types.get(node["type"])
        data = nodes.NodeData(
            node=node,
            fields={name: values.get(nid, []) for name, values in fields.items()},
            term_ids=terms_of.get(nid, []),
            image=images.get(nid),
            aliases=aliases.get(nid, []),
            revisions=revisions.get(nid, []),
            comments=node_comments.get(nid, []),
        )
        data.row = node_rows.get(str(nid))
        data.comment_rows = comment_rows
        data.users = users
        if tm is None:
            yield (
                data,
                r.ItemFailure(
                    "node",
                    nid,
                    _("Unknown content type %(type)r; add it to the mapping.")
                    % {"type": node["type"]},
                ),
            )
            continue
        data.author_name = _author(data, tm, users)
        yield data, None


def _author(data, tm, users) -> str:
    if tm.author == "user":
        return (users.get(data.node["uid"]) or {}).get("name") or ""
    if tm.author:
        row = nodes.pick(data.fields.get(tm.author, []), data.node["language"])
        return " ".join((row["value"] or "").split()) if row else ""
    return ""
