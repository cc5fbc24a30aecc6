"""The import, chunk by chunk: read a chunk of nodes and all that hangs off
them, check every node and its comments, then write the chunk in one
transaction, each kind of row in a few statements.

An item that fails a check (broken HTML, a missing file, an unknown content
type, a reaction too long) is reported with its Drupal id and left out
before anything is written. When the database refuses the chunk, it is
rolled back and each of its items tried again alone, in a transaction of its
own and with every check the model has: one item's failure skips only that
item, with its reactions and addresses. A dry run rolls everything back at
the end.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from . import comments, gather, node_prepare, node_writes, nodes, redirects, terms
from . import report as r
from .context import BATCH_SIZE, Context, Options
from .nodes import Item, NodeData
from .reader import Reader
from .state import Ledger, known

__all__ = ["BATCH_SIZE", "Options", "run"]


class DryRunRollback(Exception):
    pass


def run(reader: Reader, options: Options) -> r.Report:
    report = r.Report()
    if connection.vendor == "postgresql":
        # Each chunk commits on its own; not waiting for each commit's WAL
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
    context = Context(options)
    context.theme_ids = terms.import_terms(
        reader=reader, mapping=mapping, report=report, overwrite=options.overwrite
    )
    context.editor_uids = reader.uids_with_roles(mapping.editor_roles)
    for batch in reader.node_batches(options.batch_size):
        chunk = []
        for data, failure in gather.read_batch(reader, mapping, batch):
            if failure is None:
                chunk.append(data)
            else:
                report.skip(failure, read=nodes.read_counts(data))
        _import_chunk(chunk, context, report)
        options.on_nodes(len(batch))


def _import_chunk(chunk: list[NodeData], context: Context, report: r.Report) -> None:
    try:
        with transaction.atomic():
            outcome = _write(chunk, context, strict=False)
    except DatabaseError:
        context.authors.forget()
        for data in chunk:
            _import_alone(data, context, report)
        return
    _land(outcome, report)


def _import_alone(data: NodeData, context: Context, report: r.Report) -> None:
    try:
        with transaction.atomic():
            outcome = _write([data], context, strict=True)
    except DatabaseError as error:
        context.authors.forget()
        message = str(error).strip().splitlines()[0]
        failure = r.ItemFailure("node", data.nid, message)
        report.skip(failure, read=nodes.read_counts(data))
        return
    _land(outcome, report)


Outcome = list[tuple[Item, r.ItemFailure | None]]


def _write(chunk: list[NodeData], context: Context, *, strict: bool) -> Outcome:
    """Check, then write, the chunk's items; returns each with its failure.

    Only what this site holds is read here, so a second attempt after a
    rollback starts from the database as it is.
    """
    rows = known("node", [data.nid for data in chunk])
    items = [
        Item(data, context.mapping.types[data.node["type"]], rows.get(str(data.nid)))
        for data in chunk
    ]
    existing = node_prepare.existing_objects(items)
    slugs = node_prepare.Slugs(items)
    outcome = [
        (item, _prepare(item, context, existing, slugs, strict)) for item in items
    ]
    ready = [item for item, failure in outcome if failure is None]
    ledger = Ledger()
    overwrite = context.options.overwrite
    node_writes.write(ready, context=context, ledger=ledger)
    comments.write(ready, overwrite=overwrite, ledger=ledger)
    redirects.write(ready, overwrite=overwrite, ledger=ledger)
    ledger.write()
    return outcome


def _prepare(
    item: Item, context: Context, existing, slugs, strict
) -> r.ItemFailure | None:
    """Check the item and its comments; nothing is written yet."""
    try:
        node_prepare.prepare(
            item, context=context, existing=existing, slugs=slugs, strict=strict
        )
        if item.obj is not None:
            comments.prepare(item, context=context)
    except r.ItemFailure as failure:
        return failure
    except ValidationError as error:
        return r.ItemFailure("node", item.nid, "; ".join(error.messages))
    return None


def _land(outcome: Outcome, report: r.Report) -> None:
    """What a committed chunk did, into the report, in the items' order."""
    for item, failure in outcome:
        if failure is None:
            report.land(item.tally)
        else:
            report.skip(failure, read=item.read)
