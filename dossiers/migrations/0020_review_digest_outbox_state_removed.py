"""Whether a review digest was sent is the outbox's to know (see 0019)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0019_review_digest_into_outbox"),
    ]

    operations = [
        migrations.RemoveField(model_name="reviewdigestmail", name="attempts"),
        migrations.RemoveField(model_name="reviewdigestmail", name="last_error"),
        migrations.RemoveField(model_name="reviewdigestmail", name="sent_at"),
    ]
