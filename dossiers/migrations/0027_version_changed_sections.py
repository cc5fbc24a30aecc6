"""Which sections each version changed (``DossierVersion.changed_sections``),
for reactions on a section (comments 0013), and how many reactions it took
in (``reactions_taken``, "verwerkt in versie n"). Versions published before get
theirs here, from their snapshot and the one before, as the comparison page
shows them. Then the trigger that keeps a visible version unchanged guards the
new column too.

The rule is frozen below from ``dossiers.services._changed_sections`` and
``dossiers.diff`` as they were when this migration was written, on the
historical models (a migration keeps the code it runs). The comparison
renders both versions' sections and calls a section changed when its HTML
differs; here the same is decided from what that HTML shows: first the
comparison's own sieve (the snapshot keys of each section, ``SECTION_SOURCES``),
then, for a section whose keys differ, the values its partial prints (names,
not ids or positions; a reference's stored APA text). Version 1 changed
nothing; a version without a snapshot on either side gets none (null).
tests/dossiers/test_changed_sections_migration.py checks this against the
live comparison.
"""

from django.db import migrations, models

# The snapshot keys each section is made of, in page order (dossiers/sections.py
# and diff.SECTION_SOURCES when this migration was written).
SECTION_SOURCES = {
    "algemeen": ("title", "summary", "authors", "contacts", "themes"),
    "definitie": ("definition",),
    "feiten-en-cijfers": ("facts_and_figures",),
    "beleid": ("policy",),
    "trends": ("trends",),
    "actuele-discussies": ("current_debates",),
    "werkzame-elementen": ("effective_elements_intro", "effective_elements"),
    "veelbelovende-aanpakken": ("promising_approaches",),
    "goede-voorbeelden": ("good_examples",),
    "literatuur": ("references",),
}

IMMUTABLE_SQL = """
CREATE OR REPLACE FUNCTION dossiers_version_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at <= now() AND
       (NEW.dossier_id, NEW.number, NEW.published_at, NEW.note, NEW.title,
        NEW.summary, NEW.content, NEW.citations, NEW.whats_new,
        NEW.substantive, NEW.conclusions_changed{also})
       IS DISTINCT FROM
       (OLD.dossier_id, OLD.number, OLD.published_at, OLD.note, OLD.title,
        OLD.summary, OLD.content, OLD.citations, OLD.whats_new,
        OLD.substantive, OLD.conclusions_changed{old_also}) THEN
        RAISE EXCEPTION 'dossier version % is published and cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
"""


def _shown(anchor, content, citations):
    """What a reader sees of section ``anchor`` of a snapshot: the values
    templates/dossiers/_version_header.html and _section_content.html print."""
    get = content.get
    if anchor == "algemeen":
        return (
            get("title") or "",
            get("summary") or "",
            [person["name"] for person in get("authors") or []],
            [person["name"] for person in get("contacts") or []],
            [theme["name"] for theme in get("themes") or []],
        )
    if anchor == "werkzame-elementen":
        return (
            get("effective_elements_intro") or "",
            [
                (row.get("title"), row.get("explanation") or "", bool(row.get("presumed")))
                for row in get("effective_elements") or []
            ],
        )
    if anchor == "goede-voorbeelden":
        return [
            (row.get("name"), row.get("organisation") or "", row.get("description") or "", row.get("url") or "")
            for row in get("good_examples") or []
        ]
    if anchor == "literatuur":
        # Each reference is shown as the APA text its version stored
        # (dossiers.literature.attach: the rows zipped with the entries).
        rows = get("references") or []
        if citations is not None:
            return [entry["apa"] for entry in citations["references"][: len(rows)]]
        return [{k: v for k, v in row.items() if k != "position"} for row in rows]
    (field,) = SECTION_SOURCES[anchor]
    return get(field) or ""


def changed_sections(previous, version):
    """The anchors of the sections ``version`` changed, added or removed
    against ``previous`` (both ``(content, citations)``), in page order."""
    if previous is None:
        return []
    (old, old_citations), (new, new_citations) = previous, version
    if old is None or new is None:
        return None
    return [
        anchor
        for anchor, keys in SECTION_SOURCES.items()
        if any(old.get(key) != new.get(key) for key in keys)
        and _shown(anchor, old, old_citations) != _shown(anchor, new, new_citations)
    ]


def fill(apps, schema_editor):
    Version = apps.get_model("dossiers", "DossierVersion")
    rows = Version.objects.order_by("dossier_id", "number")
    previous, dossier_id = None, None
    for row in rows.only("pk", "dossier_id", "content", "citations").iterator():
        if row.dossier_id != dossier_id:
            previous, dossier_id = None, row.dossier_id
        version = (row.content, row.citations)
        changed = changed_sections(previous, version)
        if changed is not None:
            Version.objects.filter(pk=row.pk).update(changed_sections=changed)
        previous = version


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0026_currency_and_whats_new"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossierversion",
            name="changed_sections",
            field=models.JSONField(
                blank=True, editable=False, null=True, verbose_name="changed sections"
            ),
        ),
        migrations.AddField(
            model_name="dossierversion",
            name="reactions_taken",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="reactions taken in"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunSQL(
            IMMUTABLE_SQL.format(
                also=", NEW.changed_sections, NEW.reactions_taken",
                old_also=", OLD.changed_sections, OLD.reactions_taken",
            ),
            reverse_sql=IMMUTABLE_SQL.format(also="", old_also=""),
        ),
    ]
