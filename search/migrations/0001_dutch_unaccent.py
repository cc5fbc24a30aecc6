"""The text search configuration every search vector and query uses.

``dutch_unaccent`` is PostgreSQL's ``dutch`` configuration with ``unaccent``
in front of the Dutch stemmer, so "café" and "cafe" give the same lexeme. A
configuration (unlike the ``unaccent()`` function) may be used in stored
generated columns: ``to_tsvector('dutch_unaccent'::regconfig, …)`` is
immutable.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(
            sql=[
                "CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch)",
                "ALTER TEXT SEARCH CONFIGURATION dutch_unaccent "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem",
            ],
            reverse_sql="DROP TEXT SEARCH CONFIGURATION dutch_unaccent",
        ),
    ]
