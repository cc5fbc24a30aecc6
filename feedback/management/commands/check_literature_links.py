"""Check whether the literature links of published dossiers still answer,
for the review packets. Safe from cron (e.g. weekly): one request at a time,
a pause per host, a timeout per request; running it again only refreshes
the results."""

from django.core.management.base import BaseCommand

from feedback.links import check_links, published_urls


class Command(BaseCommand):
    help = "Controleert of de literatuurlinks van gepubliceerde dossiers nog werken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="seconden per verzoek"
        )
        parser.add_argument(
            "--delay",
            type=float,
            default=1.0,
            help="seconden tussen twee verzoeken aan dezelfde server",
        )

    def handle(self, *args, **options):
        counts = check_links(
            published_urls(), timeout=options["timeout"], delay=options["delay"]
        )
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{counts['checked']} links gecontroleerd, "
                f"{counts['not answering']} werken niet."
            )
