"""Drupal's text formats into ours.

Drupal 7 stores each text with the machine name of its format (core:
``filtered_html``, ``full_html``, ``plain_text``); its filters run when a page
is shown. We turn a stored text into what our fields hold when it is
imported: rich text goes through the editor's own sanitiser (the field's, so
the import and the editor can never allow different markup); plain-text
fields (a lead, a reaction) get the words without markup.

A format the mapping does not name (e.g. ``php_code``, which would run PHP)
is a failure of that item, never a guess.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _

# What each kind of format means for the stored text.
HTML = "html"  # markup, sanitised; line breaks become paragraphs (filter_autop)
TEXT = "text"  # plain text, escaped; line breaks become paragraphs

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
BLOCK_TAG = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|blockquote|table|pre|br)\b", re.IGNORECASE
)
BLANK_LINES = re.compile(r"\n\s*\n")


class TextError(ValueError):
    """A text that cannot be imported; the message says why, in Dutch."""


def check_characters(text: str) -> None:
    if CONTROL_CHARACTERS.search(text):
        raise TextError(_("The text contains control characters (broken data)."))


def paragraphs(text: str) -> str:
    """Drupal's filter_autop, simplified: blank lines separate paragraphs,
    single line breaks become <br>. Texts that already carry block markup
    are left as they are."""
    text = text.replace("\r\n", "\n").strip()
    if not text or BLOCK_TAG.search(text):
        return text
    return "".join(
        "<p>{}</p>".format(part.strip().replace("\n", "<br>"))
        for part in BLANK_LINES.split(text)
        if part.strip()
    )


def to_rich_text(value: str | None, fmt: str | None, *, formats, sanitise) -> str:
    """A Drupal text in ``fmt`` as sanitised HTML for one of our rich fields."""
    value = value or ""
    if not value.strip():
        return ""
    check_characters(value)
    kind = format_kind(fmt, formats)
    source = paragraphs(html.escape(value) if kind == TEXT else value)
    return sanitise(source)


def to_plain_text(value: str | None, fmt: str | None, *, formats) -> str:
    """A Drupal text in ``fmt`` as plain text (a lead, a summary, a reaction)."""
    value = value or ""
    check_characters(value)
    kind = format_kind(fmt, formats)
    return plain_text(value, kind=kind)


def format_kind(fmt: str | None, formats: dict[str, str]) -> str:
    fmt = fmt or "plain_text"
    if fmt not in formats:
        raise TextError(
            _("Unknown text format %(format)r; name it under [formats] in the mapping.")
            % {"format": fmt}
        )
    return formats[fmt]


class _TextParser(HTMLParser):
    """Words of an HTML text, with paragraphs and line breaks kept.

    A link whose text is not its address keeps the address after the text, in
    brackets: a reaction's links stay visible and the thread links them again.
    """

    BREAK_AFTER = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
    BREAK_AROUND = {"ul", "ol", "blockquote", "table", "pre"}
    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BREAK_AROUND:
            self.parts.append("\n\n")
        elif tag == "a":
            self.href = dict(attrs).get("href") or None
            self.link_text = []

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAK_AFTER or tag in self.BREAK_AROUND:
            self.parts.append("\n\n")
        elif tag == "a" and self.href:
            text = "".join(self.link_text).strip()
            if self.href.startswith(("http://", "https://")) and self.href != text:
                self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data):
        if self.skipping:
            return
        self.parts.append(data)
        if self.href is not None:
            self.link_text.append(data)


def plain_text(value: str, *, kind: str = HTML) -> str:
    if kind == TEXT:
        text = value
    else:
        parser = _TextParser()
        parser.feed(value)
        parser.close()
        text = "".join(parser.parts)
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
