"""Reaction mails move to the site-wide outbox (outbox.OutgoingMail).

Unsent rows are carried over, so nothing queued is lost; sent ones too, so a
reply is still mailed only once after an approval, withdrawal and approval.
"""

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


KINDS = {"moderator": "comments.moderator", "reply": "comments.reply"}


def carry_over(apps, schema_editor):
    Notification = apps.get_model("comments", "Notification")
    OutgoingMail = apps.get_model("outbox", "OutgoingMail")
    OutgoingMail.objects.bulk_create(
        OutgoingMail(
            kind=KINDS[row.kind],
            object_id=row.comment_id,
            recipient=row.recipient,
            created_at=row.created_at,
            sent_at=row.sent_at,
            attempts=row.attempts,
            last_error=row.last_error,
        )
        for row in Notification.objects.iterator()
    )


def carry_back(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Notification = apps.get_model("comments", "Notification")
    OutgoingMail = apps.get_model("outbox", "OutgoingMail")
    back = {value: key for key, value in KINDS.items()}
    rows = OutgoingMail.objects.filter(kind__in=back)
    existing = set(Comment.objects.values_list("pk", flat=True))
    Notification.objects.bulk_create(
        Notification(
            kind=back[row.kind],
            comment_id=row.object_id,
            recipient=row.recipient,
            created_at=row.created_at,
            sent_at=row.sent_at,
            attempts=row.attempts,
            last_error=row.last_error,
        )
        for row in rows
        if row.object_id in existing
    )
    rows.delete()


# The editors see the mails in the outbox now (outbox 0002).
OLD_PERMISSIONS = {"notification": ("view",)}


def revoke_old_permission(apps, schema_editor):
    revoke_editor_permissions(apps, "comments", OLD_PERMISSIONS)


def grant_old_permission(apps, schema_editor):
    grant_editor_permissions(apps, "comments", OLD_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0008_question_limit"),
        ("outbox", "0002_redactie_permissions"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
        migrations.RunPython(revoke_old_permission, grant_old_permission),
        migrations.RemoveIndex(
            model_name="notification",
            name="notification_unsent_idx",
        ),
        migrations.DeleteModel(
            name="Notification",
        ),
    ]
