"""Comparisons of two versions, computed once and kept (``VersionComparison``).

A version never changes once readers can see it, so what changed between two
such versions is computed on the first request (dossiers/diff.py, bounded by
its budget and deadline) and stored in PostgreSQL, shared by every app
server and kept across deploys; later requests read one row. A comparison
involving a version still scheduled is computed each time and not kept (its
text may still change). Two first requests at once both compute it; one row
is kept (ON CONFLICT DO NOTHING), which costs less than making one wait.

Raise ALGORITHM after changing how dossiers/diff.py compares or the section
partials it renders: comparisons made the old way are then computed again.
"""

from django.utils import timezone
from django.utils.safestring import mark_safe

from .diff import SectionDiff, diff_contents
from .models import Dossier, DossierVersion, VersionComparison

ALGORITHM = 1


def sections_between(dossier: Dossier, a: int, b: int) -> list[SectionDiff] | None:
    """What changed from version ``a`` to ``b`` of ``dossier``; None when the
    text of one was not kept. Raises diff.ComparisonTooSlow past the
    deadline (nothing is kept then)."""
    versions = {
        v.number: v
        for v in DossierVersion.objects.filter(dossier=dossier, number__in=[a, b])
    }
    if any(versions.get(n) is None or versions[n].content is None for n in (a, b)):
        return None
    old, new = versions[a], versions[b]
    kept = (
        VersionComparison.objects.filter(old=old, new=new, algorithm=ALGORITHM)
        .values_list("sections", flat=True)
        .first()
    )
    if kept is not None:
        return [_section(row) for row in kept]
    sections = diff_contents(old.content, new.content, dossier, versions=(old, new))
    now = timezone.now()
    if old.published_at <= now and new.published_at <= now:
        VersionComparison.objects.bulk_create(
            [
                VersionComparison(
                    old=old,
                    new=new,
                    algorithm=ALGORITHM,
                    sections=[_row(section) for section in sections],
                )
            ],
            ignore_conflicts=True,
        )
    return sections


def _row(section: SectionDiff) -> dict:
    return {
        "anchor": section.anchor,
        "heading": str(section.heading),
        "status": section.status,
        "html": str(section.html),
        "by_paragraph": section.by_paragraph,
    }


def _section(row: dict) -> SectionDiff:
    # Stored as diff.py made it: sanitised by nh3 before it was kept.
    return SectionDiff(
        anchor=row["anchor"],
        heading=row["heading"],
        status=row["status"],
        html=mark_safe(row["html"]),  # noqa: S308 - nh3 cleaned it (diff.py)
        by_paragraph=row["by_paragraph"],
    )
