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
"""

from django_prose_editor.fields import ProseEditorField, create_sanitizer


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
        self._sanitizer = create_sanitizer(self.config["extensions"])

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
