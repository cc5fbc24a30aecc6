"""Stored reaction HTML (comments/rendering.py) and the index for thread pages.

The trigger keeps stored HTML from ever being shown stale: an UPDATE that
changes what a reaction shows (name, text, date, badge) without writing new
HTML empties ``html_key``, and the thread then renders that row on the fly.

Existing reactions keep an empty ``html`` here: they are rendered on the fly
until ``manage.py render_reactions`` stores them (it once called the live
``comments.rendering`` from here; a migration must not depend on code that
changes after it).
"""

from django.db import migrations, models

STALE_TRIGGER = """
CREATE FUNCTION comments_comment_html_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.text, NEW.created_at, NEW.is_staff_reply, NEW.is_author_reply)
           IS DISTINCT FROM
       (OLD.name, OLD.text, OLD.created_at, OLD.is_staff_reply, OLD.is_author_reply)
       AND NEW.html IS NOT DISTINCT FROM OLD.html THEN
        NEW.html_key := '';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_comment_html_stale
    BEFORE UPDATE ON comments_comment
    FOR EACH ROW EXECUTE FUNCTION comments_comment_html_stale();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS comments_comment_html_stale ON comments_comment;
DROP FUNCTION IF EXISTS comments_comment_html_stale();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0006_author_reply"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="comment",
            name="html_key",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=16
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.F("article"),
                models.F("path__0"),
                condition=models.Q(("article__isnull", False), ("status", "approved")),
                name="comment_article_roots_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.F("dossier"),
                models.F("path__0"),
                condition=models.Q(("dossier__isnull", False), ("status", "approved")),
                name="comment_dossier_roots_idx",
            ),
        ),
        migrations.RunSQL(STALE_TRIGGER, DROP_TRIGGER),
    ]
