"""Taxonomy terms of the themes vocabulary become themes."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dossiers.models import Theme

from . import report as r
from .state import fingerprint, known, remember
from .text import TextError, to_plain_text


def _state(theme: Theme) -> dict:
    return {"name": theme.name, "description": theme.description}


def _unique_slug(name: str, tid: int) -> str:
    slug = slugify(name)[:90] or f"thema-{tid}"
    if Theme.objects.filter(slug=slug).exists():
        slug = f"{slug}-{tid}"
    return slug


def import_terms(*, reader, mapping, report: r.Report, overwrite: bool) -> dict:
    """Import the themes vocabulary; returns {tid: theme id}."""
    theme_ids: dict[int, int] = {}
    if not mapping.themes_vocabulary:
        return theme_ids
    terms = reader.terms(mapping.themes_vocabulary)
    rows = known("term", [term["tid"] for term in terms])
    for term in terms:
        tally = r.Tally()
        tally.count("term", r.READ)
        try:
            with transaction.atomic():
                theme = _import_term(
                    term, rows.get(str(term["tid"])), mapping, tally, overwrite
                )
        except r.ItemFailure as failure:
            report.skip(failure, read={"term": 1})
            continue
        report.land(tally)
        if theme is not None:
            theme_ids[term["tid"]] = theme.pk
    return theme_ids


def _import_term(term, row, mapping, tally, overwrite) -> Theme | None:
    tid = term["tid"]
    name = (term["name"] or "").strip()
    if not name or len(name) > 100:
        raise r.ItemFailure(
            "term", tid, _("A theme name must have 1 to 100 characters.")
        )
    try:
        description = to_plain_text(
            term["description"], term["format"], formats=mapping.formats
        )
    except TextError as error:
        raise r.ItemFailure("term", tid, str(error)) from error
    values = {"name": name, "description": description}
    source_fp = fingerprint(values)
    theme = Theme.objects.filter(pk=row.target_id).first() if row else None
    if row is not None and theme is None:
        tally.count("term", r.KEPT)
        tally.note("term", tid, _("deleted here; not created again"))
        return None
    if theme is None:
        # A theme an editor already made under the same name is the same theme.
        theme = Theme.objects.filter(name__iexact=name).first()
        if theme is not None:
            remember(
                None,
                kind="term",
                drupal_id=tid,
                target=theme,
                fingerprint=fingerprint(_state(theme)),
                source_fingerprint=source_fp,
            )
            tally.count("term", r.UNCHANGED)
            return theme
        theme = Theme(**values, slug=_unique_slug(name, tid))
        theme.save()
        remember(
            None,
            kind="term",
            drupal_id=tid,
            target=theme,
            fingerprint=fingerprint(_state(theme)),
            source_fingerprint=source_fp,
        )
        tally.count("term", r.CREATED)
        return theme
    if row.source_fingerprint == source_fp:
        tally.count("term", r.UNCHANGED)
        return theme
    if row.fingerprint != fingerprint(_state(theme)) and not overwrite:
        tally.count("term", r.KEPT)
        tally.note(
            "term", tid, _("changed here since the last import; not overwritten")
        )
        return theme
    theme.name, theme.description = name, description
    theme.save()
    remember(
        row,
        kind="term",
        drupal_id=tid,
        target=theme,
        fingerprint=fingerprint(_state(theme)),
        source_fingerprint=source_fp,
    )
    tally.count("term", r.UPDATED)
    return theme
