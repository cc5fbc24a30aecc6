"""The hand-typed revision log is gone: migration 0008 made it versions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0008_versions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dossierrevision',
            name='dossier_revision_date_idx',
        ),
        migrations.RemoveField(
            model_name='dossier',
            name='last_revised_at',
        ),
        migrations.RemoveField(
            model_name='dossierrevision',
            name='dossier',
        ),
        migrations.DeleteModel(
            name='DossierRevision',
        ),
    ]
