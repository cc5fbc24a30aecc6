"""What every chunk of one import needs: the options, what is read once per
run (themes, editors), and the author records found so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from authors.models import Author
from authors.services import author_for_name

from .mapping import Mapping

BATCH_SIZE = 200  # nodes per chunk: read together, written in one transaction


@dataclass
class Options:
    mapping: Mapping
    files_dir: Path | None = None
    dry_run: bool = False
    overwrite: bool = False
    batch_size: int = BATCH_SIZE
    # Called with the number of nodes each chunk handled (a progress bar).
    on_nodes: Callable[[int], object] = lambda n: None


class Authors:
    """``author_for_name`` once per name and run.

    A transaction that rolls back may take records found here with it, so
    the importer calls ``forget`` after every rollback.
    """

    def __init__(self):
        self._by_name: dict[str, Author] = {}

    def get(self, name: str) -> Author:
        if name not in self._by_name:
            self._by_name[name] = author_for_name(name=name)
        return self._by_name[name]

    def forget(self) -> None:
        self._by_name.clear()


@dataclass
class Context:
    """One run of the import, as each of its chunks sees it."""

    options: Options
    theme_ids: dict[int, int] = field(default_factory=dict)  # Drupal tid -> ours
    editor_uids: set[int] = field(default_factory=set)
    authors: Authors = field(default_factory=Authors)

    @property
    def mapping(self) -> Mapping:
        return self.options.mapping
