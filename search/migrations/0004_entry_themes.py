"""An index row knows its item's themes: ``search_entry.theme_ids``.

Filtering by theme and showing theme names then needs no join or subquery
per result. Kept by AFTER triggers on the two many-to-many tables (Django
adds and removes themes with INSERT and DELETE there); an item starts with
none, as a new item has no themes yet when its row is written.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

ITEMS = [("article", "articles_article_themes"), ("dossier", "dossiers_dossier_themes")]


def themes_trigger(kind, table):
    return f"""
CREATE FUNCTION search_entry_{kind}_themes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item bigint;
BEGIN
    FOREACH item IN ARRAY ARRAY[
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.{kind}_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.{kind}_id END] LOOP
        UPDATE search_entry
           SET theme_ids = ARRAY(SELECT theme_id FROM {table}
                                  WHERE {kind}_id = item ORDER BY theme_id)
         WHERE {kind}_id = item;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_entry_{kind}_themes
    AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION search_entry_{kind}_themes();

UPDATE search_entry
   SET theme_ids = ARRAY(SELECT theme_id FROM {table}
                          WHERE {table}.{kind}_id = search_entry.{kind}_id
                          ORDER BY theme_id)
 WHERE {kind}_id IS NOT NULL;
"""


def drop_themes_trigger(kind, table):
    return f"""
DROP TRIGGER search_entry_{kind}_themes ON {table};
DROP FUNCTION search_entry_{kind}_themes();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_passage"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="theme_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), db_default=[], default=list
            ),
        ),
        migrations.RunSQL(
            "".join(themes_trigger(kind, table) for kind, table in ITEMS),
            reverse_sql="".join(drop_themes_trigger(kind, table) for kind, table in ITEMS),
        ),
    ]
