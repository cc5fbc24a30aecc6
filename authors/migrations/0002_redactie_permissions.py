"""Let the "Redactie" editors add and edit authors and their links.

Deleting an author stays with administrators, as for dossiers and articles."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

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
