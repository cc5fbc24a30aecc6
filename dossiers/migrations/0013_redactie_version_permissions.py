"""Editors see the versions of a dossier in the admin (read only: versions
are written by publishing, never edited); the revision log, gone since
0011, leaves the group's permissions."""

from django.db import migrations

from core.editors import (
    EDITORS_GROUP,
    grant_editor_permissions,
    revoke_editor_permissions,
)

PERMISSIONS = {"dossierversion": ("view",)}
REVISION_LOG = {"dossierrevision": ("view", "add", "change", "delete")}


def _revision_log_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{a}_{m}" for m, actions in REVISION_LOG.items() for a in actions]
    return Permission.objects.filter(
        content_type__app_label="dossiers", codename__in=codenames
    )


def grant(apps, schema_editor):
    grant_editor_permissions(apps, "dossiers", PERMISSIONS)
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITORS_GROUP):
        group.permissions.remove(*_revision_log_permissions(apps))


def revoke(apps, schema_editor):
    revoke_editor_permissions(apps, "dossiers", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0012_version_search_text"),
        ("core", "0001_redactie_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
