"""Authors as records: the contact text field becomes credits (same name, one
author; see authors/carry_over.py)."""

import django.db.models.deletion
from django.db import migrations, models

from authors.carry_over import carry_back, carry_over
from core.editors import grant_editor_permissions, revoke_editor_permissions

# Editors credit people on an item as part of editing it.
PERMISSIONS = {"dossierauthor": ("view", "add", "change", "delete"), "dossiercontact": ("view", "add", "change", "delete")}


def carry_over_dossierauthor(apps, schema_editor):
    carry_over(
        apps.get_model("authors", "Author"),
        apps.get_model("dossiers", "Dossier"),
        apps.get_model("dossiers", "DossierAuthor"),
        text_field="contact",
        item_field="dossier",
    )


def carry_back_dossierauthor(apps, schema_editor):
    carry_back(
        apps.get_model("dossiers", "Dossier"),
        apps.get_model("dossiers", "DossierAuthor"),
        text_field="contact",
        item_field="dossier",
    )


def carry_over_dossiercontact(apps, schema_editor):
    carry_over(
        apps.get_model("authors", "Author"),
        apps.get_model("dossiers", "Dossier"),
        apps.get_model("dossiers", "DossierContact"),
        text_field="contact",
        item_field="dossier",
    )


def carry_back_dossiercontact(apps, schema_editor):
    carry_back(
        apps.get_model("dossiers", "Dossier"),
        apps.get_model("dossiers", "DossierContact"),
        text_field="contact",
        item_field="dossier",
    )


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "dossiers", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "dossiers", PERMISSIONS)


class Migration(migrations.Migration):

    dependencies = [
        ('authors', '0001_initial'),
        ('core', '0001_redactie_group'),
        ('dossiers', '0007_title_trigram_gist'),
    ]

    operations = [
        migrations.CreateModel(
            name='DossierAuthor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossier_credits', to='authors.author', verbose_name='author')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='author_credits', to='dossiers.dossier', verbose_name='dossier')),
            ],
            options={
                'verbose_name': 'author',
                'verbose_name_plural': 'authors',
                'ordering': ['position', 'id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='dossier',
            name='authors',
            field=models.ManyToManyField(blank=True, related_name='dossiers', through='dossiers.DossierAuthor', to='authors.author', verbose_name='authors'),
        ),
        migrations.CreateModel(
            name='DossierContact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossier_contact_credits', to='authors.author', verbose_name='contact person')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_credits', to='dossiers.dossier', verbose_name='dossier')),
            ],
            options={
                'verbose_name': 'contact person',
                'verbose_name_plural': 'contact persons',
                'ordering': ['position', 'id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='dossier',
            name='contacts',
            field=models.ManyToManyField(blank=True, related_name='contact_for_dossiers', through='dossiers.DossierContact', to='authors.author', verbose_name='contact persons'),
        ),
        migrations.AddConstraint(
            model_name='dossierauthor',
            constraint=models.UniqueConstraint(fields=('dossier', 'author'), name='dossier_author_once'),
        ),
        migrations.AddConstraint(
            model_name='dossiercontact',
            constraint=models.UniqueConstraint(fields=('dossier', 'author'), name='dossier_contact_once'),
        ),
        migrations.RunPython(carry_over_dossierauthor, carry_back_dossierauthor),
        migrations.RunPython(carry_over_dossiercontact, carry_back_dossiercontact),
        migrations.RemoveField(
            model_name='dossier',
            name='contact',
        ),
        migrations.RunPython(grant, revoke),
    ]
