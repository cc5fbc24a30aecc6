"""Editors see the PDFs that could not be made, and delete a row to let the
next reader's request try again at once."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {"versionpdffailure": ("view", "delete")}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "dossiers", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "dossiers", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0022_version_pdf_failure"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
