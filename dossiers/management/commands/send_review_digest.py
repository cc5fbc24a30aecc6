"""The weekly review digest (dossiers/review_digest.py). Safe for cron: run it
daily (or hourly); each address gets one digest per ISO week, and a mail that
failed is tried again on the next run. Exit status 1 while mails fail."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dossiers.review_digest import queue_review_digest, send_review_digests


class Command(BaseCommand):
    help = "Mailt de wekelijkse lijst van dossiers die herzien moeten worden."

    def handle(self, *args, **options):
        today = timezone.localdate()
        queued = queue_review_digest(today)
        counts = send_review_digests(today)
        if options["verbosity"] > 0:
            self.stdout.write(
                "{queued} klaargezet, {sent} verstuurd, {failed} mislukt, "
                "{dropped} vervallen.".format(queued=queued, **counts)
            )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} e-mails mislukt; zie het log.")
