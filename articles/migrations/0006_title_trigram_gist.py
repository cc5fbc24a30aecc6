"""Trigram index on titles: GiST, which hands out the nearest titles first."""

import django.contrib.postgres.indexes
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_vector_moves_to_search_entry'),
        ('dossiers', '0007_title_trigram_gist'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_title_trgm_idx',
        ),
        migrations.AddIndex(
            model_name='article',
            index=django.contrib.postgres.indexes.GistIndex(fields=['title'], name='article_title_trgm_idx', opclasses=['gist_trgm_ops']),
        ),
    ]
