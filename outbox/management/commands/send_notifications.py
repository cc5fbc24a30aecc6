"""Send the e-mails waiting in the outbox (every mail the site sends), and
retry the ones that failed.

Safe to run from cron every few minutes, also on several servers at once:
each row is taken with SELECT … FOR UPDATE SKIP LOCKED, so no mail is sent
twice. Exit status 1 when some mails failed (they stay queued).
"""

from django.core.management.base import BaseCommand, CommandError

from outbox.mail import deliver


class Command(BaseCommand):
    help = "Verstuurt wachtende e-mails (veilig vanuit cron)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, **options):
        counts = deliver(limit=options["limit"])
        if options["verbosity"] > 0:
            self.stdout.write(
                "{sent} verstuurd, {failed} mislukt, {dropped} vervallen.".format(
                    **counts
                )
            )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} e-mails mislukt; zie het log.")
