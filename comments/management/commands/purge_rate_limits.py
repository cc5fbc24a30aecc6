"""Delete hashed client and e-mail addresses past their retention, and end
requests for reply mails that were not confirmed in time.

Safe to run from cron at any time (e.g. daily): one DELETE of rows older
than COMMENTS_HASH_RETENTION_DAYS, and of the outbox's records of mails sent
before then (they hold the recipient's address); running it twice does no
harm.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from comments.services import lapse_unconfirmed
from comments.spam import purge_rate_limits
from core import personal_data
from outbox import retention


class Command(BaseCommand):
    help = (
        "Verwijdert gehashte adressen ouder dan de bewaartermijn (veilig vanuit cron)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.COMMENTS_HASH_RETENTION_DAYS)
        removed = purge_rate_limits(before=cutoff)
        retention.forget_sent_before(cutoff)
        # Reply mails' requests, and other apps' (follows of dossiers).
        lapsed = lapse_unconfirmed() + personal_data.purge()
        if options["verbosity"] > 0:
            self.stdout.write(f"{removed} gehashte adressen verwijderd.")
            self.stdout.write(f"{lapsed} onbevestigde aanmeldingen vervallen.")
