"""Delete expired arithmetic questions; safe to run from cron at any time.

One DELETE of rows whose expiration has passed: questions still open on
someone's screen are untouched, and running it twice does no harm.
"""

from django.core.management.base import BaseCommand

from comments.captcha import purge_expired


class Command(BaseCommand):
    help = "Verwijdert verlopen rekenvragen (veilig vanuit cron)."

    def handle(self, *args, **options):
        removed = purge_expired()
        if options["verbosity"] > 0:
            self.stdout.write(f"{removed} verlopen rekenvragen verwijderd.")
