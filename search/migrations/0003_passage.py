"""``search_passage(document, pattern)``: the part of a long text a snippet comes from.

``ts_headline`` parses the whole text it is given, at about 2 ms per 10 KB:
a page of ten long dossiers would spend most of its time there. This
function finds the first place where a searched word starts (a case-
insensitive regular expression built by ``search.query.passage_pattern``),
cuts out about 600 characters around it at word boundaries, and removes
HTML tags from that piece only; ``ts_headline`` then works on that. When no
word is found (a match on the title only), the passage is the beginning.
"""

from django.db import migrations

FUNCTION_SQL = r"""
CREATE FUNCTION search_passage(document text, pattern text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    at integer := greatest(regexp_instr(document, pattern, 1, 1, 0, 'i') - 150, 1);
    -- Tags out, and a tag cut in two at either end.
    piece text := regexp_replace(
        substr(document, at, 600), '<[^>]*>|^[^<]*>|<[^>]*$', ' ', 'g');
BEGIN
    -- A word cut in two at either end goes too.
    IF at > 1 THEN
        piece := regexp_replace(piece, '^\S*\s+', '');
    END IF;
    IF at + 600 <= length(document) THEN
        piece := coalesce(substring(piece FROM '^.*\s'), piece);
    END IF;
    RETURN btrim(regexp_replace(piece, '\s+', ' ', 'g'));
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_entry"),
    ]

    operations = [
        migrations.RunSQL(
            FUNCTION_SQL, reverse_sql="DROP FUNCTION search_passage(text, text)"
        ),
    ]
