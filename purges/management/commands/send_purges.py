"""Send the purges waiting for the caching proxy, and retry failed ones.

Safe to run from cron every minute, also on several servers at once: each
row is taken with SELECT … FOR UPDATE SKIP LOCKED, so none is sent twice.
``--every SECONDS`` keeps running and sends due purges that often (``make
serve`` and ``compose.yaml`` run it that way): scheduled items go live and
repeated purges go out within that time. Exit status 1 when some failed
(they stay queued).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from purges.queue import deliver


class Command(BaseCommand):
    help = "Verstuurt wachtende opdrachten aan de cache (veilig vanuit cron)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)
        parser.add_argument("--every", type=float, default=0)

    def handle(self, *args, **options):
        every = options["every"]
        while every:
            close_old_connections()
            deliver(limit=options["limit"])
            time.sleep(every)
        counts = deliver(limit=options["limit"])
        if options["verbosity"] > 0:
            self.stdout.write("{sent} verstuurd, {failed} mislukt.".format(**counts))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} mislukt; zie het log.")
