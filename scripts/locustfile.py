"""Mixed traffic for ``make loadtest`` (see scripts/loadtest.py).

Page paths come from the environment so the same file works against any
seeded database: LOAD_ARTICLE_PATH (an article with many reactions),
LOAD_DOSSIER_PATH, LOAD_REPLY_PATH (that article's reaction page; the form
fragment is its ``formulier/`` sibling). Requests are named by page type for
the report.

Three kinds of users:

- Readers browse: home, dossiers, articles, search.
- Visitors read the article and now and then react: they fetch the form
  (the fragment, as the page's script does, or the full page, as without
  JavaScript), post back every field it contains (hidden ones too) with the
  question answered, after at least 3.5 s of typing, and expect the
  thank-you redirect. Each reaction carries a unique marker; markers are
  written to LOAD_MARKERS as ``accepted``, ``refused`` or ``unknown`` so
  scripts/loadtest.py can compare them with the database afterwards.
- Bots hammer the form: wrong answers, a question used twice, garbage
  fields, no CSRF token. Every one must be refused (400/403, or 429 from the
  rate limit) and nothing of theirs stored.

The site runs with production settings behind (simulated) TLS: requests carry
``X-Forwarded-Proto: https`` and the CSRF cookie is sent by hand, as the
Secure cookie would not be sent over plain http.
"""

import os
import random
import threading
import time

from locust import HttpUser, between, task

from scripts.visitor import filled_form, new_marker, solve

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


REPLY = os.environ.get("LOAD_REPLY_PATH", "")
FORM = REPLY.replace("/reageer/", "/formulier/")
HTTPS = {"X-Forwarded-Proto": "https", "Accept-Language": "nl"}
MIN_TYPING_SECONDS = 3.5

_markers_lock = threading.Lock()
_markers_file = (
    open(os.environ["LOAD_MARKERS"], "a", encoding="utf-8")  # noqa: SIM115
    if os.environ.get("LOAD_MARKERS")
    else None
)


def record(outcome: str, marker: str) -> None:
    if _markers_file is None:
        return
    with _markers_lock:
        _markers_file.write(f"{outcome} {marker}\n")
        _markers_file.flush()


class _Poster(HttpUser):
    abstract = True

    def on_start(self):
        # A distinct (documentation-range) client address per simulated user,
        # for a rate limiter that reads the proxy's X-Forwarded-For.
        self.address = f"198.51.100.{random.randint(1, 254)}"  # noqa: S311
        self.number = random.randint(1000, 9999)  # noqa: S311

    def headers(self, **extra):
        return {**HTTPS, "X-Forwarded-For": self.address, **extra}

    def fetch_form(self, name="reaction form"):
        path = random.choice([FORM, REPLY])  # noqa: S311 (with and without JS)
        with self.client.get(
            path, headers=self.headers(), name=name, catch_response=True
        ) as response:
            if response.status_code == 429 and name.startswith("bot"):
                # A bot that fetches forms in a loop meets the bound on
                # questions per client address (COMMENTS_QUESTION_LIMIT):
                # the defence working, not a failure.
                response.success()
                return None, None
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return None, None
            return response.text, response.cookies.get("csrftoken")

    def post(self, fields, csrf_cookie, *, name):
        host = self.host.split("://", 1)[1]
        headers = self.headers(Origin=f"https://{host}")
        if csrf_cookie:
            headers["Cookie"] = f"csrftoken={csrf_cookie}"
        return self.client.post(
            REPLY,
            data=fields,
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        )


class Visitor(_Poster):
    """A reader who now and then writes a reaction, with a correct answer."""

    weight = 2
    wait_time = between(5, 15)

    @task(2)
    def read(self):
        self.client.get(ARTICLE, headers=self.headers(), name="article (200 reactions)")

    @task(1)
    def react(self):
        if not REPLY:
            return
        html, csrf = self.fetch_form()
        if html is None:
            return
        marker = new_marker()
        fields = filled_form(
            html,
            name=f"Bezoeker {self.number}",
            email=f"bezoeker{self.number}@example.nl",
            text=f"Goed stuk; in onze wijk werkt dit ook. {marker}",
        )
        # A person reads the question and types: never faster than 3.5 s.
        time.sleep(random.uniform(MIN_TYPING_SECONDS, 8))  # noqa: S311
        try:
            with self.post(fields, csrf, name="post reaction") as response:
                location = response.headers.get("Location", "")
                if response.status_code == 302 and "/ontvangen/" in location:
                    record("accepted", marker)
                    response.success()
                elif response.status_code == 0:
                    record("unknown", marker)  # no answer: either outcome is fine
                    response.failure("no answer")
                else:
                    record("refused", marker)
                    response.failure(f"visitor refused: {response.status_code}")
        except Exception:
            record("unknown", marker)
            raise


class Bot(_Poster):
    """Hammers the form with everything that must be refused."""

    weight = 1
    wait_time = between(1, 3)
    expected = {400, 403, 429}

    def expect_refusal(self, fields, csrf, marker, *, name):
        with self.post(fields, csrf, name=name) as response:
            if response.status_code in self.expected:
                record("refused", marker)
                response.success()
            elif response.status_code == 0:
                record("unknown", marker)
                response.failure("no answer")
            else:
                record("refused", marker)
                response.failure(f"bot not refused: {response.status_code}")

    def bot_form(self, html, marker, **values):
        return filled_form(
            html,
            name="Goedkope pillen",
            email="spam@example.com",
            text=f"Koop nu http://spam.example/ {marker}",
            **values,
        )

    @task(3)
    def wrong_answer(self):
        html, csrf = self.fetch_form(name="bot: reaction form")
        if html is None:
            return
        marker = new_marker()
        wrong = str(int(solve(html) or "0") + random.randint(1, 9))  # noqa: S311
        fields = self.bot_form(html, marker, answer=wrong)
        self.expect_refusal(fields, csrf, marker, name="bot: wrong answer")

    @task(2)
    def reused_question(self):
        html, csrf = self.fetch_form(name="bot: reaction form")
        if html is None:
            return
        first, second = new_marker(), new_marker()
        fields = self.bot_form(html, first, answer="99")
        self.expect_refusal(fields, csrf, first, name="bot: wrong answer")
        # The same question again, now with the right answer: already used.
        fields = self.bot_form(html, second)
        self.expect_refusal(fields, csrf, second, name="bot: reused question")

    @task(2)
    def garbage(self):
        html, csrf = self.fetch_form(name="bot: reaction form")
        if html is None:
            return
        marker = new_marker()
        junk = random.choice(  # noqa: S311
            [
                {"op": "-1"},
                {"op": "9" * 30},
                {"email": "niet-een-adres"},
                {"name": "x" * 500},
                {"text": "\x00" + marker},
                {"question_key": "0" * 40},
                {"answer": "\u202e٣"},
                {"text": ("lang " * 2000) + marker},
            ]
        )
        fields = {**self.bot_form(html, marker), **junk}
        self.expect_refusal(fields, csrf, marker, name="bot: garbage")

    @task(1)
    def missing_csrf(self):
        html, _ = self.fetch_form(name="bot: reaction form")
        if html is None:
            return
        marker = new_marker()
        fields = self.bot_form(html, marker)
        fields.pop("csrfmiddlewaretoken", None)
        self.expect_refusal(fields, None, marker, name="bot: no CSRF token")
