"""What an import did: counts per kind, and every item it skipped or kept."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

READ = "read"
CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"  # changed here since the last import: left as the editor made it
SKIPPED = "skipped"  # failed: nothing of it written
OUTCOMES = (READ, CREATED, UPDATED, UNCHANGED, KEPT, SKIPPED)

KIND_LABELS = {
    "term": gettext_lazy("themes (terms)"),
    "node": gettext_lazy("articles and dossiers (nodes)"),
    "revision": gettext_lazy("dossier versions (revision log messages)"),
    "comment": gettext_lazy("reactions (comments)"),
    "redirect": gettext_lazy("addresses (redirects)"),
    "file": gettext_lazy("images (files)"),
}
OUTCOME_LABELS = {
    READ: gettext_lazy("read"),
    CREATED: gettext_lazy("created"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
    KEPT: gettext_lazy("kept (changed here)"),
    SKIPPED: gettext_lazy("skipped"),
}


class ItemFailure(Exception):
    """One item cannot be imported; ``kind`` and ``drupal_id`` say which."""

    def __init__(self, kind: str, drupal_id, message: str):
        super().__init__(message)
        self.kind = kind
        self.drupal_id = drupal_id
        self.message = message


@dataclass
class Tally:
    """The outcomes of one item and its parts, applied only when it lands."""

    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[(kind, outcome)] += n

    def note(self, kind: str, drupal_id, message: str) -> None:
        self.notes.append(f"{kind} {drupal_id}: {message}")


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def land(self, tally: Tally) -> None:
        self.counts.update(tally.counts)
        self.notes.extend(tally.notes)

    def skip(self, failure: ItemFailure, *, read: Counter) -> None:
        """The whole item fails: all it read counts as skipped (``{kind: n}``)."""
        for kind, n in read.items():
            self.counts[(kind, READ)] += n
            self.counts[(kind, SKIPPED)] += n
        self.skipped.append(f"{failure.kind} {failure.drupal_id}: {failure.message}")

    @property
    def anything_skipped(self) -> bool:
        return bool(self.skipped)

    def lines(self, *, dry_run: bool) -> list[str]:
        lines = []
        if dry_run:
            lines.append(_("Dry run: nothing was written. This is what would happen:"))
        for message in self.notes:
            lines.append(_("Note: %(message)s") % {"message": message})
        for message in self.skipped:
            lines.append(_("Skipped: %(message)s") % {"message": message})
        for kind, label in KIND_LABELS.items():
            numbers = [self.counts[(kind, outcome)] for outcome in OUTCOMES]
            if not any(numbers):
                continue
            parts = ", ".join(
                f"{OUTCOME_LABELS[outcome]} {n}"
                for outcome, n in zip(OUTCOMES, numbers, strict=True)
            )
            lines.append(f"{label}: {parts}")
        return lines
