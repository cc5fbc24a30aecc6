"""Reading a Drupal 7 database: its own tables, in bounded batches.

Nodes are read by key (``nid > last ORDER BY nid LIMIT n``) and everything
that hangs off a batch (field values, terms, aliases, revisions, comments) is
read for that batch's ids only, so memory holds one batch at a time however
large the site, and no cursor stays open between batches (both drivers can
then use one connection for all queries).

The comment query names its columns: ``comment.hostname`` holds the
commenter's raw IP address and is never read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from .source import Source, placeholders

NODE_COLUMNS = "nid, vid, type, language, title, uid, status, created, changed, comment"
# Everything we take from {comment}; hostname (an IP address) is left out on purpose.
COMMENT_COLUMNS = (
    "c.cid, c.pid, c.nid, c.uid, c.subject, c.created, c.changed, c.status, "
    "c.thread, c.name, c.mail"
)


class Reader:
    def __init__(self, source: Source):
        self.source = source
        self._columns: dict[str, set[str]] = {}

    # --- users and roles ---------------------------------------------------

    def uids_with_roles(self, role_names: Sequence[str]) -> set[int]:
        if not role_names:
            return set()
        rows = self.source.rows(
            "SELECT ur.uid FROM {users_roles} ur JOIN {role} r ON r.rid = ur.rid "
            f"WHERE r.name IN ({placeholders(role_names)})",
            list(role_names),
        )
        return {row["uid"] for row in rows}

    def users(self, uids: set[int]) -> dict[int, dict]:
        uids = sorted(uid for uid in uids if uid)
        if not uids:
            return {}
        rows = self.source.rows(
            "SELECT uid, name, mail FROM {users} "
            f"WHERE uid IN ({placeholders(uids)})",
            uids,
        )
        return {row["uid"]: row for row in rows}

    # --- taxonomy ----------------------------------------------------------

    def terms(self, vocabulary: str) -> list[dict]:
        return self.source.rows(
            "SELECT t.tid, t.name, t.description, t.format, t.weight "
            "FROM {taxonomy_term_data} t "
            "JOIN {taxonomy_vocabulary} v ON v.vid = t.vid "
            "WHERE v.machine_name = %s ORDER BY t.tid",
            [vocabulary],
        )

    # --- nodes -------------------------------------------------------------

    def node_count(self) -> int:
        return self.source.rows("SELECT count(*) AS n FROM {node}")[0]["n"]

    def node_batches(self, size: int) -> Iterator[list[dict]]:
        last = 0
        while True:
            rows = self.source.rows(
                f"SELECT {NODE_COLUMNS} FROM {{node}} WHERE nid > %s "
                "ORDER BY nid LIMIT %s",
                [last, size],
            )
            if not rows:
                return
            yield rows
            last = rows[-1]["nid"]

    def columns(self, table: str) -> set[str]:
        if table not in self._columns:
            if self.source.engine == "postgresql":
                sql = (
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = %s"
                )
            else:
                sql = (
                    "SELECT column_name AS column_name FROM information_schema.columns "
                    "WHERE table_schema = DATABASE() AND table_name = %s"
                )
            rows = self.source.rows(sql, [self.source.table(table)])
            self._columns[table] = {row["column_name"].lower() for row in rows}
        return self._columns[table]

    def field_values(
        self, field: str, wanted: Sequence[str], entity_type: str, ids: Sequence[int]
    ) -> dict[int, list[dict]]:
        """Rows of ``field_data_<field>`` per entity id, in delta order.

        ``wanted`` are the field's columns without prefix (``value``, ``tid``);
        a column the table lacks (a text field without summary) reads as None.
        Each row also carries its ``language``.
        """
        table = f"field_data_{field}"
        present = self.columns(table)
        if not present or not ids:
            return {}
        selected = ["entity_id", "language", "delta"]
        for column in wanted:
            real = f"{field}_{column}"
            selected.append(
                f"{real} AS {column}" if real in present else f"NULL AS {column}"
            )
        rows = self.source.rows(
            f"SELECT {', '.join(selected)} FROM {{{table}}} "
            f"WHERE entity_type = %s AND deleted = 0 "
            f"AND entity_id IN ({placeholders(ids)}) ORDER BY entity_id, delta",
            [entity_type, *ids],
        )
        by_entity = defaultdict(list)
        for row in rows:
            by_entity[row["entity_id"]].append(row)
        return by_entity

    def files(self, fids: Sequence[int]) -> dict[int, dict]:
        fids = sorted({fid for fid in fids if fid})
        if not fids:
            return {}
        rows = self.source.rows(
            "SELECT fid, filename, uri, filemime FROM {file_managed} "
            f"WHERE fid IN ({placeholders(fids)})",
            fids,
        )
        return {row["fid"]: row for row in rows}

    def aliases(self, nids: Sequence[int]) -> dict[int, list[dict]]:
        sources = [f"node/{nid}" for nid in nids]
        if not sources:
            return {}
        rows = self.source.rows(
            "SELECT pid, source, alias, language FROM {url_alias} "
            f"WHERE source IN ({placeholders(sources)}) ORDER BY pid",
            sources,
        )
        by_node = defaultdict(list)
        for row in rows:
            by_node[int(row["source"].removeprefix("node/"))].append(row)
        return by_node

    def revisions(self, nids: Sequence[int]) -> dict[int, list[dict]]:
        if not nids:
            return {}
        rows = self.source.rows(
            "SELECT r.nid, r.vid, r.uid, r.title, r.log, r.timestamp, r.status "
            f"FROM {{node_revision}} r WHERE r.nid IN ({placeholders(nids)}) "
            "ORDER BY r.nid, r.vid",
            list(nids),
        )
        by_node = defaultdict(list)
        for row in rows:
            by_node[row["nid"]].append(row)
        return by_node

    def comments(self, nids: Sequence[int]) -> dict[int, list[dict]]:
        """The comments of these nodes with their body, in thread order."""
        if not nids:
            return {}
        rows = self.source.rows(
            f"SELECT {COMMENT_COLUMNS}, b.comment_body_value AS body, "
            "b.comment_body_format AS format FROM {comment} c "
            "LEFT JOIN {field_data_comment_body} b ON b.entity_type = 'comment' "
            "AND b.entity_id = c.cid AND b.deleted = 0 AND b.delta = 0 "
            f"WHERE c.nid IN ({placeholders(nids)}) ORDER BY c.nid, c.cid",
            list(nids),
        )
        by_node = defaultdict(list)
        for row in rows:
            by_node[row["nid"]].append(row)
        for comments in by_node.values():
            comments.sort(key=thread_key)
        return by_node


def thread_key(comment: dict) -> str:
    """Drupal orders a thread by ``thread`` without its trailing "/"
    (comment_get_thread); with it, "01.00/" would sort before "01/"."""
    return (comment["thread"] or "").rstrip("/")
