"""A version's references are indexed by their structured fields (dossiers
0014): the journal or book they appeared in and the publisher, beside the
authors and title. Snapshots taken before keep their one-line ``source``,
which stays in the text too (``concat_ws`` skips what a row lacks)."""

import importlib

from django.db import migrations

_by_version = importlib.import_module("search.migrations.0005_dossiers_by_version")



def text_trigger(reference_fields):
    """search 0005's BEFORE trigger, with ``reference_fields`` of references."""
    start = _by_version.FORWARD_SQL.index("CREATE FUNCTION dossiers_version_search_text")
    end = _by_version.FORWARD_SQL.index("CREATE TRIGGER dossiers_version_search_text")
    function = _by_version.FORWARD_SQL[start:end].replace(
        "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1
    )
    old = _by_version.parts("references", ["authors", "title", "source"])
    assert old in function
    return function.replace(old, _by_version.parts("references", reference_fields))


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0014_structured_references'),
        ('search', '0005_dossiers_by_version'),
    ]

    operations = [
        migrations.RunSQL(
            text_trigger(["authors", "title", "source", "container_title", "publisher"]),
            reverse_sql=text_trigger(["authors", "title", "source"]),
        ),
    ]
