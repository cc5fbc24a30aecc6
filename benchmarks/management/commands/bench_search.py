"""Server time of searches, measured in-process (``make bench``).

Each query is requested ``--runs`` times through Django's test client (the
full middleware stack, template rendering included, no network); we report
the median and the slowest run. The first request per query warms caches
and is not counted. Run it with DEBUG off, so queries are not recorded.
"SQL ms" is the time spent waiting for PostgreSQL within the request.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from search.query import parse
from search.results import SearchResults

QUERIES = [
    "eenzaamheid",
    "innovaties",
    "sociale innovatie",
    '"sociale innovatie" -armoede',
    "armoede OR schulden",
    "cafe",
    "laagdrempelige ontmoeting buurt",
    "eenzaamhied",  # typo: no matches, trigram suggestions
    "mensen",  # worst case: a word in nearly every item (bounded ranking)
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
            f"{'SQL ms':>8}{'matches':>9}"
        )
        medians = []
        for query in QUERIES:
            response = client.get("/zoeken/", {"q": query})
            if response.status_code != 200:
                raise CommandError(f"{query!r}: HTTP {response.status_code}")
            median, slowest, sql = self.time(client, "/zoeken/", {"q": query}, runs)
            medians.append(median)
            matches = SearchResults(parse(query), themes=[]).count()
            self.stdout.write(
                f"{query:<34}{median:>10.1f}{slowest:>9.1f}{sql:>8.1f}{matches:>9}"
            )
        self.stdout.write(
            f"{'median of medians':<34}{statistics.median(medians):>10.1f}"
        )
        # For scale: a plain list page on the same machine, at the same moment.
        median, slowest, sql = self.time(client, "/artikelen/", {}, runs)
        self.stdout.write(
            f"{'(baseline: /artikelen/)':<34}{median:>10.1f}{slowest:>9.1f}{sql:>8.1f}"
        )
        # Issue 24's budget: every search within 1.5x of the article list.
        self.stdout.write(
            f"{'slowest search / article list':<34}{max(medians) / median:>9.2f}x"
        )

    def time(self, client, path, params, runs):
        """Median and max total ms, and median ms spent waiting on PostgreSQL."""
        client.get(path, params)
        timings, db_timings = [], []
        for _ in range(runs):
            db_time = [0.0]

            def timed(execute, sql, params, many, context, db_time=db_time):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    db_time[0] += time.perf_counter() - start

            with connection.execute_wrapper(timed):
                start = time.perf_counter()
                client.get(path, params)
                timings.append((time.perf_counter() - start) * 1000)
            db_timings.append(db_time[0] * 1000)
        return statistics.median(timings), max(timings), statistics.median(db_timings)
