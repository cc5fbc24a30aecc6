"""Published versions of dossiers; the hand-typed revision log becomes versions.

Each published (or scheduled) dossier gets version 1 at its publication
moment and one version per log entry after it, at the start of the entry's
day (or at ``last_revised_at`` when that fell on the same day). Only the
newest holds the text: the dossier as it is now, with the authors and
contact persons credited now (so this runs after 0008, which made the
contact text field credits). The log never recorded the text of earlier
states, so their pages say only the date and the note were kept. The same
rule lives in ``services.carry_over_revision_log`` (demo, imports).

A trigger keeps a version unchanged once its moment has passed.
"""

import datetime as dt

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


IMMUTABLE_SQL = """
CREATE FUNCTION dossiers_version_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at <= now() AND
       (NEW.dossier_id, NEW.number, NEW.published_at, NEW.note, NEW.title,
        NEW.summary, NEW.content)
       IS DISTINCT FROM
       (OLD.dossier_id, OLD.number, OLD.published_at, OLD.note, OLD.title,
        OLD.summary, OLD.content) THEN
        RAISE EXCEPTION 'dossier version % is published and cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER dossiers_version_immutable
    BEFORE UPDATE ON dossiers_dossierversion
    FOR EACH ROW EXECUTE FUNCTION dossiers_version_immutable();
"""
DROP_IMMUTABLE_SQL = """
DROP TRIGGER dossiers_version_immutable ON dossiers_dossierversion;
DROP FUNCTION dossiers_version_immutable();
"""

TEXT_FIELDS = (
    "title",
    "summary",
    "definition",
    "facts_and_figures",
    "policy",
    "trends",
    "current_debates",
    "effective_elements_intro",
    "promising_approaches",
)
PARTS = {
    "effective_elements": ("position", "title", "explanation", "presumed"),
    "good_examples": ("position", "name", "description", "organisation", "url"),
    "references": ("position", "authors", "year", "title", "source", "url", "doi"),
}
# Snapshot key -> the credit table's related name on the dossier.
CREDITS = {"authors": "author_credits", "contacts": "contact_credits"}
AUTHOR_FIELDS = ("id", "name", "slug")


def _snapshot(dossier):
    """As dossiers.versions.snapshot (format 1), on the historical models."""
    content = {"format": 1}
    content.update({field: getattr(dossier, field) for field in TEXT_FIELDS})
    content["themes"] = list(
        dossier.themes.order_by("name").values("id", "name", "slug")
    )
    for name, fields in PARTS.items():
        content[name] = list(
            getattr(dossier, name).order_by("position", "id").values(*fields)
        )
    for key, name in CREDITS.items():
        content[key] = [
            dict(zip(AUTHOR_FIELDS, row, strict=True))
            for row in getattr(dossier, name)
            .order_by("position", "id")
            .values_list(*(f"author__{field}" for field in AUTHOR_FIELDS))
        ]
    return content


def carry_over(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierVersion = apps.get_model("dossiers", "DossierVersion")
    published = Dossier.objects.filter(status="published", published_at__isnull=False)
    for dossier in published.prefetch_related("revisions"):
        moments = [(dossier.published_at, "")]
        revised = dossier.last_revised_at
        entries = sorted(
            dossier.revisions.all(), key=lambda entry: (entry.revised_on, entry.pk)
        )
        for entry in entries:
            if revised and timezone.localdate(revised) == entry.revised_on:
                start = revised
            else:
                start = timezone.make_aware(
                    dt.datetime.combine(entry.revised_on, dt.time())
                )
            moments.append((max(start, moments[-1][0]), entry.note[:300]))
        versions = [
            DossierVersion(
                dossier=dossier,
                number=number,
                published_at=moment,
                note=note,
                title=dossier.title,
                summary=dossier.summary,
            )
            for number, (moment, note) in enumerate(moments, start=1)
        ]
        versions[-1].content = _snapshot(dossier)
        DossierVersion.objects.bulk_create(versions)


def back_to_log(apps, schema_editor):
    """Versions after the first become log entries again."""
    DossierVersion = apps.get_model("dossiers", "DossierVersion")
    DossierRevision = apps.get_model("dossiers", "DossierRevision")
    DossierRevision.objects.bulk_create(
        DossierRevision(
            dossier_id=version.dossier_id,
            revised_on=timezone.localdate(version.published_at),
            note=version.note or "-",
        )
        for version in DossierVersion.objects.filter(number__gt=1)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0009_review_dates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DossierVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='version')),
                ('published_at', models.DateTimeField(verbose_name='published at')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='what changed')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('content', models.JSONField(blank=True, editable=False, null=True, verbose_name='content')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
            ],
            options={
                'verbose_name': 'version',
                'verbose_name_plural': 'versions',
                'ordering': ['-number'],
            },
        ),
        migrations.AddField(
            model_name='dossierversion',
            name='dossier',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='dossiers.dossier', verbose_name='dossier'),
        ),
        migrations.AddField(
            model_name='dossierversion',
            name='editor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
        migrations.AddIndex(
            model_name='dossierversion',
            index=models.Index(fields=['dossier', '-published_at'], name='dossier_version_pub_idx'),
        ),
        migrations.AddIndex(
            model_name='dossierversion',
            index=models.Index(fields=['-published_at'], name='dossier_version_feed_idx'),
        ),
        migrations.AddConstraint(
            model_name='dossierversion',
            constraint=models.UniqueConstraint(fields=('dossier', 'number'), name='dossier_version_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='dossierversion',
            constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='dossier_version_number_gte_1'),
        ),
        migrations.RunSQL(IMMUTABLE_SQL, reverse_sql=DROP_IMMUTABLE_SQL),
        migrations.RunPython(carry_over, back_to_log),
    ]
