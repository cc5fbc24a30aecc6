"""Let the "Redactie" editors manage the blocklist and the privacy page, and
see the e-mail outbox."""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

PERMISSIONS = {
    "blocklistentry": ("view", "add", "change", "delete"),
    "privacystatement": ("view", "add", "change"),
    "notification": ("view",),
}


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "comments", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "comments", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_spam_notifications_privacy"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
