"""Progress of a long management command, for whoever is watching.

On a terminal: a tqdm bar with counts, rate and time left. Not on a terminal
(cron, CI logs, a redirect to a file): a plain line now and then, no control
characters. With ``-v 0``: nothing. The command's own summary at the end is
unchanged either way.

    with progress(total=n, label="Reacties", stdout=self.stdout,
                  verbosity=options["verbosity"]) as step:
        for row in rows:
            ...
            step()
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

from tqdm import tqdm

# Not on a terminal, a line at most this often (and one at the end).
PLAIN_EVERY_SECONDS = 30.0


@contextlib.contextmanager
def progress(
    *, total: int | None, label: str, stdout, verbosity: int = 1, unit: str = ""
) -> Iterator[Callable[[int], None]]:
    """Yields ``step(n=1)``: call it as work gets done."""
    stream = getattr(stdout, "_out", stdout)  # past Django's OutputWrapper
    if verbosity < 1 or total == 0:
        yield lambda n=1: None
        return
    if stream.isatty():
        # Without a total tqdm writes the count and the unit as one word
        # ("99bestand"): then the count stands alone, the unit in the rate.
        count_only = "{desc}: {n_fmt} [{elapsed}, {rate_fmt}{postfix}]"
        with tqdm(
            total=total,
            desc=label,
            unit=unit or "it",
            file=stream,
            leave=True,
            bar_format=count_only if total is None else None,
        ) as bar:
            yield bar.update
        return
    done = 0
    started = last = time.monotonic()

    def line() -> None:
        of = f" van {total} ({done * 100 // total} %)" if total else ""
        stream.write(f"{label}: {done}{of}, {time.monotonic() - started:.0f} s\n")
        stream.flush()

    def step(n: int = 1) -> None:
        nonlocal done, last
        done += n
        now = time.monotonic()
        if now - last >= PLAIN_EVERY_SECONDS:
            last = now
            line()

    yield step
    if time.monotonic() - started >= PLAIN_EVERY_SECONDS:
        line()  # how it ended, for a log that showed it under way
