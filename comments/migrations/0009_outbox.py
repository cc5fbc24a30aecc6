"""Reaction mails move to the site-wide outbox (outbox.OutgoingMail).

Unsent rows are carried over, so nothing queued is lost; sent ones too, so a
reply is still mailed only once after an approval, withdrawal and approval.
"""

from django.db import migrations

from core.editors import grant_editor_permissions, revoke_editor_permissions

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
