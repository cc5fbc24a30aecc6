"""The hand-typed revision log is gone: migration 0010 made it versions.

The review date now counts from the latest published version (its help text
says so) instead of ``last_revised_at`` and the log.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0010_versions"),
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
        migrations.AlterField(
            model_name='dossier',
            name='review_by',
            field=models.DateField(blank=True, help_text='Leave empty for the default: a set number of months after the latest published version or check.', null=True, verbose_name='review by'),
        ),
    ]
