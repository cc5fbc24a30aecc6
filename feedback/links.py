"""Checking the literature links of published dossiers: does each web
address still answer?

Politely: one request at a time, a pause between two requests to the same
host (``delay``), a timeout per request, a User-Agent that says who asks;
HEAD first, GET when a server refuses HEAD (405, 501). A status below 400
answers; anything else, or no answer in time, is recorded as not answering
(``LinkCheck``) for the review packet. Standard library only (urllib): one
request at a time needs no HTTP library.
"""

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from dossiers.models import Dossier, DossierVersion

from .models import LinkCheck
from .review_packet import literature_urls

USER_AGENT = "{site} literatuurcontrole (+{url})"


class _NoRedirectLoops(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def status_of(url: str, *, timeout: float) -> tuple[int | None, str]:
    """(HTTP status, error) of ``url``; status None when nothing answered."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None, "not a web address"
    opener = urllib.request.build_opener(_NoRedirectLoops)
    headers = {
        "User-Agent": USER_AGENT.format(site=settings.SITE_NAME, url=settings.SITE_URL)
    }
    for method in ("HEAD", "GET"):
        # http(s) only, checked above (the database allows no other links).
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (405, 501):
                continue
            return error.code, ""
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return None, f"{type(error).__name__}: {reason}"[:300]
    return None, "no answer"


def published_urls() -> list[str]:
    """Every literature address of the versions readers see now."""
    urls: list[str] = []
    for dossier in Dossier.objects.published().only("id"):
        version = (
            DossierVersion.objects.filter(dossier=dossier)
            .current()
            .only("id", "content")
            .first()
        )
        for url in literature_urls(version):
            if url not in urls:
                urls.append(url)
    return urls


def check_links(urls, *, timeout: float, delay: float, sleep=time.sleep) -> dict:
    """Check ``urls`` one by one, recording each; returns counts."""
    counts = {"checked": 0, "not answering": 0}
    last_at: dict[str, float] = {}
    for url in urls:
        host = urlsplit(url).hostname or ""
        wait = last_at.get(host, -delay) + delay - time.monotonic()
        if wait > 0:
            sleep(wait)
        status, error = status_of(url, timeout=timeout)
        last_at[host] = time.monotonic()
        LinkCheck.objects.update_or_create(
            url=url,
            defaults={"status": status, "error": error, "checked_at": timezone.now()},
        )
        counts["checked"] += 1
        if status is None or status >= 400:
            counts["not answering"] += 1
    return counts
