"""The read side of a thread: its pages, and a page rendered from stored pieces.

Pages: top-level reactions are shown COMMENTS_PER_PAGE at a time, oldest
first; replies always stay on the page of the reaction they answer. A removed
top-level reaction that still has approved replies keeps its place (it shows
as "Deze reactie is verwijderd"), so a top-level slot is a distinct first
element of the paths of the approved reactions. Page 1 is the item's own
address; page n is ``?page=n``. Any other value shows the nearest real page
(not a number, 0 or negative: the first; past the end: the last), and the
page's head then names the real page as canonical (``reaction_page_head``).

Queries, whatever the size of the thread:
- ``thread_stats``: the item's one row of ``ThreadCounts``, which triggers
  keep (migration 0012), read on every render of an item page: count and
  latest change of all its reactions (the version, so a cached page can
  never be stale, from whichever process), the number of approved ones and
  of top-level slots (the page count);
- on a miss of the cached section, one query for the page's rows: the
  page's top-level slots come from an ordered index on ``path[1]`` that is
  read only as far as that page, and its rows from the thread index by path
  range, in reading order.

Rendering: each reaction's own markup is stored when it is written
(comments/rendering.py); a page only joins those pieces with the nesting,
the "reaction to" notes past the maximum depth and the reply links (which
depend on whether the item is open), with plain string operations.
"""

import html as html_lib
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from core.commentable import THREAD_PAGE_PARAM
from core.compiled import prepared_cursor
from core.kinds import ItemKind

from . import rendering
from .models import Comment, CommentStatus, ThreadCounts, item_field

CACHE_SECONDS = 60 * 60
PAGE_PARAM = THREAD_PAGE_PARAM
NUMBER_RE = re.compile(r"[+-]?[0-9]+")
TABLE = Comment._meta.db_table
COUNTS_TABLE = ThreadCounts._meta.db_table


def _column(item) -> str:
    return Comment._meta.get_field(item_field(item)).column


@dataclass(frozen=True, slots=True)
class ThreadStats:
    total: int  # all reactions, any status: with ``changed``, the version
    changed: float
    count: int  # approved reactions
    roots: int  # top-level slots

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.roots / settings.COMMENTS_PER_PAGE))


def thread_stats(item) -> ThreadStats:
    """The item's counts: one row kept by PostgreSQL (``ThreadCounts``),
    whatever the length of the thread.

    Counted over all rows of the item, so an approval, a withdrawal or a
    deletion anywhere in the thread changes every page's version.
    """
    with prepared_cursor() as cursor:
        cursor.execute(
            f"SELECT total, changed, approved, roots FROM {COUNTS_TABLE} "  # noqa: S608
            f"WHERE {_column(item)} = %s",
            [item.pk],
        )
        row = cursor.fetchone()
    if row is None:  # no reactions at all
        return ThreadStats(0, 0, 0, 0)
    total, changed, count, roots = row
    return ThreadStats(total, changed.timestamp() if changed else 0, count, roots)


def page_number(raw: str | None, pages: int) -> int:
    """The real page nearest to what ``?page=`` asked for (see module doc)."""
    raw = (raw or "").strip()
    if not NUMBER_RE.fullmatch(raw):
        return 1
    digits = raw.lstrip("+")
    if digits.startswith("-"):
        return 1
    if len(digits) > 9:  # huge: past any end, and never parsed as a big int
        return pages
    return min(max(int(digits), 1), pages)


def page_url(item, number: int, anchor: str = "") -> str:
    url = item.get_absolute_url()
    if number > 1:
        url = f"{url}?{PAGE_PARAM}={number}"
    return f"{url}#{anchor}" if anchor else url


@dataclass(frozen=True, slots=True)
class ThreadPage:
    """The page of ``item``'s thread that one request shows."""

    item: object
    number: int
    stats: ThreadStats
    requested: str | None  # the raw ?page= value, None when absent

    @property
    def pages(self) -> int:
        return self.stats.pages

    @property
    def url(self) -> str:
        return page_url(self.item, self.number)

    @property
    def is_canonical_address(self) -> bool:
        """True when the address asked for is this page's own."""
        if self.number == 1:
            return self.requested is None
        return self.requested == str(self.number)


def thread_page(item, request) -> ThreadPage:
    """The page ``request`` asks for, computed once per request and item."""
    memo = request.__dict__.setdefault("_reaction_pages", {})
    key = (item.item_kind, item.pk)
    if key not in memo:
        stats = thread_stats(item)
        raw = request.GET.get(PAGE_PARAM)
        memo[key] = ThreadPage(item, page_number(raw, stats.pages), stats, raw)
    return memo[key]


def locate(comment: Comment) -> str:
    """The address of the page and anchor that show ``comment`` (approved)."""
    item = comment.item
    root = comment.path[0] if comment.path else comment.pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(DISTINCT path[1]) FROM {TABLE} "  # noqa: S608 (our names)
            f"WHERE {_column(item)} = %s AND status = %s AND path[1] < %s",
            [item.pk, CommentStatus.APPROVED, root],
        )
        (before,) = cursor.fetchone()
    number = before // settings.COMMENTS_PER_PAGE + 1
    return page_url(item, number, f"reactie-{comment.pk}")


# Read only for a reaction whose stored HTML is missing or from an older
# template (it is rendered then): most pages decode none of them.
FALLBACK_COLUMNS = (
    "text",
    "created_at",
    "is_staff_reply",
    "is_author_reply",
    "edited_at",
    "redacted_at",
)
STALE_ONLY = ", ".join(
    f"CASE WHEN c.html_key = %(key)s THEN NULL ELSE c.{name} END"
    for name in FALLBACK_COLUMNS
)


def _page_rows(item, number: int) -> list[tuple]:
    """The approved reactions on page ``number``, in reading order; the
    fallback columns are NULL where the stored HTML is current."""
    column = _column(item)
    size = settings.COMMENTS_PER_PAGE
    key = rendering.current_key()
    # Not prepared (core/compiled.py): its best plan depends on the item's
    # thread (tens or thousands of rows), and a plan kept for one item made
    # the first page of a 5,000-reaction article 1.6x slower in make bench.
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH page_roots AS (
                SELECT DISTINCT path[1] AS root FROM {TABLE}
                WHERE {column} = %(item)s AND status = %(approved)s
                ORDER BY root OFFSET %(offset)s LIMIT %(size)s
            )
            SELECT c.id, c.parent_id, c.path, c.name,
                   CASE WHEN c.html_key = %(key)s THEN c.html END, {STALE_ONLY},
                   c.incorporated_in, c.version_number, c.section
            FROM {TABLE} c
            WHERE c.{column} = %(item)s AND c.status = %(approved)s
              -- Scalar subqueries: computed once, then a range of the thread
              -- index (a join with the bounds was re-run per reaction, or
              -- filtered every reaction of the item, when statistics were
              -- stale: 400 ms at 5,000 reactions after a bulk insert).
              AND c.path >= ARRAY[(SELECT min(root) FROM page_roots)]
              AND c.path < ARRAY[(SELECT max(root) FROM page_roots) + 1]
            ORDER BY c.path
            """,  # noqa: S608 (our names; values are parameters)
            {
                "item": item.pk,
                "approved": CommentStatus.APPROVED,
                "offset": (number - 1) * size,
                "size": size,
                "key": key,
            },
        )
        return cursor.fetchall()


def _since_note(item, changes, current: int | None):
    """For a reaction on a section of a dossier: "geschreven bij versie n ·
    deze paragraaf is sindsdien gewijzigd" with a link to the comparison of
    that section, once a later visible version changed it; else None.
    ``changes`` is ``DossierVersionQuerySet.section_changes()``. Its
    ``incorporated(n)``: the badge "verwerkt in versie n" with a link to
    that version, once it is visible."""
    written = escape(gettext("written on version %(number)s"))
    since = escape(gettext("this section has changed since"))
    taken = escape(gettext("taken into version %(number)s"))
    base = item.get_absolute_url()

    def incorporated(number) -> str | None:
        if not (number and current and number <= current):
            return None
        label = taken.replace("%(number)s", str(number))
        return (
            f'  <a class="badge badge--done" href="{escape(base)}versies/{number}/">'
            f"{label}</a>\n      "
        )

    def note(version_number, section) -> str | None:
        if not (version_number and section and current):
            return None
        if not any(n > version_number for n in changes.get(section, ())):
            return None
        href = f"{base}versies/{version_number}...{current}/#verschil-{section}"
        return (
            f'<p class="reaction__version">'
            f"{written.replace('%(number)s', str(version_number))} · "
            f'<a href="{escape(href)}">{since}</a></p>\n      '
        )

    note.incorporated = incorporated
    return note


def _join(item, rows, *, open_: bool, since=None) -> str:
    """The page's list items, nested, from the stored pieces (one pass).
    ``since`` (``_since_note``) says when a reaction's section changed."""
    max_depth = settings.COMMENTS_MAX_DEPTH
    reply_base = reverse(
        "comments:reply", kwargs={"kind": item.item_kind, "pk": item.pk}
    )
    removed = escape(gettext("This reaction has been removed."))
    reaction_to = escape(gettext("reaction to"))
    removed_reaction = escape(gettext("a removed reaction"))
    reply_text = escape(gettext("Reply"))
    to_name = gettext("to %(name)s")
    names = {row[0]: row[3] for row in rows}
    # Per reaction, the standard library's escape: the same text as Django's
    # ``escape`` (which wraps it), without the lazy-string check per call.
    quote = html_lib.escape

    # (path, depth, html) in reading order, with placeholders for removed
    # ancestors, which are known from their replies' paths (no query).
    entries: list[tuple[tuple[int, ...], int, str]] = []
    seen: set[tuple[int, ...]] = set()
    kind = item.item_kind
    for (
        pk,
        parent_id,
        path,
        name,
        html,
        text,
        created_at,
        staff,
        author,
        edited_at,
        redacted_at,
        incorporated_in,
        version_number,
        section,
    ) in rows:
        path = tuple(path)
        # A parent on this page came first, its own ancestors handled then:
        # only a reaction whose parent is not shown looks for the gaps.
        if parent_id is not None and parent_id not in names:
            for size in range(1, len(path)):
                prefix = path[:size]
                if prefix[-1] not in names and prefix not in seen:
                    seen.add(prefix)
                    entries.append(
                        (
                            prefix,
                            min(size, max_depth),
                            f'<p class="reaction reaction--removed" '
                            f'id="reactie-{prefix[-1]}">{removed}</p>',
                        )
                    )
        if html is None:  # not stored yet, or stored by an older template
            html = rendering.reaction_html(
                pk=pk,
                name=name,
                text=text,
                created_at=created_at,
                is_staff_reply=staff,
                is_author_reply=author,
                kind=kind,
                edited_at=edited_at,
                redacted_at=redacted_at,
            )
        if len(path) > max_depth:
            # Joined the deepest level: say whom it answers.
            whom = (
                f"<bdi>{quote(names[parent_id])}</bdi>"
                if parent_id in names
                else removed_reaction
            )
            note = (
                f'<span class="reaction__answers">{reaction_to} '
                f'<a href="#reactie-{parent_id}">{whom}</a></span>\n      '
            )
            html = html.replace("</header>", f"{note}</header>", 1)
        if since is not None:
            if badge := since.incorporated(incorporated_in):
                html = html.replace("</header>", f"{badge}</header>", 1)
            if changed := since(version_number, section):
                html = html.replace("</header>", f"</header>\n      {changed}", 1)
        if open_:
            label = quote(to_name % {"name": name})
            actions = (
                f'<p class="reaction__actions"><a class="reaction__reply" '
                f'href="{reply_base}?op={pk}" data-reply-to="{pk}">{reply_text}'
                f'<span class="visually-hidden"> {label}</span></a></p>\n    '
            )
            html = f"{html[: -len('</article>')]}{actions}</article>"
        seen.add(path)
        entries.append((path, min(len(path), max_depth), html))

    parts = []
    for index, (_path, depth, html) in enumerate(entries):
        next_depth = entries[index + 1][1] if index + 1 < len(entries) else 1
        parts.append('<li class="reactions__item">\n    ')
        parts.append(html)
        parts.append(
            '\n    <ol class="reactions__replies">' if next_depth > depth else "</li>"
        )
        parts.append("</ol></li>" * max(depth - next_depth, 0))
        parts.append("\n  ")
    return "".join(parts)


def _pages_nav(page: ThreadPage) -> list[dict]:
    """Links to the pages around this one: first, last, and two either side."""
    shown = {1, page.pages, *range(page.number - 2, page.number + 3)}
    links, previous = [], 0
    for number in sorted(n for n in shown if 1 <= n <= page.pages):
        if number > previous + 1:
            links.append({"gap": True})
        links.append(
            {
                "number": number,
                "url": page_url(page.item, number, "reacties"),
                "current": number == page.number,
            }
        )
        previous = number
    return links


def _current_version(item) -> int | None:
    """The number of the version of a dossier readers see now: annotated by
    the dossier's pages (``DossierQuerySet.with_currency``), else read."""
    if item.item_kind != ItemKind.DOSSIER:
        return None
    if hasattr(item, "current_number"):
        return item.current_number
    return item.versions.current().values_list("number", flat=True).first()


def _cache_key(page: ThreadPage, open_: bool) -> str:
    stats = page.stats
    return ":".join(
        str(part)
        for part in (
            "reactions",
            page.item.item_kind,
            page.item.pk,
            stats.total,
            stats.changed,
            page.number,
            int(open_),
            settings.COMMENTS_MAX_DEPTH,
            settings.COMMENTS_PER_PAGE,
            get_language(),
            rendering.current_key(),
            # A new version can change a section reactions are about.
            _current_version(page.item),
        )
    )


def render_reactions(item, page: ThreadPage) -> SafeString:
    """The reactions section of ``item`` on ``page`` (cached; see module doc)."""
    if not item.reactions_shown:
        return mark_safe("")
    open_ = item.reactions_open
    key = _cache_key(page, open_)
    html = cache.get(key)
    if html is None:
        rows = _page_rows(item, page.number) if page.stats.count else []
        kind = item.item_kind
        since = None
        if kind == ItemKind.DOSSIER and rows:
            # Reactions on a section need the versions' changes (one query).
            on_sections = any(row[-1] for row in rows)
            changes = item.versions.section_changes() if on_sections else {}
            since = _since_note(item, changes, _current_version(item))
        context = {
            "kind": kind,
            "count": page.stats.count,
            # Joined from stored pieces that our templates escaped.
            "list_html": mark_safe(_join(item, rows, open_=open_, since=since)),  # noqa: S308
            "open": open_,
            "page": page,
            "pages": _pages_nav(page) if page.pages > 1 else [],
            "previous_url": page_url(item, page.number - 1, "reacties")
            if page.number > 1
            else "",
            "next_url": page_url(item, page.number + 1, "reacties")
            if page.number < page.pages
            else "",
            "reply_url": reverse(
                "comments:reply", kwargs={"kind": kind, "pk": item.pk}
            ),
            "form_url": reverse("comments:form", kwargs={"kind": kind, "pk": item.pk}),
        }
        html = render_to_string("comments/_thread.html", context)
        cache.set(key, html, CACHE_SECONDS)
    # Rendered by our templates, which escape every visitor's input.
    return mark_safe(html)  # noqa: S308
