"""Which sections each version changed (``DossierVersion.changed_sections``),
for reactions on a section (comments 0013), and how many reactions it took
in (``reactions_taken``, "verwerkt in versie n"). Versions published before get
theirs here, from their snapshot and the one before, as the comparison page
shows them (``dossiers.services._changed_sections``, with the live models:
it only renders, it writes nothing). Then the trigger that keeps a visible
version unchanged guards the new column too.
"""

from django.db import migrations, models

from dossiers.models import Dossier, DossierVersion
from dossiers.services import _changed_sections

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


def fill(apps, schema_editor):
    Version = apps.get_model("dossiers", "DossierVersion")
    rows = Version.objects.order_by("dossier_id", "number")
    previous = None
    for row in rows.select_related("dossier").iterator():
        if previous is not None and previous.dossier_id != row.dossier_id:
            previous = None
        live = Dossier(pk=row.dossier.pk, slug=row.dossier.slug)
        version = DossierVersion(
            pk=row.pk,
            dossier=live,
            number=row.number,
            content=row.content,
            citations=row.citations,
        )
        changed = _changed_sections(previous, version)
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
