"""Trigram index on titles: GiST, which hands out the nearest titles first."""

import django.contrib.postgres.indexes
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0006_vector_moves_to_search_entry'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dossier',
            name='dossier_title_trgm_idx',
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=django.contrib.postgres.indexes.GistIndex(fields=['title'], name='dossier_title_trgm_idx', opclasses=['gist_trgm_ops']),
        ),
    ]
