"""A visitor posting a reaction the way a browser does.

Shared by the load test (scripts/locustfile.py), the fault run
(scripts/faults.py) and the tests that talk HTTP to gunicorn
(tests/site/test_two_servers.py, tests/comments/test_hostile_posts.py).

- ``reaction_form_fields(html)``: every field of the reaction form that a
  browser would send, hidden ones included, so fields added later (a
  honeypot, a signed timestamp) are posted back untouched.
- ``solve(html)``: the answer to the arithmetic question shown in the form.
- Markers: each load or fault visitor puts a unique marker in its reaction
  text; ``stored_reactions(database_url)`` reads back which markers are in
  the database, to prove that every accepted reaction was stored and no
  refused one was.
- ``HttpVisitor``: a tiny urllib client for a gunicorn with production
  settings (Secure cookies, so it speaks as the TLS proxy would).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from html import unescape
from http.cookies import SimpleCookie

from scripts.forms import form_data

QUESTION_RE = re.compile(r'<span class="question">\s*(\d+)\s*\+\s*(\d+)\s*=\s*</span>')
MARKER_RE = re.compile(r"marker-[0-9a-f]{32}")


def reaction_form_fields(html: str) -> dict[str, str]:
    """Every field of ``<form class="reaction-form">`` a browser would send."""
    return {
        name: values[-1]
        for name, values in form_data(html, form_class="reaction-form").items()
    }


def solve(html: str) -> str | None:
    match = QUESTION_RE.search(unescape(html))
    return str(int(match.group(1)) + int(match.group(2))) if match else None


def filled_form(html: str, **values: str) -> dict[str, str]:
    """The form as a browser would send it, with ``values`` typed in and the
    question answered (unless ``answer`` is given)."""
    fields = reaction_form_fields(html)
    answer = solve(html)
    if answer is not None and "answer" in fields:
        fields["answer"] = answer
    fields.update(values)
    return fields


def new_marker() -> str:
    return f"marker-{uuid.uuid4().hex}"


def stored_reactions(database_url: str) -> dict[str, dict]:
    """Marker → {text, complete} for every stored reaction carrying a marker.

    ``complete`` is False for a half-written row: the thread path that the
    posting service assigns right after the insert is missing or wrong.
    """
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT text, cardinality(path) > 0 AND path[cardinality(path)] = id"
            " FROM comments_comment WHERE text LIKE %s",
            ["%marker-%"],
        ).fetchall()
    found: dict[str, dict] = {}
    for text, complete in rows:
        for marker in MARKER_RE.findall(text):
            found[marker] = {"text": text, "complete": bool(complete)}
    return found


def check_markers(
    accepted: set[str], refused: set[str], stored: dict[str, dict]
) -> list[str]:
    """Problems: accepted but not stored, refused but stored, half-written."""
    problems = []
    lost = accepted - stored.keys()
    leaked = refused & stored.keys()
    broken = [m for m in accepted & stored.keys() if not stored[m]["complete"]]
    if lost:
        problems.append(f"{len(lost)} accepted reactions are not in the database")
    if leaked:
        problems.append(f"{len(leaked)} refused reactions are in the database")
    if broken:
        problems.append(f"{len(broken)} stored reactions are half-written")
    return problems


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


@dataclass
class HttpVisitor:
    """One browser: keeps its CSRF cookie, speaks as behind the TLS proxy.

    Production cookies are Secure; gunicorn runs behind a proxy that
    terminates TLS and says so with ``X-Forwarded-Proto: https``, so the
    visitor sends that header, its cookies and a same-site ``Origin``.
    """

    timeout: float = 10.0
    cookies: dict[str, str] = field(default_factory=dict)
    forwarded_for: str | None = None

    def request(self, url: str, data: bytes | None = None, **headers) -> Response:
        base = url.split("/", 3)
        origin = f"https://{base[2]}"
        all_headers = {"X-Forwarded-Proto": "https", "Accept-Language": "nl"}
        if self.forwarded_for:
            all_headers["X-Forwarded-For"] = self.forwarded_for
        if self.cookies:
            all_headers["Cookie"] = "; ".join(
                f"{k}={v}" for k, v in self.cookies.items()
            )
        if data is not None:
            all_headers["Origin"] = origin
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers)
        request = urllib.request.Request(url, data=data, headers=all_headers)  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                status, raw_headers, body = (
                    response.status,
                    response.headers,
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            status, raw_headers, body = error.code, error.headers, error.read()
        for value in raw_headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return Response(status, dict(raw_headers), body.decode("utf-8", "replace"))

    def get(self, url: str) -> Response:
        return self.request(url)

    def post(self, url: str, fields: dict[str, str]) -> Response:
        from urllib.parse import urlencode

        return self.request(url, urlencode(fields).encode())
