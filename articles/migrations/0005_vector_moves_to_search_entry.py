"""The search vector now lives in ``search.Entry`` (see search 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_updated_at_index'),
        # The search index is filled from the text, not from this column.
        ('search', '0002_entry'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_search_idx',
        ),
        migrations.RemoveField(
            model_name='article',
            name='search_vector',
        ),
    ]
