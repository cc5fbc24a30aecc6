"""Read a rendered HTML form the way a browser would submit it.

The one form reader of the project: the tests (Django's test client), the
visitor of the load and fault scripts (scripts/visitor.py) and the tests that
talk HTTP to gunicorn all read forms with ``form_data``.
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id, form_class):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.form_class = form_class
        self.in_form = False
        self.data: list[tuple[str, str]] = []
        self._select = None
        self._select_multiple = False
        self._textarea = None
        self._text = []
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self._wanted(attrs):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append(
                (name, attrs.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "select" and name:
            self._select = name
            self._select_multiple = "multiple" in attrs
        elif tag == "option" and self._select and "selected" in attrs:
            self._option = attrs.get("value")
            if self._option is not None:
                self.data.append((self._select, self._option))
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def _wanted(self, attrs) -> bool:
        if self.form_id is not None and attrs.get("id") != self.form_id:
            return False
        classes = (attrs.get("class") or "").split()
        return self.form_class is None or self.form_class in classes

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None


def form_data(
    html: str, form_id: str | None = None, *, form_class: str | None = None
) -> dict[str, list[str]]:
    """The fields of a form (by id or class; else every form on the page) as
    {name: [values]}, ready for ``client.post``."""
    parser = _FormParser(form_id, form_class)
    parser.feed(html)
    parser.close()
    data: dict[str, list[str]] = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data
