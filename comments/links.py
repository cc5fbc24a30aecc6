"""What a reaction's text links to: one decision for the thread and the spam rules.

The thread shows a visitor's plain text with addresses turned into links by
Django's ``urlize``: ``http(s)://`` URLs, ``www.`` hosts, bare domains under
``.com``, ``.net``, ``.org`` (and the other top-level domains urlize knows)
and e-mail addresses. The link limit and the domain blocklist
(comments/spam.py) must count exactly those, so both read them from
``linkify``: what is counted is what a reader can click, nothing more and
nothing less (issue 18: "spamcasino.com" four times counted 0 and showed 4).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

LINK_REL = "nofollow ugc noopener"
# What urlize could turn into a link: a scheme, "www.", a domain-like word or
# an e-mail address. Text without any of these is only escaped (urlize is
# slow, and most reactions hold no address at all).
LINK_CANDIDATE = re.compile(r"://|www\.|@|\w\.(?:[a-z]{2,})\b", re.IGNORECASE)
HREF_RE = re.compile(r'<a href="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Linked:
    html: str  # escaped text with <a> elements, not yet split into paragraphs
    hrefs: tuple[str, ...]

    @property
    def hosts(self) -> set[str]:
        """The host of every link, lower case, without ``www.``."""
        hosts = set()
        for href in self.hrefs:
            if href.startswith("mailto:"):
                host = href.rsplit("@", 1)[-1]
            else:
                host = urlsplit(href).hostname or ""
            host = host.lower().rstrip(".")
            if host:
                hosts.add(host.removeprefix("www."))
        return hosts


def linkify(text: str) -> Linked:
    """The visitor's text escaped, with the links the thread will show.

    ``urlize(autoescape=True)`` escapes all of the text, so the only
    ``<a href="`` in its output are the links it made itself.
    """
    if not LINK_CANDIDATE.search(text):
        return Linked(escape(text), ())
    html = urlize(text, nofollow=False, autoescape=True)
    hrefs = tuple(href.replace("&amp;", "&") for href in HREF_RE.findall(html))
    return Linked(html, hrefs)


def render_text(text: str) -> SafeString:
    """Plain text to HTML: everything escaped, URLs linked, line breaks kept.

    The links get our rel attribute (Django's ``nofollow`` flag knows only
    "nofollow"); ``linebreaks`` then wraps paragraphs without escaping again.
    """
    html = linkify(text).html.replace('<a href="', f'<a rel="{LINK_REL}" href="')
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 (escaped above)
