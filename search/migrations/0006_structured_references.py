"""A version's references are indexed by their structured fields (dossiers
0014): the journal or book they appeared in and the publisher, beside the
authors and title. Snapshots taken before keep their one-line ``source``,
which stays in the text too (``concat_ws`` skips what a row lacks)."""

from django.db import migrations

# search 0005's BEFORE trigger, with the structured fields of references
# (FORWARD) or, going back, as 0005 wrote it (written out, not imported).
FORWARD_SQL = """CREATE OR REPLACE FUNCTION dossiers_version_search_text() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content IS NULL THEN
        NEW.search_document := '';
        RETURN NEW;
    END IF;
    -- Tags out, so snippets show text; entities are decoded by the view.
    NEW.search_document := btrim(regexp_replace(concat_ws(' ',
        NEW.content->>'definition', NEW.content->>'facts_and_figures',
        NEW.content->>'policy', NEW.content->>'trends',
        NEW.content->>'current_debates', NEW.content->>'effective_elements_intro',
        NEW.content->>'promising_approaches',
        (SELECT string_agg(concat_ws(' ', part->>'title', part->>'explanation'), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'effective_elements', '[]'::jsonb)) AS part),
        (SELECT string_agg(concat_ws(' ', part->>'name', part->>'organisation', part->>'description'), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'good_examples', '[]'::jsonb)) AS part),
        (SELECT string_agg(concat_ws(' ', part->>'authors', part->>'title', part->>'source', part->>'container_title', part->>'publisher'), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'references', '[]'::jsonb)) AS part)),
        '<[^>]*>', ' ', 'g'));
    RETURN NEW;
END
$$;
"""

REVERSE_SQL = """CREATE OR REPLACE FUNCTION dossiers_version_search_text() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content IS NULL THEN
        NEW.search_document := '';
        RETURN NEW;
    END IF;
    -- Tags out, so snippets show text; entities are decoded by the view.
    NEW.search_document := btrim(regexp_replace(concat_ws(' ',
        NEW.content->>'definition', NEW.content->>'facts_and_figures',
        NEW.content->>'policy', NEW.content->>'trends',
        NEW.content->>'current_debates', NEW.content->>'effective_elements_intro',
        NEW.content->>'promising_approaches',
        (SELECT string_agg(concat_ws(' ', part->>'title', part->>'explanation'), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'effective_elements', '[]'::jsonb)) AS part),
        (SELECT string_agg(concat_ws(' ', part->>'name', part->>'organisation', part->>'description'), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'good_examples', '[]'::jsonb)) AS part),
        (SELECT string_agg(concat_ws(' ', part->>'authors', part->>'title', part->>'source'), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'references', '[]'::jsonb)) AS part)),
        '<[^>]*>', ' ', 'g'));
    RETURN NEW;
END
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0014_structured_references'),
        ('search', '0005_dossiers_by_version'),
    ]

    operations = [
        migrations.RunSQL(
            FORWARD_SQL,
            reverse_sql=REVERSE_SQL,
        ),
    ]
