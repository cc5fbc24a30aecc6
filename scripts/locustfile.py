"""Mixed traffic for ``make loadtest`` (see scripts/loadtest.py).

Page paths come from the environment so the same file works against any
seeded database: LOAD_ARTICLE_PATH (an article with many reactions),
LOAD_DOSSIER_PATH. Requests are named by page type for the report.
"""

import os
import random

from locust import HttpUser, between, task

ARTICLE = os.environ.get("LOAD_ARTICLE_PATH", "/artikelen/")
DOSSIER = os.environ.get("LOAD_DOSSIER_PATH", "/dossiers/")
SEARCH_TERMS = ["sociale innovatie", "eenzaamheid", "armoede", "wat werkt", "buurt"]


class Reader(HttpUser):
    """A reader browsing: home, dossiers, articles, search."""

    weight = 6
    wait_time = between(0.1, 0.5)

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def dossier_index(self):
        self.client.get("/dossiers/", name="dossier index")

    @task(3)
    def dossier(self):
        self.client.get(DOSSIER, name="dossier")

    @task(2)
    def article_index(self):
        self.client.get("/artikelen/", name="article index")

    @task(5)
    def article_with_reactions(self):
        self.client.get(ARTICLE, name="article (200 reactions)")

    @task(2)
    def search(self):
        term = random.choice(SEARCH_TERMS)  # noqa: S311
        self.client.get("/zoeken/", params={"q": term}, name="search")
