"""The review digest goes through the outbox: digests not yet sent become
outbox rows (kind ``dossiers.review_digest``, about the digest row), with
their attempts and last error, before 0020 drops those columns here."""

from django.db import migrations

KIND = "dossiers.review_digest"
# outbox.mail.MAX_ATTEMPTS when this was written: rows past it were given up.
MAX_ATTEMPTS = 20


def into_outbox(apps, schema_editor):
    Digest = apps.get_model("dossiers", "ReviewDigestMail")
    OutgoingMail = apps.get_model("outbox", "OutgoingMail")
    unsent = Digest.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    OutgoingMail.objects.bulk_create(
        OutgoingMail(
            kind=KIND,
            object_id=row.pk,
            recipient=row.recipient,
            created_at=row.created_at,
            attempts=row.attempts,
            last_error=row.last_error,
        )
        for row in unsent.order_by("pk")
    )


def back_from_outbox(apps, schema_editor):
    """The outbox rows' state back on the digest rows (the columns are back)."""
    Digest = apps.get_model("dossiers", "ReviewDigestMail")
    OutgoingMail = apps.get_model("outbox", "OutgoingMail")
    mails = OutgoingMail.objects.filter(kind=KIND)
    rows = Digest.objects.in_bulk([mail.object_id for mail in mails])
    for mail in mails:
        row = rows.get(mail.object_id)
        if row is not None:
            row.sent_at = mail.sent_at
            row.attempts = mail.attempts
            row.last_error = mail.last_error
    Digest.objects.bulk_update(rows.values(), ["sent_at", "attempts", "last_error"])
    mails.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0018_redactie_review_digest_permission"),
        ("outbox", "0002_redactie_permissions"),
    ]

    operations = [migrations.RunPython(into_outbox, back_from_outbox)]
