"""How long the outbox keeps what it sent: a sent mail's row holds its
recipient's address, so it goes once past the retention of hashed addresses
(``manage.py purge_rate_limits`` from cron calls this)."""

from .models import OutgoingMail


def forget_sent_before(cutoff) -> int:
    """Delete the records of mails sent before ``cutoff``; how many went."""
    deleted, _rows = OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
