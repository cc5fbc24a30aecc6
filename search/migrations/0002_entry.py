"""The search index table and the triggers that keep it current.

See ``search/models.py`` for why the vectors have a table of their own.
Articles: ``search_entry_article`` (AFTER INSERT OR UPDATE) writes the row;
a save that leaves the text alone only copies the publication state.
Dossiers: ``dossiers_dossier_search_refresh`` (dossiers 0003, BEFORE) still
gathers ``search_document`` from the dossier and its parts, and now only
that; ``search_entry_dossier`` (AFTER) turns it into the vector. Weights:
title A, lead or summary B, everything else C.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

ARTICLE_VECTOR = """
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.lead, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.body, '')), 'C')
"""
DOSSIER_VECTOR = """
    setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.title, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce({row}.summary, '')), 'B')
    || setweight(to_tsvector('dutch_unaccent'::regconfig, {row}.search_document), 'C')
"""

def entry_trigger(kind, table, text_columns, vector):
    """The AFTER trigger that writes the index row of one ``kind`` of item."""
    new = ", ".join(f"NEW.{column}" for column in text_columns)
    old = ", ".join(f"OLD.{column}" for column in text_columns)
    return f"""
CREATE FUNCTION search_entry_{kind}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ({new}) IS NOT DISTINCT FROM ({old}) THEN
        IF (NEW.status, NEW.published_at)
                IS DISTINCT FROM (OLD.status, OLD.published_at) THEN
            UPDATE search_entry SET status = NEW.status, published_at = NEW.published_at
             WHERE {kind}_id = NEW.id;
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO search_entry ({kind}_id, status, published_at, vector)
    VALUES (NEW.id, NEW.status, NEW.published_at, {vector.format(row="NEW")})
    ON CONFLICT ({kind}_id) DO UPDATE
       SET status = EXCLUDED.status, published_at = EXCLUDED.published_at,
           vector = EXCLUDED.vector;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_entry_{kind}
    AFTER INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION search_entry_{kind}();
"""



def dossier_text_trigger(also=""):
    """dossiers 0003's BEFORE trigger: gather the dossier's text (``also``:
    more statements after that, such as building a vector)."""
    return f"""
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
        (SELECT string_agg(concat_ws(' ', authors, title, source), ' ' ORDER BY position, id)
           FROM dossiers_reference WHERE dossier_id = NEW.id))
      INTO parts;
    -- Tags out, so snippets show text; entities are decoded by the view.
    NEW.search_document := btrim(regexp_replace(
        concat_ws(' ', sections, parts), '<[^>]*>', ' ', 'g'));
    {also}
    RETURN NEW;
END
$$;
"""


def part_touch_trigger(assignment):
    """A changed element, example or reference: ``SET assignment`` on its
    dossier, which runs the dossier's own trigger again."""
    return f"""
CREATE OR REPLACE FUNCTION dossiers_part_touch_dossier() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE dossiers_dossier SET {assignment} WHERE id = OLD.dossier_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.dossier_id <> OLD.dossier_id) THEN
        UPDATE dossiers_dossier SET {assignment} WHERE id = NEW.dossier_id;
    END IF;
    RETURN NULL;
END
$$;
"""


TRIGGERS_SQL = (
    entry_trigger(
        "article", "articles_article", ["title", "lead", "body"], ARTICLE_VECTOR
    )
    + entry_trigger(
        "dossier",
        "dossiers_dossier",
        ["title", "summary", "search_document"],
        DOSSIER_VECTOR,
    )
    # The dossier's own trigger keeps gathering its text, and no longer
    # builds a vector on the dossier row.
    + dossier_text_trigger()
    + part_touch_trigger("search_document = ''")
    + f"""
INSERT INTO search_entry (article_id, status, published_at, vector)
SELECT id, status, published_at, {ARTICLE_VECTOR.format(row="articles_article")}
  FROM articles_article;
INSERT INTO search_entry (dossier_id, status, published_at, vector)
SELECT id, status, published_at, {DOSSIER_VECTOR.format(row="dossiers_dossier")}
  FROM dossiers_dossier;
"""
)

# Back to dossiers 0003: the vector on the dossier row (which dossiers 0006,
# reversed first, has added again).
REVERSE_SQL = (
    """
DROP TRIGGER search_entry_dossier ON dossiers_dossier;
DROP FUNCTION search_entry_dossier();
DROP TRIGGER search_entry_article ON articles_article;
DROP FUNCTION search_entry_article();
"""
    + dossier_text_trigger(
        "NEW.search_vector := " + DOSSIER_VECTOR.format(row="NEW").strip() + ";"
    )
    + part_touch_trigger("search_vector = NULL")
    + "UPDATE dossiers_dossier SET search_vector = NULL;"
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_updated_at_index"),
        ("dossiers", "0005_updated_at_index"),
        ("search", "0001_dutch_unaccent"),
    ]

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        max_length=20,
                    ),
                ),
                ("published_at", models.DateTimeField(null=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
                (
                    "article",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.DB_CASCADE,
                        related_name="search_entry",
                        to="articles.article",
                    ),
                ),
                (
                    "dossier",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.DB_CASCADE,
                        related_name="search_entry",
                        to="dossiers.dossier",
                    ),
                ),
            ],
            options={
                "db_table": "search_entry",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["vector"], name="search_entry_vector_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("article__isnull", False),
                            ("dossier__isnull", False),
                            _connector="XOR",
                        ),
                        name="search_entry_one_item",
                    )
                ],
            },
        ),
        migrations.RunSQL(TRIGGERS_SQL, reverse_sql=REVERSE_SQL),
    ]
