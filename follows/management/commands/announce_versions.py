"""Mail followers about substantive versions whose moment has come.

A version published now is announced when it is published; one scheduled
for later is announced by this command once it is live. Safe to run from
cron at any time (e.g. every 15 minutes): each version is announced once.
"""

from django.core.management.base import BaseCommand

from follows.services import announce_due


class Command(BaseCommand):
    help = "Mailt volgers over inhoudelijke nieuwe versies (veilig vanuit cron)."

    def handle(self, *args, **options):
        sent = announce_due()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} e-mails aan volgers in de wachtrij gezet.")
