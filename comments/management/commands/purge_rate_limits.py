"""Delete hashed client and e-mail addresses past their retention, and end
requests for reply mails that were not confirmed in time.

Safe to run from cron at any time (e.g. daily): one DELETE of rows older
than COMMENTS_HASH_RETENTION_DAYS; running it twice does no harm.
"""

from django.core.management.base import BaseCommand

from comments.spam import purge_rate_limits
from comments.writer import lapse_unconfirmed
from core import personal_data


class Command(BaseCommand):
    help = (
        "Verwijdert gehashte adressen ouder dan de bewaartermijn (veilig vanuit cron)."
    )

    def handle(self, *args, **options):
        removed = purge_rate_limits()
        # Reply mails' requests, and other apps' (follows of dossiers).
        lapsed = lapse_unconfirmed() + personal_data.purge()
        if options["verbosity"] > 0:
            self.stdout.write(f"{removed} gehashte adressen verwijderd.")
            self.stdout.write(f"{lapsed} onbevestigde aanmeldingen vervallen.")
