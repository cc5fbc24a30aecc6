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

No library was a better fit: lxml's ``htmldiff`` would add lxml for one
function and does not sanitise; the diff libraries on PyPI compare text or
trees, not the sanitised fragments we show.
"""

import difflib
import re
from dataclasses import dataclass

import nh3
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Dossier, DossierVersion
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


@dataclass
class SectionDiff:
    anchor: str
    heading: str
    status: str
    html: SafeString


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


def diff_html(old: str, new: str) -> str:
    """Word-level diff of two HTML fragments, as safe balanced HTML.

    Blocks (paragraphs, items) are matched first, and words are compared
    only inside the blocks that changed: the cost follows the size of the
    change, not of the dossier.
    """
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += new_blocks[j1:j2]
        elif i2 - i1 == j2 - j1:  # as many blocks changed: pair them up
            for old_block, new_block in zip(
                old_blocks[i1:i2], new_blocks[j1:j2], strict=True
            ):
                out.append("".join(_word_diff(_tokens(old_block), _tokens(new_block))))
        else:
            old_part = _tokens("\n".join(old_blocks[i1:i2]))
            new_part = _tokens("\n".join(new_blocks[j1:j2]))
            out.append("".join(_word_diff(old_part, new_part)))
    cleaned = nh3.clean(
        "\n".join(out),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    return _announced(cleaned)


# The snapshot keys each section is made of (see Dossier.all_sections):
# a section whose keys hold the same values in both versions is unchanged
# and rendered once.
SECTION_SOURCES = {
    "algemeen": ("title", "summary", "authors", "contacts", "themes"),
    "definitie": ("definition",),
    "feiten-en-cijfers": ("facts_and_figures",),
    "beleid": ("policy",),
    "trends": ("trends",),
    "actuele-discussies": ("current_debates",),
    "werkzame-elementen": ("effective_elements_intro", "effective_elements"),
    "veelbelovende-aanpakken": ("promising_approaches",),
    "goede-voorbeelden": ("good_examples",),
    "literatuur": ("references",),
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


def diff_contents(old: dict, new: dict, live: Dossier) -> list[SectionDiff]:
    changed = {
        anchor
        for anchor, keys in SECTION_SOURCES.items()
        if any(old.get(key) != new.get(key) for key in keys)
    }
    after = _rendered_sections(as_dossier(new, live))
    before = _rendered_sections(as_dossier(old, live), changed) if changed else {}
    result = []
    for anchor, (heading, new_html) in after.items():
        old_html = before[anchor][1] if anchor in changed else new_html
        if old_html == new_html:
            if not new_html:
                continue
            status, html = Status.UNCHANGED, new_html
        else:
            html = diff_html(old_html, new_html)
            if not old_html:
                status = Status.ADDED
            elif not new_html:
                status = Status.REMOVED
            else:
                status = Status.CHANGED
        result.append(SectionDiff(anchor, heading, status, mark_safe(html)))  # noqa: S308 - nh3
    return result


def diff_versions(dossier: Dossier, a: int, b: int) -> list[SectionDiff] | None:
    """Sections of versions ``a`` and ``b``; None when a text was not kept."""
    versions = {
        v.number: v
        for v in DossierVersion.objects.filter(dossier=dossier, number__in=[a, b])
    }
    if any(versions.get(n) is None or versions[n].content is None for n in (a, b)):
        return None
    return diff_contents(versions[a].content, versions[b].content, dossier)
