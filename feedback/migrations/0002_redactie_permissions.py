"""Let the "Redactie" editors read the feedback on their dossiers."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {
    "usefulness": ("view",),
    "studysuggestion": ("view",),
    "linkcheck": ("view",),
}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "feedback", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "feedback", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
