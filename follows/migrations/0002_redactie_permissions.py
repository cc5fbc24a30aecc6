"""Let the "Redactie" editors see who follows which dossier (the record of
their consent) and which versions were announced."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {"follow": ("view",), "announcement": ("view",)}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "follows", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "follows", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("follows", "0001_initial"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
