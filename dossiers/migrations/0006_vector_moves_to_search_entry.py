"""The search vector now lives in ``search.Entry`` (see search 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0005_updated_at_index'),
        # The search index is filled from the text, not from this column.
        ('search', '0002_entry'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dossier',
            name='dossier_search_idx',
        ),
        migrations.RemoveField(
            model_name='dossier',
            name='search_vector',
        ),
    ]
