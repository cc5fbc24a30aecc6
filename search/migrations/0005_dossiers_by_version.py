"""Dossiers are searched in their published versions, never in the draft.

The dossier's rows are the editors' draft (dossiers 0010): indexing them
would let readers find words nobody published. Instead:

- ``dossiers_version_search_text`` (BEFORE INSERT OR UPDATE on a version) gathers the
  plain text of the snapshot into ``search_document``, as dossiers 0003 did
  for the dossier row;
- ``search_entry_version`` (AFTER INSERT) writes the version's index row and
  closes the previous one at the new version's moment (``superseded_at``),
  deleting rows superseded in the past; so a scheduled version takes over at
  its moment with no cron job;
- ``search_entry_version_gone`` (AFTER DELETE, a scheduled version replaced)
  reopens the row it had closed; the version's own row goes by its foreign
  key (ON DELETE CASCADE);
- ``search_entry_dossier_status`` copies the dossier's status to its rows.

The triggers that indexed the dossier row and its themes are dropped.
"""

import django.db.models.deletion
from django.db import migrations, models

VERSION_VECTOR = """
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, NEW.search_document), 'C')
"""


def parts(name, fields):
    joined = ", ".join(f"part->>'{field}'" for field in fields)
    return f"""(SELECT string_agg(concat_ws(' ', {joined}), ' ')
           FROM jsonb_array_elements(coalesce(NEW.content->'{name}', '[]'::jsonb)) AS part)"""


# First, before any column changes: the old dossier rows and their triggers
# go. Rows are written (and so foreign keys queued for checking) only in the
# last step, in both directions: PostgreSQL refuses to ALTER a table with
# such checks pending in the same transaction.
DROP_DOSSIER_ROWS_SQL = """
DROP TRIGGER search_entry_dossier ON dossiers_dossier;
DROP FUNCTION search_entry_dossier();
DROP TRIGGER search_entry_dossier_themes ON dossiers_dossier_themes;
DROP FUNCTION search_entry_dossier_themes();
DELETE FROM search_entry WHERE dossier_id IS NOT NULL;
"""

FORWARD_SQL = f"""
CREATE FUNCTION dossiers_version_search_text() RETURNS trigger
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
        {parts("effective_elements", ["title", "explanation"])},
        {parts("good_examples", ["name", "organisation", "description"])},
        {parts("references", ["authors", "title", "source"])}),
        '<[^>]*>', ' ', 'g'));
    RETURN NEW;
END
$$;
CREATE TRIGGER dossiers_version_search_text
    BEFORE INSERT OR UPDATE ON dossiers_dossierversion
    FOR EACH ROW EXECUTE FUNCTION dossiers_version_search_text();

CREATE FUNCTION search_entry_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content IS NULL THEN  -- carried over from the log: no text
        RETURN NULL;
    END IF;
    UPDATE search_entry SET superseded_at = NEW.published_at
     WHERE dossier_id = NEW.dossier_id AND superseded_at IS NULL;
    DELETE FROM search_entry
     WHERE dossier_id = NEW.dossier_id AND superseded_at <= now();
    INSERT INTO search_entry
           (dossier_id, version_id, status, published_at, vector, theme_ids)
    SELECT NEW.dossier_id, NEW.id, dossier.status, NEW.published_at,
           {VERSION_VECTOR.strip()},
           ARRAY(SELECT (theme->>'id')::bigint
                   FROM jsonb_array_elements(coalesce(NEW.content->'themes', '[]'::jsonb))
                        AS theme
                  ORDER BY 1)
      FROM dossiers_dossier AS dossier WHERE dossier.id = NEW.dossier_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_version
    AFTER INSERT ON dossiers_dossierversion
    FOR EACH ROW EXECUTE FUNCTION search_entry_version();

CREATE FUNCTION search_entry_version_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_entry SET superseded_at = NULL
     WHERE dossier_id = OLD.dossier_id AND superseded_at = OLD.published_at;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_version_gone
    AFTER DELETE ON dossiers_dossierversion
    FOR EACH ROW EXECUTE FUNCTION search_entry_version_gone();

CREATE FUNCTION search_entry_dossier_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_entry SET status = NEW.status WHERE dossier_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_dossier_status
    AFTER UPDATE OF status ON dossiers_dossier
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
    EXECUTE FUNCTION search_entry_dossier_status();
"""

# Existing versions: their text (the BEFORE trigger also runs on UPDATE; the
# text is not among the columns dossiers 0010 keeps unchanged), then their
# index rows, oldest first, as the AFTER INSERT trigger would have written.
BACKFILL_SQL = """
UPDATE dossiers_dossierversion SET search_document = '' WHERE content IS NOT NULL;
DO $$
DECLARE
    v dossiers_dossierversion;
BEGIN
    FOR v IN SELECT * FROM dossiers_dossierversion
              WHERE content IS NOT NULL ORDER BY dossier_id, number LOOP
        UPDATE search_entry SET superseded_at = v.published_at
         WHERE dossier_id = v.dossier_id AND superseded_at IS NULL;
        DELETE FROM search_entry
         WHERE dossier_id = v.dossier_id AND superseded_at <= now();
        INSERT INTO search_entry
               (dossier_id, version_id, status, published_at, vector, theme_ids)
        SELECT v.dossier_id, v.id, dossier.status, v.published_at,
               setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(v.title, '')), 'A')
               || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(v.summary, '')), 'B')
               || setweight(to_tsvector('dutch_unaccent'::regconfig, v.search_document), 'C'),
               ARRAY(SELECT (theme->>'id')::bigint
                       FROM jsonb_array_elements(coalesce(v.content->'themes', '[]'::jsonb))
                            AS theme ORDER BY 1)
          FROM dossiers_dossier AS dossier WHERE dossier.id = v.dossier_id;
    END LOOP;
END
$$;
"""

REVERSE_SQL = """
DROP TRIGGER search_entry_dossier_status ON dossiers_dossier;
DROP FUNCTION search_entry_dossier_status();
DROP TRIGGER search_entry_version_gone ON dossiers_dossierversion;
DROP FUNCTION search_entry_version_gone();
DROP TRIGGER search_entry_version ON dossiers_dossierversion;
DROP FUNCTION search_entry_version();
DROP TRIGGER dossiers_version_search_text ON dossiers_dossierversion;
DROP FUNCTION dossiers_version_search_text();
DELETE FROM search_entry WHERE dossier_id IS NOT NULL;
"""

# Going back: the dossier rows and their triggers as search 0002 and 0004
# made them (written out here, not imported from those migrations).
RESTORE_DOSSIER_ROWS_SQL = """
CREATE FUNCTION search_entry_dossier() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.title, NEW.summary, NEW.search_document) IS NOT DISTINCT FROM (OLD.title, OLD.summary, OLD.search_document) THEN
        IF (NEW.status, NEW.published_at)
                IS DISTINCT FROM (OLD.status, OLD.published_at) THEN
            UPDATE search_entry SET status = NEW.status, published_at = NEW.published_at
             WHERE dossier_id = NEW.id;
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO search_entry (dossier_id, status, published_at, vector)
    VALUES (NEW.id, NEW.status, NEW.published_at, 
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, NEW.search_document), 'C')
)
    ON CONFLICT (dossier_id) DO UPDATE
       SET status = EXCLUDED.status, published_at = EXCLUDED.published_at,
           vector = EXCLUDED.vector;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_entry_dossier
    AFTER INSERT OR UPDATE ON dossiers_dossier
    FOR EACH ROW EXECUTE FUNCTION search_entry_dossier();

INSERT INTO search_entry (dossier_id, status, published_at, vector)
SELECT id, status, published_at, 
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(dossiers_dossier.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(dossiers_dossier.summary, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, dossiers_dossier.search_document), 'C')

  FROM dossiers_dossier;

CREATE FUNCTION search_entry_dossier_themes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item bigint;
BEGIN
    FOREACH item IN ARRAY ARRAY[
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.dossier_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.dossier_id END] LOOP
        UPDATE search_entry
           SET theme_ids = ARRAY(SELECT theme_id FROM dossiers_dossier_themes
                                  WHERE dossier_id = item ORDER BY theme_id)
         WHERE dossier_id = item;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_entry_dossier_themes
    AFTER INSERT OR UPDATE OR DELETE ON dossiers_dossier_themes
    FOR EACH ROW EXECUTE FUNCTION search_entry_dossier_themes();

UPDATE search_entry
   SET theme_ids = ARRAY(SELECT theme_id FROM dossiers_dossier_themes
                          WHERE dossiers_dossier_themes.dossier_id = search_entry.dossier_id
                          ORDER BY theme_id)
 WHERE dossier_id IS NOT NULL;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_title_trigram_gist'),
        ('dossiers', '0012_version_search_text'),
        ('search', '0004_entry_themes'),
    ]

    operations = [
        migrations.RunSQL(DROP_DOSSIER_ROWS_SQL, reverse_sql=RESTORE_DOSSIER_ROWS_SQL),
        migrations.AddField(
            model_name='entry',
            name='superseded_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='entry',
            name='version',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.DB_CASCADE, related_name='search_entry', to='dossiers.dossierversion'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='dossier',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.DB_CASCADE, related_name='search_entries', to='dossiers.dossier'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('dossier__isnull', True), ('version__isnull', True)), models.Q(('dossier__isnull', False), ('version__isnull', False)), _connector='OR'), name='search_entry_dossier_by_version'),
        ),
        migrations.RunSQL(FORWARD_SQL + BACKFILL_SQL, reverse_sql=REVERSE_SQL),
    ]
