"""Versions: their plain text for search (filled by search 0005), and foreign keys
kept by PostgreSQL (ON DELETE), as the search index rows that point at them are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0011_revision_log_removed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='dossierversion',
            name='search_document',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AlterField(
            model_name='dossierversion',
            name='dossier',
            field=models.ForeignKey(on_delete=django.db.models.deletion.DB_CASCADE, related_name='versions', to='dossiers.dossier', verbose_name='dossier'),
        ),
        migrations.AlterField(
            model_name='dossierversion',
            name='editor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.DB_SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
    ]
