"""Create the "Redactie" group with what editors need for dossiers and articles.

Editors write, edit, schedule and unpublish (status back to draft) dossiers
and articles and maintain themes. Deleting a whole dossier, article or theme
stays with administrators: it breaks links and reactions, and unpublishing
does what an editor needs. Rows inside a dossier (elements, examples,
references, revision lines) can be deleted: that is part of editing it.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


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


EDIT = ("view", "add", "change")
EDIT_ROWS = ("view", "add", "change", "delete")

PERMISSIONS = {
    "dossiers": {
        "theme": EDIT,
        "dossier": EDIT,
        "effectiveelement": EDIT_ROWS,
        "goodexample": EDIT_ROWS,
        "reference": EDIT_ROWS,
        "dossierrevision": EDIT_ROWS,
    },
    "articles": {"article": EDIT},
}


def grant(apps, schema_editor):
    for app_label, models in PERMISSIONS.items():
        grant_editor_permissions(apps, app_label, models)


def revoke(apps, schema_editor):
    for app_label, models in PERMISSIONS.items():
        revoke_editor_permissions(apps, app_label, models)
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=EDITORS_GROUP, permissions__isnull=True).delete()


class Migration(migrations.Migration):
    # This migration was movisie_site's before the base moved to core/. A
    # database that ran it there has it recorded as applied under that name;
    # ``replaces`` makes Django count it as done instead of running it again.
    replaces = [("movisie_site", "0001_redactie_group")]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dossiers", "0002_sections_examples_references"),
        ("articles", "0002_image_with_alt_text"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
