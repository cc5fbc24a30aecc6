"""The one-line ``source`` of references goes (0014 read it into fields).

First the dossier's own text trigger (dossiers 0003, as search 0002 left it:
it gathers the draft's plain text) reads the new fields instead of the
column that is dropped. What readers search is the published versions'
text; search 0006 indexes their references' new fields.
"""

from django.db import migrations

TEXT_TRIGGER = """
CREATE OR REPLACE FUNCTION dossiers_dossier_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    sections text;
    parts text;
BEGIN
    sections := concat_ws(' ', NEW.definition, NEW.facts_and_figures, NEW.policy,
        NEW.trends, NEW.current_debates, NEW.effective_elements_intro,
        NEW.promising_approaches);
    SELECT concat_ws(' ',
        (SELECT string_agg(concat_ws(' ', title, explanation), ' ' ORDER BY position, id)
           FROM dossiers_effectiveelement WHERE dossier_id = NEW.id),
        (SELECT string_agg(concat_ws(' ', name, organisation, description), ' '
                           ORDER BY position, id)
           FROM dossiers_goodexample WHERE dossier_id = NEW.id),
        (SELECT string_agg(concat_ws(' ', authors, title, {reference_text}), ' '
                           ORDER BY position, id)
           FROM dossiers_reference WHERE dossier_id = NEW.id))
      INTO parts;
    -- Tags out, so snippets show text; entities are decoded by the view.
    NEW.search_document := btrim(regexp_replace(
        concat_ws(' ', sections, parts), '<[^>]*>', ' ', 'g'));
    RETURN NEW;
END
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0014_structured_references'),
        # search 0002 last replaced the text trigger; this replaces it again.
        ('search', '0005_dossiers_by_version'),
    ]

    operations = [
        migrations.RunSQL(
            TEXT_TRIGGER.format(reference_text="container_title, publisher"),
            reverse_sql=TEXT_TRIGGER.format(reference_text="source"),
        ),
        migrations.RemoveField(
            model_name='reference',
            name='source',
        ),
    ]
