"""Drupal 7's own tables, as its hook_schema() implementations define them.

Transcribed from Drupal 7 core: node.install (node, node_revision),
comment.install (comment), taxonomy.install (taxonomy_vocabulary,
taxonomy_term_data, taxonomy_index and the term reference field's ``tid``),
user.install (users, role, users_roles), system.install (url_alias,
file_managed), field_sql_storage.module (the field_data_* / field_revision_*
tables), text.install (value, summary, format) and image.install (fid, alt,
title, width, height). ``ddl()`` writes CREATE TABLE statements the way
Drupal's MySQL and PostgreSQL schema drivers do (includes/database/*/schema.inc),
so the test source has the real names, types and keys.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # serial, int, varchar, text, blob
    length: int | None = None
    size: str = "normal"
    unsigned: bool = False
    not_null: bool = True
    default: object = None


def _int(name, **kw):
    return Col(name, "int", **kw)


def _varchar(name, length, **kw):
    return Col(name, "varchar", length, **kw)


TABLES: dict[str, dict] = {
    "node": {
        "fields": [
            Col("nid", "serial", unsigned=True),
            _int("vid", unsigned=True, default=0),
            _varchar("type", 32, default=""),
            _varchar("language", 12, default=""),
            _varchar("title", 255, default=""),
            _int("uid", default=0),
            _int("status", default=1),
            _int("created", default=0),
            _int("changed", default=0),
            _int("comment", default=0),
            _int("promote", default=0),
            _int("sticky", default=0),
            _int("tnid", unsigned=True, default=0),
            _int("translate", default=0),
        ],
        "primary key": ["nid"],
        "unique keys": {"vid": ["vid"]},
    },
    "node_revision": {
        "fields": [
            _int("nid", unsigned=True, default=0),
            Col("vid", "serial", unsigned=True),
            _int("uid", default=0),
            _varchar("title", 255, default=""),
            Col("log", "text", size="big"),
            _int("timestamp", default=0),
            _int("status", default=1),
            _int("comment", default=0),
            _int("promote", default=0),
            _int("sticky", default=0),
        ],
        "primary key": ["vid"],
    },
    "comment": {
        "fields": [
            Col("cid", "serial"),
            _int("pid", default=0),
            _int("nid", default=0),
            _int("uid", default=0),
            _varchar("subject", 64, default=""),
            _varchar("hostname", 128, default=""),
            _int("created", default=0),
            _int("changed", default=0),
            _int("status", size="tiny", unsigned=True, default=1),
            _varchar("thread", 255),
            _varchar("name", 60, not_null=False),
            _varchar("mail", 64, not_null=False),
            _varchar("homepage", 255, not_null=False),
            _varchar("language", 12, default=""),
        ],
        "primary key": ["cid"],
    },
    "taxonomy_vocabulary": {
        "fields": [
            Col("vid", "serial", unsigned=True),
            _varchar("name", 255, default=""),
            _varchar("machine_name", 255, default=""),
            Col("description", "text", size="big", not_null=False),
            _int("hierarchy", size="tiny", unsigned=True, default=0),
            _varchar("module", 255, default=""),
            _int("weight", default=0),
        ],
        "primary key": ["vid"],
        "unique keys": {"machine_name": ["machine_name"]},
    },
    "taxonomy_term_data": {
        "fields": [
            Col("tid", "serial", unsigned=True),
            _int("vid", unsigned=True, default=0),
            _varchar("name", 255, default=""),
            Col("description", "text", size="big", not_null=False),
            _varchar("format", 255, not_null=False),
            _int("weight", default=0),
        ],
        "primary key": ["tid"],
    },
    "taxonomy_index": {
        "fields": [
            _int("nid", unsigned=True, default=0),
            _int("tid", unsigned=True, default=0),
            _int("sticky", size="tiny", not_null=False, default=0),
            _int("created", default=0),
        ],
    },
    "users": {
        "fields": [
            _int("uid", unsigned=True, default=0),
            _varchar("name", 60, default=""),
            _varchar("pass", 128, default=""),
            _varchar("mail", 254, not_null=False, default=""),
            _varchar("theme", 255, default=""),
            _varchar("signature", 255, default=""),
            _varchar("signature_format", 255, not_null=False),
            _int("created", default=0),
            _int("access", default=0),
            _int("login", default=0),
            _int("status", size="tiny", default=0),
            _varchar("timezone", 32, not_null=False),
            _varchar("language", 12, default=""),
            _int("picture", default=0),
            _varchar("init", 254, not_null=False, default=""),
            Col("data", "blob", size="big", not_null=False),
        ],
        "primary key": ["uid"],
        "unique keys": {"name": ["name"]},
    },
    "role": {
        "fields": [
            Col("rid", "serial", unsigned=True),
            _varchar("name", 64, default=""),
            _int("weight", default=0),
        ],
        "primary key": ["rid"],
        "unique keys": {"name": ["name"]},
    },
    "users_roles": {
        "fields": [
            _int("uid", unsigned=True, default=0),
            _int("rid", unsigned=True, default=0),
        ],
        "primary key": ["uid", "rid"],
    },
    "url_alias": {
        "fields": [
            Col("pid", "serial", unsigned=True),
            _varchar("source", 255, default=""),
            _varchar("alias", 255, default=""),
            _varchar("language", 12, default=""),
        ],
        "primary key": ["pid"],
    },
    "file_managed": {
        "fields": [
            Col("fid", "serial", unsigned=True),
            _int("uid", unsigned=True, default=0),
            _varchar("filename", 255, default=""),
            _varchar("uri", 255, default=""),
            _varchar("filemime", 255, default=""),
            _int("filesize", unsigned=True, default=0),
            _int("status", size="tiny", default=0),
            _int("timestamp", unsigned=True, default=0),
        ],
        "primary key": ["fid"],
        "unique keys": {"uri": ["uri"]},
    },
}

# hook_field_schema() columns of the field types the tests use.
TEXT_WITH_SUMMARY = [
    Col("value", "text", size="big", not_null=False),
    Col("summary", "text", size="big", not_null=False),
    _varchar("format", 255, not_null=False),
]
TEXT_LONG = [
    Col("value", "text", size="big", not_null=False),
    _varchar("format", 255, not_null=False),
]
TERM_REFERENCE = [_int("tid", unsigned=True, not_null=False)]
IMAGE = [
    _int("fid", unsigned=True, not_null=False),
    _varchar("alt", 512, not_null=False),
    _varchar("title", 1024, not_null=False),
    _int("width", unsigned=True, not_null=False),
    _int("height", unsigned=True, not_null=False),
]


def field_tables(field_name: str, columns: list[Col]) -> dict[str, dict]:
    """_field_sql_storage_schema(): the data and the revision table of a field."""
    base = [
        _varchar("entity_type", 128, default=""),
        _varchar("bundle", 128, default=""),
        _int("deleted", size="tiny", default=0),
        _int("entity_id", unsigned=True),
        _int("revision_id", unsigned=True, not_null=False),
        _varchar("language", 32, default=""),
        _int("delta", unsigned=True),
    ]
    own = [
        Col(
            f"{field_name}_{c.name}",
            c.type,
            c.length,
            c.size,
            c.unsigned,
            c.not_null,
            c.default,
        )
        for c in columns
    ]
    revision_base = [
        c if c.name != "revision_id" else _int("revision_id", unsigned=True)
        for c in base
    ]
    return {
        f"field_data_{field_name}": {
            "fields": base + own,
            "primary key": ["entity_type", "entity_id", "deleted", "delta", "language"],
        },
        f"field_revision_{field_name}": {
            "fields": revision_base + own,
            "primary key": [
                "entity_type",
                "entity_id",
                "revision_id",
                "deleted",
                "delta",
                "language",
            ],
        },
    }


FIELDS = {
    "body": TEXT_WITH_SUMMARY,
    "comment_body": TEXT_LONG,
    "field_tags": TERM_REFERENCE,
    "field_image": IMAGE,
}


def all_tables(extra_fields: dict[str, list[Col]] | None = None) -> dict[str, dict]:
    tables = dict(TABLES)
    for name, columns in {**FIELDS, **(extra_fields or {})}.items():
        tables.update(field_tables(name, columns))
    return tables


_MYSQL_TYPES = {
    ("int", "tiny"): "TINYINT",
    ("int", "small"): "SMALLINT",
    ("int", "medium"): "MEDIUMINT",
    ("int", "normal"): "INT",
    ("int", "big"): "BIGINT",
    ("serial", "normal"): "INT",
    ("text", "normal"): "TEXT",
    ("text", "big"): "LONGTEXT",
    ("text", "medium"): "MEDIUMTEXT",
    ("blob", "big"): "LONGBLOB",
    ("blob", "normal"): "BLOB",
}
_PGSQL_TYPES = {
    ("int", "tiny"): "smallint",
    ("int", "small"): "smallint",
    ("int", "medium"): "int",
    ("int", "normal"): "int",
    ("int", "big"): "bigint",
    ("serial", "normal"): "serial",
    ("text", "normal"): "text",
    ("text", "big"): "text",
    ("text", "medium"): "text",
    ("blob", "big"): "bytea",
    ("blob", "normal"): "bytea",
}


def _literal(value) -> str:
    return str(value) if isinstance(value, int) else "'" + str(value) + "'"


def _column(col: Col, engine: str) -> str:
    if engine == "mysql":
        if col.type == "varchar":
            sql = f"{col.name} VARCHAR({col.length})"
        else:
            sql = f"{col.name} {_MYSQL_TYPES[(col.type, col.size)]}"
        if col.unsigned:
            sql += " UNSIGNED"
    else:
        if col.type == "varchar":
            sql = f"{col.name} varchar({col.length})"
        else:
            sql = f"{col.name} {_PGSQL_TYPES[(col.type, col.size)]}"
        if col.unsigned:
            sql += f" CHECK ({col.name} >= 0)"
    if col.not_null:
        sql += " NOT NULL"
    if col.type == "serial" and engine == "mysql":
        sql += " AUTO_INCREMENT"
    if col.default is not None and col.type not in ("text", "blob"):
        sql += f" DEFAULT {_literal(col.default)}"
    return sql


def ddl(engine: str, extra_fields=None, prefix: str = "") -> list[str]:
    statements = []
    for name, table in all_tables(extra_fields).items():
        parts = [_column(col, engine) for col in table["fields"]]
        if table.get("primary key"):
            parts.append(f"PRIMARY KEY ({', '.join(table['primary key'])})")
        for key, columns in table.get("unique keys", {}).items():
            if engine == "mysql":
                parts.append(f"UNIQUE KEY {key} ({', '.join(columns)})")
            else:
                parts.append(
                    f"CONSTRAINT {prefix}{name}_{key}_key UNIQUE ({', '.join(columns)})"
                )
        suffix = (
            " ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4"
            if engine == "mysql"
            else ""
        )
        statements.append(
            f"CREATE TABLE {prefix}{name} (\n  " + ",\n  ".join(parts) + f"\n){suffix}"
        )
    return statements
