"""The weekly review digest (dossiers/review_digest.py). Safe for cron: run it
daily (or hourly, on several servers); each address gets one digest per ISO
week. The mails go through the outbox: queued and sent right away, a mail
that failed is retried by ``send_notifications`` and by the next run of this
command. Exit status 1 while this week's digests fail."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dossiers.review_digest import digest_mails, queue_review_digest
from outbox.mail import MAX_ATTEMPTS, deliver


class Command(BaseCommand):
    help = "Mailt de wekelijkse lijst van dossiers die herzien moeten worden."

    def handle(self, *args, **options):
        queued = queue_review_digest(timezone.localdate())
        # With OUTBOX_SEND_ON_COMMIT the new ones left when the queue
        # committed; this sends what is still waiting (also earlier failures).
        # Counted from the rows afterwards, whichever sender sent them.
        waiting = digest_mails().unsent().filter(attempts__lt=MAX_ATTEMPTS)
        ids = [row.pk for row in queued] + list(waiting.values_list("pk", flat=True))
        deliver(ids=ids)
        counts = digest_mails().filter(pk__in=ids).outcomes()
        if options["verbosity"] > 0:
            self.stdout.write(
                "{queued} klaargezet, {sent} verstuurd, {failed} mislukt, "
                "{dropped} vervallen.".format(queued=len(queued), **counts)
            )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} e-mails mislukt; zie het log.")
