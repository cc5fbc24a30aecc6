"""The daily list of reactions awaiting approval, for COMMENTS_MODERATOR_DIGEST.

Run once a day from cron. Sends nothing when no reaction is pending. The
mails go through the outbox like every other: one that fails now is retried
by ``send_notifications``, and the exit status is 1.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from comments.notifications import queue_moderator_digest
from outbox.mail import deliver


class Command(BaseCommand):
    help = "Mailt moderatoren een overzicht van reacties die op goedkeuring wachten."

    def handle(self, *args, **options):
        with transaction.atomic():
            rows = queue_moderator_digest()
        counts = deliver(ids=[row.pk for row in rows])
        if options["verbosity"] > 0:
            self.stdout.write(f"{len(rows)} overzichten verstuurd.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} e-mails mislukt; zie het log.")
