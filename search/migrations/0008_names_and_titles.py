"""Theme and author names are searchable; a title that holds the query ranks first.

Names: an index row's vector also holds the names of its item's themes and
authors (an article's credited authors; a dossier version's authors and
contact persons), at weight D, the one weight the item's own text does not
use (title A, lead or summary B, the rest C). So "armoede" finds an article
in the theme "Armoede en schulden", and "Van Dalen" the dossiers she wrote.
The names are the current ones, as the results show them: renaming a theme
or an author rewrites the D part of the rows that carry it, and nothing
else (``ts_filter`` keeps the A-C positions; the item's text is not parsed
again). The rule lives in two SQL functions, and every trigger calls them:

- ``search_names(theme_ids, author_ids)``: the names, as a D-weighted vector;
- ``search_with_names(vector, theme_ids, author_ids)``: ``vector`` with its
  names replaced by the current ones.

To know whose names a row carries, it keeps its authors' ids
(``author_ids``) next to its theme ids, kept the same way: by triggers on
``articles_articleauthor``, and from the snapshot for a dossier version.

Titles: ``title_vector`` holds the title alone. A row whose title matches
the whole query ranks above every row whose title does not, and the shorter
such title (the nearer an exact match) first; see ``search/results.py``.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
from django.db import migrations, models

# The vectors as search 0002 and 0005 wrote them (written out, not imported).
ARTICLE_VECTOR = """
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.lead, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.body, '')), 'C')
"""
VERSION_VECTOR = """
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, NEW.search_document), 'C')
"""

TITLE = "to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.title, ''))"

NAMES_SQL = """
CREATE FUNCTION search_names(theme_ids bigint[], author_ids bigint[])
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('dutch_unaccent'::regconfig, concat_ws(' ',
        (SELECT string_agg(name, ' ' ORDER BY id) FROM dossiers_theme
          WHERE id = ANY(theme_ids)),
        (SELECT string_agg(name, ' ' ORDER BY id) FROM authors_author
          WHERE id = ANY(author_ids)))), 'D')
$$;

CREATE FUNCTION search_with_names(vector tsvector, theme_ids bigint[],
                                  author_ids bigint[])
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT ts_filter(vector, '{a,b,c}') || search_names(theme_ids, author_ids)
$$;
"""

# search 0002's article trigger: the text's vector with the row's names, and
# the title's vector.
ARTICLE_SQL = f"""
CREATE OR REPLACE FUNCTION search_entry_article() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.title, NEW.lead, NEW.body)
            IS NOT DISTINCT FROM (OLD.title, OLD.lead, OLD.body) THEN
        IF (NEW.status, NEW.published_at)
                IS DISTINCT FROM (OLD.status, OLD.published_at) THEN
            UPDATE search_entry SET status = NEW.status, published_at = NEW.published_at
             WHERE article_id = NEW.id;
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO search_entry (article_id, status, published_at, vector, title_vector)
    VALUES (NEW.id, NEW.status, NEW.published_at,
            {ARTICLE_VECTOR.format(row="NEW").strip()},
            {TITLE.format(row="NEW")})
    ON CONFLICT (article_id) DO UPDATE
       SET status = EXCLUDED.status, published_at = EXCLUDED.published_at,
           vector = EXCLUDED.vector
                    || search_names(search_entry.theme_ids, search_entry.author_ids),
           title_vector = EXCLUDED.title_vector;
    RETURN NULL;
END
$$;
"""

# search 0004's theme trigger (articles only since 0005), and its twin for
# the credited authors.
LINKS_SQL = """
CREATE OR REPLACE FUNCTION search_entry_article_themes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item bigint;
BEGIN
    FOREACH item IN ARRAY ARRAY[
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.article_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.article_id END] LOOP
        UPDATE search_entry
           SET theme_ids = found.ids,
               vector = search_with_names(vector, found.ids, author_ids)
          FROM (SELECT ARRAY(SELECT theme_id FROM articles_article_themes
                              WHERE article_id = item ORDER BY theme_id) AS ids) AS found
         WHERE article_id = item;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION search_entry_article_authors() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item bigint;
BEGIN
    FOREACH item IN ARRAY ARRAY[
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.article_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.article_id END] LOOP
        UPDATE search_entry
           SET author_ids = found.ids,
               vector = search_with_names(vector, theme_ids, found.ids)
          FROM (SELECT ARRAY(SELECT DISTINCT author_id FROM articles_articleauthor
                              WHERE article_id = item ORDER BY author_id) AS ids) AS found
         WHERE article_id = item;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_entry_article_authors
    AFTER INSERT OR UPDATE OR DELETE ON articles_articleauthor
    FOR EACH ROW EXECUTE FUNCTION search_entry_article_authors();
"""

# The ids in a version's snapshot: its themes, and its authors and contact
# persons (as the author page counts a dossier as theirs).
VERSION_THEMES = """ARRAY(SELECT (theme->>'id')::bigint
                   FROM jsonb_array_elements(coalesce({row}.content->'themes', '[]'::jsonb))
                        AS theme
                  ORDER BY 1)"""
VERSION_AUTHORS = """ARRAY(SELECT DISTINCT (person->>'id')::bigint
                   FROM jsonb_array_elements(
                            coalesce({row}.content->'authors', '[]'::jsonb)
                            || coalesce({row}.content->'contacts', '[]'::jsonb))
                        AS person
                  ORDER BY 1)"""

# search 0005's version trigger, writing the names and the title too.
VERSION_SQL = f"""
CREATE OR REPLACE FUNCTION search_entry_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content IS NULL THEN  -- carried over from the log: no text
        RETURN NULL;
    END IF;
    UPDATE search_entry SET superseded_at = NEW.published_at
     WHERE dossier_id = NEW.dossier_id AND superseded_at IS NULL;
    DELETE FROM search_entry
     WHERE dossier_id = NEW.dossier_id AND superseded_at <= now();
    INSERT INTO search_entry (dossier_id, version_id, status, published_at,
                              vector, title_vector, theme_ids, author_ids)
    SELECT NEW.dossier_id, NEW.id, dossier.status, NEW.published_at,
           {VERSION_VECTOR.strip()}
           || search_names(ids.themes, ids.authors),
           {TITLE.format(row="NEW")}, ids.themes, ids.authors
      FROM dossiers_dossier AS dossier,
           (SELECT {VERSION_THEMES.format(row="NEW")} AS themes,
                   {VERSION_AUTHORS.format(row="NEW")} AS authors) AS ids
     WHERE dossier.id = NEW.dossier_id;
    RETURN NULL;
END
$$;
"""

# A theme or an author renamed (or deleted): the rows carrying its name.
RENAME_SQL = """
CREATE FUNCTION search_entry_theme_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_entry SET vector = search_with_names(vector, theme_ids, author_ids)
     WHERE theme_ids @> ARRAY[OLD.id];
    RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_theme_renamed
    AFTER UPDATE OF name OR DELETE ON dossiers_theme
    FOR EACH ROW EXECUTE FUNCTION search_entry_theme_renamed();

CREATE FUNCTION search_entry_author_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_entry SET vector = search_with_names(vector, theme_ids, author_ids)
     WHERE author_ids @> ARRAY[OLD.id];
    RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_author_renamed
    AFTER UPDATE OF name OR DELETE ON authors_author
    FOR EACH ROW EXECUTE FUNCTION search_entry_author_renamed();
"""

BACKFILL_SQL = f"""
UPDATE search_entry SET
       author_ids = ARRAY(SELECT DISTINCT author_id FROM articles_articleauthor AS credit
                           WHERE credit.article_id = search_entry.article_id
                           ORDER BY author_id),
       title_vector = {TITLE.format(row="article")}
  FROM articles_article AS article
 WHERE article.id = search_entry.article_id;
UPDATE search_entry SET
       author_ids = {VERSION_AUTHORS.format(row="version")},
       title_vector = {TITLE.format(row="version")}
  FROM dossiers_dossierversion AS version
 WHERE version.id = search_entry.version_id;
UPDATE search_entry SET vector = search_with_names(vector, theme_ids, author_ids);
"""

REVERSE_SQL = (
    """
DROP TRIGGER search_entry_author_renamed ON authors_author;
DROP FUNCTION search_entry_author_renamed();
DROP TRIGGER search_entry_theme_renamed ON dossiers_theme;
DROP FUNCTION search_entry_theme_renamed();
DROP TRIGGER search_entry_article_authors ON articles_articleauthor;
DROP FUNCTION search_entry_article_authors();
UPDATE search_entry SET vector = ts_filter(vector, '{a,b,c}');
"""
    # The functions as search 0002, 0004 and 0005 wrote them.
    + """
CREATE OR REPLACE FUNCTION search_entry_article() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.title, NEW.lead, NEW.body) IS NOT DISTINCT FROM (OLD.title, OLD.lead, OLD.body) THEN
        IF (NEW.status, NEW.published_at)
                IS DISTINCT FROM (OLD.status, OLD.published_at) THEN
            UPDATE search_entry SET status = NEW.status, published_at = NEW.published_at
             WHERE article_id = NEW.id;
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO search_entry (article_id, status, published_at, vector)
    VALUES (NEW.id, NEW.status, NEW.published_at, 
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.lead, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.body, '')), 'C')
)
    ON CONFLICT (article_id) DO UPDATE
       SET status = EXCLUDED.status, published_at = EXCLUDED.published_at,
           vector = EXCLUDED.vector;
    RETURN NULL;
END
$$;


CREATE OR REPLACE FUNCTION search_entry_article_themes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item bigint;
BEGIN
    FOREACH item IN ARRAY ARRAY[
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.article_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.article_id END] LOOP
        UPDATE search_entry
           SET theme_ids = ARRAY(SELECT theme_id FROM articles_article_themes
                                  WHERE article_id = item ORDER BY theme_id)
         WHERE article_id = item;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_entry_version() RETURNS trigger
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
           setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, NEW.search_document), 'C'),
           ARRAY(SELECT (theme->>'id')::bigint
                   FROM jsonb_array_elements(coalesce(NEW.content->'themes', '[]'::jsonb))
                        AS theme
                  ORDER BY 1)
      FROM dossiers_dossier AS dossier WHERE dossier.id = NEW.dossier_id;
    RETURN NULL;
END
$$;
"""
    + """
DROP FUNCTION search_with_names(tsvector, bigint[], bigint[]);
DROP FUNCTION search_names(bigint[], bigint[]);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_image_size"),
        ("authors", "0003_author_is_organisation"),
        ("dossiers", "0020_review_digest_outbox_state_removed"),
        ("search", "0007_entry_exactly_one_item"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="author_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), db_default=[], default=list
            ),
        ),
        migrations.AddField(
            model_name="entry",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                db_default="", default=""
            ),
        ),
        migrations.RunSQL(
            NAMES_SQL + ARTICLE_SQL + LINKS_SQL + VERSION_SQL + RENAME_SQL
            + BACKFILL_SQL,
            reverse_sql=REVERSE_SQL,
        ),
    ]
