"""References get structured fields: the kind of work, the journal or book it
is in, volume, issue, pages, publisher and edition, so the literature list
and the downloads come from one set of data (dossiers/citations.py).

Each reference's old one-line ``source`` is read into the fields with
``structured_source``, frozen below from dossiers/citations.py ("Journal, 8(3), 207-217" is a journal
article; anything else names a book's publisher), the rule snapshots of
older versions are read with too (dossiers/versions.py). The line itself
goes in 0015.
"""

import re

from django.db import migrations, models

# Frozen from dossiers/citations.py as it was when this migration was written
# (a migration keeps the code it runs). "Public Management Review, 17(9),
# 1333-1357": a journal, volume, issue, pages (or an article number:
# "PLoS Medicine, 7(7), e1000316").
JOURNAL_SOURCE_RE = re.compile(
    r"(?P<container_title>.+?),\s*(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?"
    r"(?:,\s*(?P<pages>[a-z]?\d+(?:\s*[-\N{EN DASH}]\s*\d+)?))?"
)


def structured_source(source):
    """"Journal, 8(3), 207-217" is a journal article; anything else names the
    publisher of a book."""
    source = " ".join(source.split()).rstrip(".")
    if not source:
        return {}
    match = JOURNAL_SOURCE_RE.fullmatch(source)
    if match:
        fields = {k: v for k, v in match.groupdict().items() if v}
        return {"kind": "article-journal", **fields}
    return {"kind": "book", "publisher": source}


FIELDS = ("kind", "container_title", "volume", "issue", "pages", "publisher")


def structure(apps, schema_editor):
    Reference = apps.get_model("dossiers", "Reference")
    changed = []
    for reference in Reference.objects.exclude(source="").iterator():
        for field, value in structured_source(reference.source).items():
            setattr(reference, field, value[: Reference._meta.get_field(field).max_length])
        changed.append(reference)
    Reference.objects.bulk_update(changed, FIELDS, batch_size=500)


def unstructure(apps, schema_editor):
    """Back to one line: "Journal, 8(3), 207-217" or the publisher."""
    Reference = apps.get_model("dossiers", "Reference")
    changed = []
    for reference in Reference.objects.all().iterator():
        journal = reference.container_title
        if reference.volume:
            journal += f", {reference.volume}"
            if reference.issue:
                journal += f"({reference.issue})"
        if reference.pages:
            journal += f", {reference.pages}"
        reference.source = (journal or reference.publisher)[:300]
        changed.append(reference)
    Reference.objects.bulk_update(changed, ["source"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0013_redactie_version_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='reference',
            name='kind',
            field=models.CharField(choices=[('article-journal', 'journal article'), ('book', 'book'), ('chapter', 'chapter in a book'), ('report', 'report'), ('webpage', 'web page')], default='report', max_length=20, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='reference',
            name='container_title',
            field=models.CharField(blank=True, help_text='The journal of an article, the book of a chapter.', max_length=300, verbose_name='journal, book or website'),
        ),
        migrations.AddField(
            model_name='reference',
            name='volume',
            field=models.CharField(blank=True, max_length=20, verbose_name='volume'),
        ),
        migrations.AddField(
            model_name='reference',
            name='issue',
            field=models.CharField(blank=True, max_length=20, verbose_name='issue'),
        ),
        migrations.AddField(
            model_name='reference',
            name='pages',
            field=models.CharField(blank=True, help_text='For example 145-162', max_length=30, verbose_name='pages'),
        ),
        migrations.AddField(
            model_name='reference',
            name='publisher',
            field=models.CharField(blank=True, max_length=300, verbose_name='publisher'),
        ),
        migrations.AddField(
            model_name='reference',
            name='edition',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Only from the 2nd edition.', null=True, verbose_name='edition'),
        ),
        migrations.RunPython(structure, unstructure),
    ]
