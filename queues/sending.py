"""How a sender takes rows from a queue (see the package's doc)."""

import logging
from collections.abc import Callable, Iterable

from django.db import models, transaction


def send_each(
    candidates: Callable[[], models.QuerySet],
    send: Callable[[models.Model], None],
    *,
    limit: int,
    logger: logging.Logger,
    what: str,
) -> None:
    """Send up to ``limit`` rows of ``candidates()`` (asked again before each
    row, in the order to send them) with ``send(row)``, which records the
    outcome on the row and never raises. Each row in its own transaction
    that holds its lock; a row taken once is not taken again in this run.
    A database failure is logged and ends the run (the next run retries)."""
    done: set[int] = set()
    for _n in range(limit):
        try:
            with transaction.atomic():
                row = (
                    candidates()
                    .exclude(pk__in=done)
                    .select_for_update(skip_locked=True)
                    .first()
                )
                if row is None:
                    break
                done.add(row.pk)
                send(row)
        except Exception:
            logger.exception("Sending %s stopped early", what)
            break


def send_these(
    unsent: models.QuerySet,
    ids: Iterable[int],
    send: Callable[[models.Model], None],
) -> None:
    """Send these rows of ``unsent`` now, whatever their attempts (a person
    asked for it, in the admin); rows another sender holds are skipped."""
    for pk in ids:
        with transaction.atomic():
            row = unsent.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is not None:
                send(row)
