"""Let the "Redactie" editors see the outbox, as they saw the reaction mails
(comments.Notification) before."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {"outgoingmail": ("view",)}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "outbox", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "outbox", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
