"""Server time of searches, measured in-process (``make bench``).

Each query is requested ``--runs`` times through Django's test client (the
full middleware stack, template rendering included, no network); we report
the median and the slowest run. The first request per query warms caches
and is not counted. Run it with DEBUG off, so queries are not recorded.
"""

import statistics

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

QUERIES = [
    "eenzaamheid",
    "innovaties",
    "sociale innovatie",
    '"sociale innovatie" -armoede',
    "armoede OR schulden",
    "cafe",
    "laagdrempelige ontmoeting buurt",
    "eenzaamhied",  # typo: no matches, trigram suggestions
    "mensen",  # worst case: a word in nearly every item, all of them ranked
]


class Command(BaseCommand):
    help = "Meet de servertijd van zoekopdrachten (mediaan van N keer)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=25)

    def handle(self, *args, runs, **options):
        if settings.DEBUG:
            raise CommandError("Run with DEBUG off: recorded queries skew timings.")
        client = Client(SERVER_NAME="localhost")
        self.stdout.write(
            f"{'search (/zoeken/?q=…)':<34}{'median ms':>10}{'max ms':>9}"
        )
        medians = []
        for query in QUERIES:
            response = client.get("/zoeken/", {"q": query})
            if response.status_code != 200:
                raise CommandError(f"{query!r}: HTTP {response.status_code}")
            median, slowest = self.time(client, "/zoeken/", {"q": query}, runs)
            medians.append(median)
            self.stdout.write(f"{query:<34}{median:>10.1f}{slowest:>9.1f}")
        self.stdout.write(
            f"{'median of medians':<34}{statistics.median(medians):>10.1f}"
        )
