"""Editors see in the admin what the weekly review digest sent (read only)."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {"reviewdigestmail": ("view",)}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "dossiers", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "dossiers", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0017_review_digest"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
