"""Editors see the versions of a dossier in the admin (read only: versions
are written by publishing, never edited). The revision log's permissions
went with its model in 0009."""

from django.db import migrations

from movisie_site.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {"dossierversion": ("view",)}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "dossiers", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "dossiers", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0010_version_search_text"),
        ("movisie_site", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
