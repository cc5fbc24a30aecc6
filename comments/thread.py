"""The read side of a thread: one query, then plain Python for the shape.

``render_reactions(item)`` returns the rendered thread section. Rendering
200 reactions through the template engine costs far more than the rest of
the page, so the HTML is cached per item under a key that includes the
thread's version (count and latest change of its reactions, one cheap
aggregate query), whether reactions are open, and the depth setting. A stale
fragment can therefore never be served, whichever process cached it; a page
costs one query on a hit and two on a miss, whatever the number of reactions.

``build_thread(item)`` fetches the approved reactions of an item ordered by
path (one indexed query) and turns them into a flat list of entries that a
single template loop renders as nested lists: each entry knows whether a
nested list opens after it and how many lists close after it. Rejected or
withdrawn reactions that still have approved replies appear as placeholders
("Deze reactie is verwijderd"); their ids and positions come from the paths
of those replies, so they cost no extra query and reveal nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from .models import Comment, item_field, item_kind

LINK_REL = "nofollow ugc noopener"
# What urlize could turn into a link: a scheme, "www.", a domain-like word or
# an e-mail address. Text without any of these is only escaped.
LINK_CANDIDATE = re.compile(r"://|www\.|@|\w\.(?:[a-z]{2,})\b", re.IGNORECASE)


def render_text(text: str) -> SafeString:
    """Plain text to HTML: everything escaped, URLs linked, line breaks kept.

    ``urlize(autoescape=True)`` escapes all of the visitor's text, so the
    only ``<a href="`` in its output are the links it made itself; we give
    those our rel attribute (Django's ``nofollow`` flag knows only
    "nofollow"). ``linebreaks`` then wraps paragraphs without escaping again.
    """
    if LINK_CANDIDATE.search(text):
        html = urlize(text, nofollow=False, autoescape=True)
        html = html.replace('<a href="', f'<a rel="{LINK_REL}" href="')
    else:  # urlize is slow; most reactions hold no address at all
        html = escape(text)
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 (escaped above)


class PostedFormatter:
    """ "14 januari 2017 om 10:12" in the site's time zone and language.

    The same as ``date:"j F Y"`` and ``time:"H:i"``, with the month names and
    the phrase looked up once per thread instead of once per reaction
    (Django's per-call format lookups dominated a 200-reaction render).
    """

    def __init__(self):
        self.months = {number: str(name) for number, name in MONTHS.items()}
        self.phrase = gettext("%(date)s at %(time)s")

    def __call__(self, moment: datetime) -> str:
        local = timezone.localtime(moment)
        return self.phrase % {
            "date": f"{local.day} {self.months[local.month]} {local.year}",
            "time": f"{local:%H:%M}",
        }


@dataclass(slots=True)
class Entry:
    # Ids as text: the template would run every int through number formatting.
    id: str
    path: list[int]
    depth: int
    removed: bool = False
    name: str = ""
    posted: str = ""
    posted_iso: str = ""
    text_html: str = ""
    edited: str = ""
    edited_iso: str = ""
    is_staff_reply: bool = False
    answers_id: str = ""
    answers_name: str = ""
    reply_url: str = ""
    opens: bool = False
    closes: range = field(default_factory=lambda: range(0))


@dataclass(slots=True)
class Thread:
    item: object
    kind: str
    count: int
    entries: list[Entry]
    shown: bool
    open: bool
    reply_url: str
    form_url: str


def build_thread(item) -> Thread:
    kind = item_kind(item)
    shown = item.reactions_shown
    reply_base = reverse("comments:reply", kwargs={"kind": kind, "pk": item.pk})
    form_url = reverse("comments:form", kwargs={"kind": kind, "pk": item.pk})
    if not shown:
        return Thread(item, kind, 0, [], False, False, reply_base, form_url)
    max_depth = settings.COMMENTS_MAX_DEPTH
    rows = list(
        Comment.objects.thread(item).values_list(
            "id",
            "parent_id",
            "path",
            "name",
            "text",
            "created_at",
            "is_staff_reply",
            "edited_at",
        )
    )
    names = {row[0]: row[3] for row in rows}
    format_posted = PostedFormatter()
    entries: dict[tuple[int, ...], Entry] = {}
    for pk, parent_id, path, name, text, created_at, staff, edited_at in rows:
        depth = min(len(path), max_depth)
        entry = Entry(
            id=str(pk),
            path=path,
            depth=depth,
            name=name,
            posted=format_posted(created_at),
            # Whole seconds: HTML allows at most three digits of a fraction.
            posted_iso=created_at.isoformat(timespec="seconds"),
            text_html=render_text(text),
            is_staff_reply=staff,
            reply_url=f"{reply_base}?op={pk}",
        )
        if edited_at is not None:
            entry.edited = format_posted(edited_at)
            entry.edited_iso = edited_at.isoformat(timespec="seconds")
        if len(path) > max_depth:
            # Joined the deepest level: say whom it answers.
            entry.answers_id = str(parent_id)
            entry.answers_name = names.get(parent_id, "")
        entries[tuple(path)] = entry
        # Ancestors that are no longer approved keep their place.
        for size in range(1, len(path)):
            prefix = tuple(path[:size])
            if prefix[-1] not in names and prefix not in entries:
                entries[prefix] = Entry(
                    id=str(prefix[-1]),
                    path=list(prefix),
                    depth=min(size, max_depth),
                    removed=True,
                )
    ordered = [entries[key] for key in sorted(entries)]
    for index, entry in enumerate(ordered):
        next_depth = ordered[index + 1].depth if index + 1 < len(ordered) else 1
        entry.opens = next_depth > entry.depth
        entry.closes = range(max(entry.depth - next_depth, 0))
    return Thread(
        item=item,
        kind=kind,
        count=len(rows),
        entries=ordered,
        shown=True,
        open=item.reactions_open,
        reply_url=reply_base,
        form_url=form_url,
    )


CACHE_SECONDS = 60 * 60


def thread_version(item) -> tuple[int, float]:
    """(count, latest change) of all reactions on ``item``: one indexed query.

    Plain SQL because this runs on every page view and the ORM's query
    building cost more than the query itself.
    """
    column = Comment._meta.get_field(item_field(item)).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), max(updated_at) FROM {Comment._meta.db_table} "  # noqa: S608 (our names)
            f"WHERE {column} = %s",
            [item.pk],
        )
        count, changed = cursor.fetchone()
    return count, changed.timestamp() if changed else 0


def thread_cache_key(item) -> str:
    count, changed = thread_version(item)
    return ":".join(
        str(part)
        for part in (
            "reactions",
            item_kind(item),
            item.pk,
            count,
            changed,
            int(item.reactions_open),
            settings.COMMENTS_MAX_DEPTH,
            get_language(),
        )
    )


def render_reactions(item) -> SafeString:
    """The whole reactions section of ``item`` (cached; see module docstring)."""
    if not item.reactions_shown:
        return mark_safe("")
    key = thread_cache_key(item)
    html = cache.get(key)
    if html is None:
        html = render_to_string("comments/_thread.html", {"thread": build_thread(item)})
        cache.set(key, html, CACHE_SECONDS)
    # Rendered by our template, which escapes every visitor's input.
    return mark_safe(html)  # noqa: S308
