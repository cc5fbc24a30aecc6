"""What changed between two versions of a dossier, section by section.

Each section of both versions is rendered with the dossier page's own
partial (so rich text is sanitised exactly as there), cut into tokens (tags
and words), and compared with ``difflib.SequenceMatcher`` from the standard
library. Words that were inserted are wrapped in ``<ins>``, deleted words in
``<del>``; a marker is never opened across a tag, and tags of deleted text
are dropped, so the result follows the newer version's structure. Finally
nh3 (the sanitiser the site already uses, built on html5ever) parses and
re-serialises the fragment with an allow-list: whatever the input, the
output is balanced and safe.

The work is bounded (``Budget``): SequenceMatcher costs up to the product
of the two lengths it compares, so a 20,000-word section of common words
took 35 s. Each comparison may spend WORD_BUDGET units (one unit: one
token of the old text against one of the new); a changed run of blocks that
no longer fits is compared by paragraph instead (the old paragraphs struck
through, the new ones underlined) and the section says so. A deadline is
checked between steps as well, in the computation itself, so it holds under
any gunicorn worker class (a thread cannot be interrupted from outside).
The result of two published versions is kept (dossiers/comparisons.py).

No library was a better fit: lxml's ``htmldiff`` would add lxml for one
function and does not sanitise; the diff libraries on PyPI compare text or
trees, not the sanitised fragments we show.
"""

import difflib
import re
import time
from dataclasses import dataclass

import nh3
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .literature import attach
from .models import Dossier, DossierVersion
from .sections import SECTIONS
from .versions import as_dossier

TOKEN_RE = re.compile(r"<[^>]*>|[^\s<]+\s*|\s+")
# Where a fragment splits into blocks (paragraphs, list items, headings).
BLOCK_END_RE = re.compile(r"</(?:p|li|h3|h4|blockquote|dd|dt)>|<(?:ol|ul|dl)\b[^>]*>")
ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "cite",
    "del",
    "div",
    "em",
    "h3",
    "i",
    "h4",
    "ins",
    "li",
    "ol",
    "p",
    "span",
    "strong",
    "ul",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {"*": {"class"}, "a": {"href"}}


class Status:
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


# Units of word comparison one comparison may spend (a unit: one token of
# the old text against one of the new; about 20 ns each at worst, so about
# 0.1 s). Two 2,000-word paragraphs fit; a 20,000-word section does not.
WORD_BUDGET = 4_000_000
# A comparison still running after this many seconds (a machine under load)
# is stopped rather than holding a worker.
DEADLINE_SECONDS = 5.0


class ComparisonTooSlow(Exception):
    """The comparison ran past its deadline and was stopped."""


class Budget:
    """What one comparison may still spend, and until when."""

    def __init__(self, *, units: int | None = None, seconds: float | None = None):
        self.units = WORD_BUDGET if units is None else units
        seconds = DEADLINE_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ComparisonTooSlow

    def take(self, cost: int) -> bool:
        """True (and spent) when ``cost`` still fits."""
        self.check()
        if cost > self.units:
            return False
        self.units -= cost
        return True


@dataclass
class SectionDiff:
    anchor: str
    heading: str
    status: str
    html: SafeString
    # Too long to compare word by word: compared by paragraph.
    by_paragraph: bool = False


def _tokens(html: str) -> list[str]:
    """Tags, and words with the space after them (one space: reflowed text
    is not a change)."""
    tokens = []
    for token in TOKEN_RE.findall(html):
        if not token.startswith("<"):
            word = token.rstrip()
            token = word + " " if word != token else word
        tokens.append(token)
    return tokens


def _blocks(html: str) -> list[str]:
    """The fragment cut after each block's end (and each list's start)."""
    blocks, start = [], 0
    for match in BLOCK_END_RE.finditer(html):
        blocks.append(html[start : match.end()].strip())
        start = match.end()
    blocks.append(html[start:].strip())
    return [block for block in blocks if block]


def _marked(tokens, tag) -> list[str]:
    """Text tokens wrapped in ``<tag>`` runs that never contain a tag."""
    out, open_ = [], False
    for token in tokens:
        if token.startswith("<"):
            if open_:
                out.append(f"</{tag}>")
                open_ = False
            if tag == "ins":  # structure of the newer version
                out.append(token)
        else:
            if not open_ and not token.isspace():
                out.append(f"<{tag}>")
                open_ = True
            out.append(token)
    if open_:
        out.append(f"</{tag}>")
    return out


def _announced(html: str) -> str:
    """Screen readers do not announce <ins>/<del>: say it in hidden words."""
    inserted = _("inserted:")
    deleted = _("deleted:")
    html = html.replace(
        "<ins>", f'<ins><span class="visually-hidden">[{inserted}] </span>'
    )
    html = html.replace(
        "<del>", f'<del><span class="visually-hidden">[{deleted}] </span>'
    )
    for tag in ("ins", "del"):
        end = _("end")
        html = html.replace(
            f"</{tag}>", f'<span class="visually-hidden"> [{end}]</span></{tag}>'
        )
    return html


def _word_diff(old_tokens, new_tokens) -> list[str]:
    # A word is the same word with or without a space after it.
    matcher = difflib.SequenceMatcher(
        None,
        [token.rstrip() for token in old_tokens],
        [token.rstrip() for token in new_tokens],
        autojunk=False,
    )
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += new_tokens[j1:j2]
            continue
        if op in ("delete", "replace"):
            out += _marked(old_tokens[i1:i2], "del")
        if op in ("insert", "replace"):
            out += _marked(new_tokens[j1:j2], "ins")
    return out


def _replaced(old_tokens, new_tokens) -> list[str]:
    """Paragraph level: all of the old struck through, all of the new
    underlined (linear, whatever the length)."""
    return _marked(old_tokens, "del") + _marked(new_tokens, "ins")


def _compared(old_tokens, new_tokens, budget: Budget) -> tuple[list[str], bool]:
    """Word level when it fits the budget, else paragraph level (True)."""
    if budget.take(len(old_tokens) * len(new_tokens)):
        return _word_diff(old_tokens, new_tokens), False
    return _replaced(old_tokens, new_tokens), True


def diff_html(old: str, new: str, budget: Budget | None = None) -> tuple[str, bool]:
    """Word-level diff of two HTML fragments, as safe balanced HTML, and
    whether (part of) it had to be compared by paragraph instead.

    Blocks (paragraphs, items) are matched first, and words are compared
    only inside the blocks that changed: the cost follows the size of the
    change, not of the dossier. ``budget`` bounds the work (``Budget``).
    """
    budget = budget or Budget()
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    coarse = False
    if budget.take(len(old_blocks) * len(new_blocks)):
        matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
        opcodes = matcher.get_opcodes()
    else:  # even the paragraphs are too many to align: the section as a whole
        opcodes = [("replace", 0, len(old_blocks), 0, len(new_blocks))]
        coarse = True
    out = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            out += new_blocks[j1:j2]
            continue
        if i2 - i1 == j2 - j1:  # as many blocks changed: pair them up
            pairs = zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True)
        else:
            pairs = [("\n".join(old_blocks[i1:i2]), "\n".join(new_blocks[j1:j2]))]
        for old_part, new_part in pairs:
            tokens, by_paragraph = _compared(
                _tokens(old_part), _tokens(new_part), budget
            )
            out.append("".join(tokens))
            coarse = coarse or by_paragraph
    budget.check()
    cleaned = nh3.clean(
        "\n".join(out),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    return _announced(cleaned), coarse


# The snapshot keys each section is made of (dossiers/sections.py): a
# section whose keys hold the same values in both versions is unchanged and
# rendered once.
SECTION_SOURCES = {
    "algemeen": ("title", "summary", "authors", "contacts", "themes"),
    **{
        section.anchor: (*section.fields, *filter(None, [section.parts]))
        for section in SECTIONS
    },
}


def _rendered_sections(dossier: Dossier, anchors=None) -> dict:
    """anchor -> (heading, HTML) of every section, or only of ``anchors``."""
    sections = {}
    if anchors is None or "algemeen" in anchors:
        header = render_to_string("dossiers/_version_header.html", {"dossier": dossier})
        sections["algemeen"] = (_("Title and summary"), header.strip())
    for section in dossier.all_sections():
        if anchors is not None and section["anchor"] not in anchors:
            continue
        html = ""
        if section["present"]:
            html = render_to_string(
                "dossiers/_section_content.html", {"section": section}
            )
        sections[section["anchor"]] = (section["heading"], html.strip())
    return sections


def _shown(content: dict, live: Dossier, version: DossierVersion | None) -> Dossier:
    """The dossier as ``content`` shows it, its references with their APA
    text (the version's stored one, if given)."""
    dossier = as_dossier(content, live)
    attach(dossier, version)
    return dossier


def diff_contents(
    old: dict,
    new: dict,
    live: Dossier,
    *,
    versions: tuple[DossierVersion, DossierVersion] | tuple[None, None] = (None, None),
    budget: Budget | None = None,
) -> list[SectionDiff]:
    """The sections of ``new`` with what changed since ``old``; raises
    ComparisonTooSlow when ``budget``'s deadline passes."""
    budget = budget or Budget()
    changed = {
        anchor
        for anchor, keys in SECTION_SOURCES.items()
        if any(old.get(key) != new.get(key) for key in keys)
    }
    after = _rendered_sections(_shown(new, live, versions[1]))
    before = (
        _rendered_sections(_shown(old, live, versions[0]), changed) if changed else {}
    )
    result = []
    for anchor, (heading, new_html) in after.items():
        budget.check()
        old_html = before[anchor][1] if anchor in changed else new_html
        by_paragraph = False
        if old_html == new_html:
            if not new_html:
                continue
            status, html = Status.UNCHANGED, new_html
        else:
            html, by_paragraph = diff_html(old_html, new_html, budget)
            if not old_html:
                status = Status.ADDED
            elif not new_html:
                status = Status.REMOVED
            else:
                status = Status.CHANGED
        result.append(
            SectionDiff(anchor, heading, status, mark_safe(html), by_paragraph)  # noqa: S308 - nh3
        )
    return result
