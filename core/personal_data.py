"""Personal data kept by more than one app, reached from one place.

The right of access and to erasure, and the retention limit, are one
procedure for the editors (admin *Reacties* → *Persoonsgegevens*, and
``manage.py purge_rate_limits`` from cron), but the data lives in the apps
that collect it (reactions, followers of a dossier). Each app registers its
source here from its ``AppConfig.ready`` (as mail builders register with the
outbox), so the procedure reaches them all without importing the apps above
it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    export: Callable[[str], list[dict]]  # every record of an address
    erase: Callable[[str], int]  # remove them; how many went
    purge: Callable[[], int]  # what is past its retention; how many went


_sources: dict[str, Source] = {}


def register(key: str, *, export, erase, purge) -> None:
    """``key`` names the records in an export (e.g. "volgen")."""
    _sources[key] = Source(export=export, erase=erase, purge=purge)


def export(email: str) -> dict[str, list[dict]]:
    return {key: source.export(email) for key, source in _sources.items()}


def erase(email: str) -> int:
    return sum(source.erase(email) for source in _sources.values())


def purge() -> int:
    return sum(source.purge() for source in _sources.values())
