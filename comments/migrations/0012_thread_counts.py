"""Thread counts kept by PostgreSQL (comments.models.ThreadCounts).

Every page of an item's thread needs its counts first (the cache version, the
count readers see, the number of pages). Counting them per render read all
of the item's reactions: 3-4 ms at 5,000, on every render. Triggers keep one
row per item instead, refreshed after each statement that inserts, updates or
deletes reactions (the ORM, the admin's bulk actions, the Drupal importer's
COPY alike): for each item the statement touched, it takes a transaction
lock for that item (so a concurrent writer's reaction is never missed: the
count runs after the other transaction committed), counts that item's
reactions once, and writes the row (or removes it when none are left).
"""

import django.db.models.deletion
from django.db import migrations, models


REFRESH = """
CREATE FUNCTION comments_refresh_thread_counts(item_column text, item_id bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    counts record;
BEGIN
    -- One writer per item at a time; the count below then sees the rows of
    -- a transaction that held the lock before us (READ COMMITTED: each
    -- statement takes a new snapshot).
    PERFORM pg_advisory_xact_lock(
        ('x' || left(md5('comments.thread:' || item_column || ':' || item_id), 16))
        ::bit(64)::bigint
    );
    EXECUTE format(
        'SELECT count(*) AS total, max(updated_at) AS changed, '
        'count(*) FILTER (WHERE status = %L) AS approved, '
        'count(DISTINCT path[1]) FILTER (WHERE status = %L) AS roots '
        'FROM comments_comment WHERE %I = $1',
        'approved', 'approved', item_column
    ) INTO counts USING item_id;
    IF counts.total = 0 THEN
        EXECUTE format('DELETE FROM comments_threadcounts WHERE %I = $1', item_column)
            USING item_id;
        RETURN;
    END IF;
    EXECUTE format(
        'INSERT INTO comments_threadcounts (%I, total, changed, approved, roots) '
        'VALUES ($1, $2, $3, $4, $5) ON CONFLICT (%I) DO UPDATE SET '
        'total = EXCLUDED.total, changed = EXCLUDED.changed, '
        'approved = EXCLUDED.approved, roots = EXCLUDED.roots',
        item_column, item_column
    ) USING item_id, counts.total, counts.changed, counts.approved, counts.roots;
END $$;
"""

AFTER_STATEMENT = """
CREATE FUNCTION comments_thread_counts_{event}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    item record;
BEGIN
    -- The items this statement touched, in one order (no deadlocks between
    -- two statements that touch the same items).
    FOR item IN
        SELECT DISTINCT article_id, dossier_id FROM ({touched}) touched
        ORDER BY article_id NULLS LAST, dossier_id NULLS LAST
    LOOP
        IF item.article_id IS NOT NULL THEN
            PERFORM comments_refresh_thread_counts('article_id', item.article_id);
        END IF;
        IF item.dossier_id IS NOT NULL THEN
            PERFORM comments_refresh_thread_counts('dossier_id', item.dossier_id);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER comments_thread_counts_{event} AFTER {when} ON comments_comment
    REFERENCING {tables}
    FOR EACH STATEMENT EXECUTE FUNCTION comments_thread_counts_{event}();
"""

# A transition table exists only for the events that have it (no old rows
# after an INSERT), so each event has its own trigger and function.
NEW_ROWS = "SELECT article_id, dossier_id FROM new_rows"
OLD_ROWS = "SELECT article_id, dossier_id FROM old_rows"
FUNCTIONS = REFRESH + "".join(
    AFTER_STATEMENT.format(event=event, when=when, tables=tables, touched=touched)
    for event, when, tables, touched in [
        ("ins", "INSERT", "NEW TABLE AS new_rows", NEW_ROWS),
        (
            "upd",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            f"{NEW_ROWS} UNION ALL {OLD_ROWS}",
        ),
        ("del", "DELETE", "OLD TABLE AS old_rows", OLD_ROWS),
    ]
)

DROP = """
DROP TRIGGER IF EXISTS comments_thread_counts_ins ON comments_comment;
DROP TRIGGER IF EXISTS comments_thread_counts_upd ON comments_comment;
DROP TRIGGER IF EXISTS comments_thread_counts_del ON comments_comment;
DROP FUNCTION IF EXISTS comments_thread_counts_ins();
DROP FUNCTION IF EXISTS comments_thread_counts_upd();
DROP FUNCTION IF EXISTS comments_thread_counts_del();
DROP FUNCTION IF EXISTS comments_refresh_thread_counts(text, bigint);
"""

# The reactions there are now.
BACKFILL = """
INSERT INTO comments_threadcounts
    (article_id, dossier_id, total, changed, approved, roots)
SELECT article_id, dossier_id, count(*), max(updated_at),
       count(*) FILTER (WHERE status = 'approved'),
       count(DISTINCT path[1]) FILTER (WHERE status = 'approved')
FROM comments_comment GROUP BY article_id, dossier_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_image_size"),
        ("comments", "0011_moderators_hand"),
        ("dossiers", "0018_redactie_review_digest_permission"),
    ]

    operations = [
        migrations.CreateModel(
            name="ThreadCounts",
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
                ("total", models.PositiveIntegerField()),
                ("changed", models.DateTimeField(null=True)),
                ("approved", models.PositiveIntegerField()),
                ("roots", models.PositiveIntegerField()),
                (
                    "article",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.DB_CASCADE,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "dossier",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.DB_CASCADE,
                        related_name="+",
                        to="dossiers.dossier",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("article__isnull", False), ("dossier__isnull", True)
                            ),
                            models.Q(
                                ("article__isnull", True), ("dossier__isnull", False)
                            ),
                            _connector="OR",
                        ),
                        name="threadcounts_exactly_one_target",
                    )
                ],
            },
        ),
        migrations.RunSQL(FUNCTIONS, reverse_sql=DROP),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
