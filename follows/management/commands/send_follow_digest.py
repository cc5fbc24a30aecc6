"""Mail the weekly overview to followers who chose it instead of a mail per
version: the substantive versions since their previous overview.

Safe to run from cron as often as you like (daily is fine): each follower
gets at most one overview per ISO week, and none in a week without a
substantive version.
"""

from django.core.management.base import BaseCommand

from follows.services import send_digests


class Command(BaseCommand):
    help = (
        "Mailt het wekelijkse overzicht aan volgers die daarvoor kozen "
        "(veilig vanuit cron)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} weekoverzichten in de wachtrij gezet.")
