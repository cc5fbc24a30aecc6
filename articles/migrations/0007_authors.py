"""Authors as records: the author text field becomes credits (same name, one
author; see authors/carry_over.py)."""

import django.db.models.deletion
from django.db import migrations, models

from authors.carry_over import carry_back, carry_over
from core.editors import grant_editor_permissions, revoke_editor_permissions

# Editors credit people on an item as part of editing it.
PERMISSIONS = {"articleauthor": ("view", "add", "change", "delete")}


def carry_over_articleauthor(apps, schema_editor):
    carry_over(
        apps.get_model("authors", "Author"),
        apps.get_model("articles", "Article"),
        apps.get_model("articles", "ArticleAuthor"),
        text_field="author",
        item_field="article",
    )


def carry_back_articleauthor(apps, schema_editor):
    carry_back(
        apps.get_model("articles", "Article"),
        apps.get_model("articles", "ArticleAuthor"),
        text_field="author",
        item_field="article",
    )


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "articles", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "articles", PERMISSIONS)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_title_trigram_gist'),
        ('authors', '0001_initial'),
        ('core', '0001_redactie_group'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleAuthor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='author_credits', to='articles.article', verbose_name='article')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='article_credits', to='authors.author', verbose_name='author')),
            ],
            options={
                'verbose_name': 'author',
                'verbose_name_plural': 'authors',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='authors',
            field=models.ManyToManyField(blank=True, related_name='articles', through='articles.ArticleAuthor', to='authors.author', verbose_name='authors'),
        ),
        migrations.AddConstraint(
            model_name='articleauthor',
            constraint=models.UniqueConstraint(fields=('article', 'author'), name='article_author_once'),
        ),
        migrations.RunPython(carry_over_articleauthor, carry_back_articleauthor),
        migrations.RemoveField(
            model_name='article',
            name='author',
        ),
        migrations.RunPython(grant, revoke),
    ]
