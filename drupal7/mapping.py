"""The ``--mapping`` file: which Drupal content becomes which of ours.

A TOML file (read with the standard library's tomllib). Without one, the
built-in default below handles Drupal core's ``article`` and ``page`` types
with their ``body``, ``field_tags`` and ``field_image`` fields. A mapping file
inherits the built-in ``themes_vocabulary``, ``editor_roles`` and
``[formats]`` (the formats it names are added to, or change, the built-in
ones); its ``[types]`` replace the built-in types. docs/migration/drupal7.md
shows a mapping for a custom dossier type.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from articles.models import Kind
from dossiers.sections import TEXT_FIELDS

from .text import HTML, TEXT

DEFAULT_MAPPING = """
# Drupal's vocabulary whose terms become our themes.
themes_vocabulary = "tags"
# Comments by members of these Drupal roles (and by the node's author) are
# marked as replies from the editorial team.
editor_roles = ["administrator", "editor"]

[formats]
filtered_html = "html"
full_html = "html"
plain_text = "text"

[types.article]
target = "article"
kind = "artikel"
author = "user"
themes = "field_tags"
image = "field_image"
fields = { body = "body", lead = "body:summary" }

[types.page]
target = "article"
kind = "achtergrond"
author = "user"
fields = { body = "body", lead = "body:summary" }
"""

# Our fields a Drupal text field may fill, per target; rich ones are HTML.
TARGET_FIELDS = {
    "article": {"body": HTML, "lead": TEXT},
    "dossier": {"summary": TEXT, **dict.fromkeys(TEXT_FIELDS, HTML)},
}
TEXT_COLUMNS = ("value", "summary")
# Drupal field names become table names (field_data_<name>): nothing else.
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")


class MappingError(ValueError):
    """The mapping file is wrong; the message says where, in Dutch."""


@dataclass(frozen=True)
class FieldSource:
    field: str  # Drupal field name, e.g. "body"
    column: str  # "value" or "summary"


@dataclass(frozen=True)
class TypeMapping:
    drupal_type: str
    target: str  # "article" or "dossier"
    kind: str = Kind.ARTICLE
    author: str = ""  # "user" (the node's Drupal user) or a text field
    themes: str = ""  # a taxonomy term reference field
    image: str = ""  # an image field
    fields: dict[str, FieldSource] = field(default_factory=dict)

    def text_fields(self) -> set[str]:
        names = {source.field for source in self.fields.values()}
        if self.author and self.author != "user":
            names.add(self.author)
        return names


@dataclass(frozen=True)
class Mapping:
    types: dict[str, TypeMapping]
    themes_vocabulary: str
    editor_roles: tuple[str, ...]
    formats: dict[str, str]


def load(path: Path | None = None) -> Mapping:
    if path is None:
        return parse(DEFAULT_MAPPING, name=_("the built-in mapping"))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise MappingError(
            _("Cannot read the mapping file %(path)s: %(error)s")
            % {"path": path, "error": error.strerror}
        ) from error
    return parse(text, name=str(path))


def parse(text: str, *, name: str) -> Mapping:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(
            _("%(name)s is not valid TOML: %(error)s") % {"name": name, "error": error}
        ) from error
    types = data.get("types")
    if not isinstance(types, dict) or not types:
        raise MappingError(
            _("%(name)s names no content types under [types].") % {"name": name}
        )
    # What the file leaves out, the built-in mapping says.
    builtin = tomllib.loads(DEFAULT_MAPPING)
    formats = {**builtin["formats"], **data.get("formats", {})}
    for fmt, kind in formats.items():
        if kind not in (HTML, TEXT):
            raise MappingError(
                _('[formats] %(format)s must be "html" or "text".') % {"format": fmt}
            )
    roles = data.get("editor_roles", builtin["editor_roles"])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise MappingError(_("editor_roles must be a list of role names."))
    return Mapping(
        types={key: _type(key, value) for key, value in types.items()},
        themes_vocabulary=str(
            data.get("themes_vocabulary", builtin["themes_vocabulary"])
        ),
        editor_roles=tuple(roles),
        formats=dict(formats),
    )


def _type(drupal_type: str, data: dict) -> TypeMapping:
    where = f"[types.{drupal_type}]"
    target = data.get("target")
    if target not in TARGET_FIELDS:
        raise MappingError(
            _('%(where)s: target must be "article" or "dossier".') % {"where": where}
        )
    kind = data.get("kind", Kind.ARTICLE)
    if target == "article" and kind not in Kind.values:
        raise MappingError(
            _("%(where)s: kind must be one of %(kinds)s.")
            % {"where": where, "kinds": ", ".join(Kind.values)}
        )
    fields = {}
    for ours, theirs in dict(data.get("fields", {})).items():
        if ours not in TARGET_FIELDS[target]:
            raise MappingError(
                _(
                    "%(where)s: a %(target)s has no field %(field)r; "
                    "use one of %(fields)s."
                )
                % {
                    "where": where,
                    "target": target,
                    "field": ours,
                    "fields": ", ".join(TARGET_FIELDS[target]),
                }
            )
        drupal_field, _sep, column = str(theirs).partition(":")
        column = column or "value"
        _check_field_name(where, drupal_field)
        if column not in TEXT_COLUMNS:
            raise MappingError(
                _("%(where)s: %(source)r: the part after ':' must be value or summary.")
                % {"where": where, "source": theirs}
            )
        fields[ours] = FieldSource(drupal_field, column)
    for key in ("author", "themes", "image"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise MappingError(
                _("%(where)s: %(key)s must be a field name.")
                % {"where": where, "key": key}
            )
        if value and value != "user":
            _check_field_name(where, value)
    return TypeMapping(
        drupal_type=drupal_type,
        target=target,
        kind=kind if target == "article" else "",
        author=data.get("author", ""),
        themes=data.get("themes", ""),
        image=data.get("image", "") if target == "article" else "",
        fields=fields,
    )


def _check_field_name(where: str, name: str) -> None:
    if not FIELD_NAME.fullmatch(name):
        raise MappingError(
            _("%(where)s: %(name)r is not a Drupal field name.")
            % {"where": where, "name": name}
        )
