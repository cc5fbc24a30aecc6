"""Let the "Redactie" editors add and edit authors and their links.

Deleting an author stays with administrators, as for dossiers and articles."""

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


PERMISSIONS = {
    "author": ("view", "add", "change"),
    "authorlink": ("view", "add", "change", "delete"),
}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "authors", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "authors", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
