"""Authors as records: the contact text field becomes credits (same name, one
author; frozen below from authors/carry_over.py)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


# Frozen from authors/carry_over.py and authors.services.unique_slug as they
# were when this migration was written (a migration keeps the code it runs):
# same name (after collapsing white space), one author record; a field is not
# split on "en" or commas ("Jansen, P." is one person).
def _unique_slug(name, taken):
    base = slugify(name)[:190] or "auteur"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def _author_for_name(Author, name):
    name = " ".join(name.split())
    author = Author.objects.filter(name=name).order_by("pk").first()
    if author is None:
        slug = _unique_slug(name, lambda s: Author.objects.filter(slug=s).exists())
        author = Author.objects.create(name=name, slug=slug)
    return author


def carry_over(Author, Item, Credit, *, text_field, item_field):
    """One credit (position 0) per item whose ``text_field`` names someone."""
    items = Item.objects.exclude(**{text_field: ""}).only("pk", text_field)
    for item in items.iterator():
        name = getattr(item, text_field).strip()
        if name:
            Credit.objects.get_or_create(
                **{item_field: item}, author=_author_for_name(Author, name)
            )


def carry_back(Item, Credit, *, text_field, item_field):
    """Reverse: the credited names, comma-separated, back into the text field."""
    names = {}
    credits = Credit.objects.select_related("author").order_by("position", "id")
    for credit in credits:
        names.setdefault(getattr(credit, f"{item_field}_id"), []).append(
            credit.author.name
        )
    for pk, item_names in names.items():
        value = ", ".join(item_names)[:200]
        Item.objects.filter(pk=pk).update(**{text_field: value})


# Frozen from core/editors.py as it was when this migration was written: a
# migration keeps the code it runs instead of importing the live app, which
# may change or go (Django docs, "Data migrations").
EDITORS_GROUP = "Redactie"


def _permissions(apps, app_label, codenames):
    # Permissions are normally created after *all* migrations ran
    # (post_migrate); on a fresh database they do not exist yet.
    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    codenames = list(codenames)
    permissions = list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    return permissions


def _codenames(models):
    return [f"{action}_{model}" for model, actions in models.items() for action in actions]


def grant_editor_permissions(apps, app_label, models):
    """Give the Redactie group these permissions: ``{"model": ("view", ...)}``."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(*_permissions(apps, app_label, _codenames(models)))


def revoke_editor_permissions(apps, app_label, models):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, _codenames(models)))


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
