"""Rich text for editors, sanitised on the server whatever the client sends.

Editors use django-prose-editor (a Tiptap/ProseMirror editor) in the admin,
limited to what the site's layout supports: headings, paragraphs, lists,
links, bold and italic, and quotes. The allow-list that nh3 applies is derived
from the same extension list, so the editor and the sanitiser cannot drift
apart (https://django-prose-editor.readthedocs.io/en/latest/configuration.html).

django-prose-editor sanitises in ``Field.clean()``, which only runs through
model forms. ``RichTextField`` also sanitises in ``pre_save()``, so HTML that
reaches the database by any other route (the ORM, a script, an import) is
cleaned too.

Nesting is bounded (``MAX_NESTING``): nh3 keeps 5,000 quotes nested in one
another, which every page still showed but which made WeasyPrint fail with a
RecursionError on the dossier's PDF. Tags nested deeper lose their markup,
never their text.
"""

import re
from collections.abc import Callable

from django_prose_editor.fields import ProseEditorField, create_sanitizer

# Deeper than any text an editor writes (a list in a quote in a list…).
MAX_NESTING = 20
VOID_TAGS = {"br", "hr", "img", "wbr"}
# A tag as nh3 serialises it; attribute values are quoted (and may hold ">").
TAG_RE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")


def limit_nesting(html: str, max_depth: int = MAX_NESTING) -> str:
    """``html`` (balanced, as nh3 returns it) without the tags nested deeper
    than ``max_depth``; their text stays where it was."""
    out, kept, depth, position = [], [], 0, 0
    for match in TAG_RE.finditer(html):
        out.append(html[position : match.start()])
        position = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name in VOID_TAGS:
            out.append(match.group(0))
        elif not closing:
            keep = depth < max_depth
            kept.append(keep)
            if keep:
                depth += 1
                out.append(match.group(0))
        elif kept and kept.pop():
            depth -= 1
            out.append(match.group(0))
    out.append(html[position:])
    return "".join(out)


def rich_text_sanitizer(*, heading_levels: tuple[int, ...]) -> Callable[[str], str]:
    """nh3 with the editor's allow-list, then the nesting bound: the one
    cleaning every rich text gets, on save and on output."""
    clean = create_sanitizer(rich_text_extensions(heading_levels=heading_levels))
    return lambda html: limit_nesting(clean(html))


def rich_text_extensions(*, heading_levels: tuple[int, ...]) -> dict:
    return {
        "Heading": {"levels": list(heading_levels)},
        "Paragraph": True,
        "HardBreak": True,
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "Bold": True,
        "Italic": True,
        # No target="_blank" (links open where readers expect) and only
        # schemes a reader can safely follow: no javascript:, no data:.
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    }


class RichTextField(ProseEditorField):
    """A ``TextField`` edited with the prose editor and stored sanitised."""

    def __init__(self, *args, heading_levels=(2, 3), **kwargs):
        self.heading_levels = tuple(heading_levels)
        kwargs.setdefault(
            "extensions", rich_text_extensions(heading_levels=self.heading_levels)
        )
        kwargs["sanitize"] = True
        super().__init__(*args, **kwargs)
        clean = create_sanitizer(self.config["extensions"])
        self._sanitizer = lambda html: limit_nesting(clean(html))

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = self._sanitizer(value)
            setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # Migrations see a plain TextField (ProseEditorField.deconstruct does
        # the same); the editor and sanitiser are not part of the schema.
        kwargs.pop("heading_levels", None)
        return name, path, args, kwargs
