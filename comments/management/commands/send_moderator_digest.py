"""The daily list of reactions awaiting approval, for COMMENTS_MODERATOR_DIGEST.

Run once a day from cron. Sends nothing when no reaction is pending.
"""

from django.core.management.base import BaseCommand

from comments.notifications import send_moderator_digest


class Command(BaseCommand):
    help = "Mailt moderatoren een overzicht van reacties die op goedkeuring wachten."

    def handle(self, *args, **options):
        sent = send_moderator_digest()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} overzichten verstuurd.")
