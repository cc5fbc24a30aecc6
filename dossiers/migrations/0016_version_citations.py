"""Versions keep their citations; versions' PDFs are recorded.

``DossierVersion.citations``: the version's own citation and its literature
list as CSL-JSON with their APA 7 text, made at publication
(dossiers/literature.py); then the trigger that keeps a visible version
unchanged guards the new column too.

Versions published before this migration keep ``citations`` empty: they are
formatted when read (``literature.citations_of``, the function publication
uses), so nothing here imports the application's code (it once filled them
with the live ``version_citations`` and ``as_dossier``, which a migration
must not depend on: they change, the migration must not).

``VersionPdf``: the file a version's PDF was stored under (dossiers/pdf.py).
"""

import django.db.models.deletion
from django.db import migrations, models

IMMUTABLE_SQL = """
CREATE OR REPLACE FUNCTION dossiers_version_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at <= now() AND
       (NEW.dossier_id, NEW.number, NEW.published_at, NEW.note, NEW.title,
        NEW.summary, NEW.content{also})
       IS DISTINCT FROM
       (OLD.dossier_id, OLD.number, OLD.published_at, OLD.note, OLD.title,
        OLD.summary, OLD.content{old_also}) THEN
        RAISE EXCEPTION 'dossier version % is published and cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0015_reference_source_removed'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossierversion',
            name='citations',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='citations'),
        ),
        migrations.RunSQL(
            IMMUTABLE_SQL.format(also=", NEW.citations", old_also=", OLD.citations"),
            reverse_sql=IMMUTABLE_SQL.format(also="", old_also=""),
        ),
        migrations.CreateModel(
            name='VersionPdf',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=300, upload_to='', verbose_name='file')),
                ('size', models.PositiveIntegerField(verbose_name='size in bytes')),
                ('layout', models.PositiveSmallIntegerField(verbose_name='layout')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('version', models.OneToOneField(on_delete=django.db.models.deletion.DB_CASCADE, related_name='pdf', to='dossiers.dossierversion', verbose_name='version')),
            ],
            options={
                'verbose_name': 'PDF of a version',
                'verbose_name_plural': 'PDFs of versions',
            },
        ),
    ]
