"""Filling a Drupal 7 source database the way Drupal itself writes its rows."""

from __future__ import annotations

import string
from datetime import UTC, datetime

from .schema import ddl

_BASE36 = string.digits + string.ascii_lowercase


def int2vancode(number: int) -> str:
    """Drupal's comment thread code for one level (comment.module)."""
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _BASE36[rest] + digits
        if not number:
            break
    return chr(ord("0") + len(digits) - 1) + digits


def timestamp(year, month, day, hour=12, minute=0) -> int:
    return int(datetime(year, month, day, hour, minute, tzinfo=UTC).timestamp())


class DrupalSite:
    def __init__(self, connection, engine: str, prefix: str = ""):
        self.connection = connection
        self.engine = engine
        self.prefix = prefix
        self._threads: dict[int, dict] = {}  # nid -> {parent cid or 0: count}
        self._thread_of: dict[int, str] = {}

    # --- plumbing -------------------------------------------------------
    def execute(self, sql: str, params=()) -> None:
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, params)
        finally:
            cursor.close()

    def create_tables(self, extra_fields=None) -> None:
        for statement in ddl(self.engine, extra_fields, self.prefix):
            self.execute(statement)
        self.commit()

    def commit(self) -> None:
        self.connection.commit()

    def insert(self, table: str, **values) -> None:
        columns = ", ".join(values)
        marks = ", ".join(["%s"] * len(values))
        self.execute(
            f"INSERT INTO {self.prefix}{table} ({columns}) VALUES ({marks})",
            list(values.values()),
        )

    # --- what Drupal writes ---------------------------------------------
    def user(self, uid: int, name: str, mail: str = "", roles=()) -> None:
        self.insert(
            "users",
            uid=uid,
            name=name,
            mail=mail,
            status=1,
            created=timestamp(2015, 1, 1),
            init=mail,
        )
        for rid in roles:
            self.insert("users_roles", uid=uid, rid=rid)

    def role(self, rid: int, name: str) -> None:
        self.insert("role", rid=rid, name=name, weight=rid)

    def vocabulary(self, vid: int, machine_name: str, name: str) -> None:
        self.insert(
            "taxonomy_vocabulary",
            vid=vid,
            machine_name=machine_name,
            name=name,
            module="taxonomy",
            description="",
        )

    def term(self, tid: int, vid: int, name: str, description: str = "") -> None:
        self.insert(
            "taxonomy_term_data",
            tid=tid,
            vid=vid,
            name=name,
            description=description,
            format="plain_text",
        )

    def text_field(
        self,
        field: str,
        nid: int,
        vid: int,
        bundle: str,
        value: str,
        fmt: str = "filtered_html",
        summary: str | None = None,
        revision_only: bool = False,
    ) -> None:
        values = {
            "entity_type": "node",
            "bundle": bundle,
            "deleted": 0,
            "entity_id": nid,
            "revision_id": vid,
            "language": "und",
            "delta": 0,
            f"{field}_value": value,
            f"{field}_format": fmt,
        }
        if summary is not None:
            values[f"{field}_summary"] = summary
        if not revision_only:
            self.insert(f"field_data_{field}", **values)
        self.insert(f"field_revision_{field}", **values)

    def node(
        self,
        nid: int,
        type: str,
        title: str,
        *,
        uid: int,
        created: int,
        changed: int | None = None,
        status: int = 1,
        comment: int = 2,
        body: str | None = None,
        summary: str | None = None,
        fmt: str = "filtered_html",
        tags=(),
        alias: str | None = None,
        log: str = "",
        vid: int | None = None,
    ) -> None:
        vid = vid or nid
        changed = changed or created
        self.insert(
            "node",
            nid=nid,
            vid=vid,
            type=type,
            language="und",
            title=title,
            uid=uid,
            status=status,
            created=created,
            changed=changed,
            comment=comment,
            promote=1,
            sticky=0,
            tnid=0,
            translate=0,
        )
        self.insert(
            "node_revision",
            nid=nid,
            vid=vid,
            uid=uid,
            title=title,
            log=log,
            timestamp=changed,
            status=status,
            comment=comment,
            promote=1,
            sticky=0,
        )
        if body is not None:
            self.text_field("body", nid, vid, type, body, fmt, summary)
        for delta, tid in enumerate(tags):
            for table in ("field_data_field_tags", "field_revision_field_tags"):
                self.insert(
                    table,
                    entity_type="node",
                    bundle=type,
                    deleted=0,
                    entity_id=nid,
                    revision_id=vid,
                    language="und",
                    delta=delta,
                    field_tags_tid=tid,
                )
            self.insert("taxonomy_index", nid=nid, tid=tid, sticky=0, created=created)
        if alias:
            self.insert("url_alias", source=f"node/{nid}", alias=alias, language="und")

    def revision(
        self,
        nid: int,
        vid: int,
        *,
        uid: int,
        title: str,
        log: str,
        when: int,
        body: str | None = None,
    ) -> None:
        """An older revision of a node (Drupal keeps every saved version)."""
        self.insert(
            "node_revision",
            nid=nid,
            vid=vid,
            uid=uid,
            title=title,
            log=log,
            timestamp=when,
            status=1,
            comment=2,
            promote=1,
            sticky=0,
        )
        if body is not None:
            self.text_field("body", nid, vid, "", body, revision_only=True)

    def image(
        self,
        nid: int,
        vid: int,
        bundle: str,
        *,
        fid: int,
        uri: str,
        alt: str,
        title: str = "",
    ) -> None:
        self.insert(
            "file_managed",
            fid=fid,
            uid=1,
            filename=uri.rsplit("/", 1)[-1],
            uri=uri,
            filemime="image/jpeg",
            filesize=1000,
            status=1,
            timestamp=timestamp(2017, 1, 12),
        )
        for table in ("field_data_field_image", "field_revision_field_image"):
            self.insert(
                table,
                entity_type="node",
                bundle=bundle,
                deleted=0,
                entity_id=nid,
                revision_id=vid,
                language="und",
                delta=0,
                field_image_fid=fid,
                field_image_alt=alt,
                field_image_title=title,
                field_image_width=800,
                field_image_height=600,
            )

    def comment(
        self,
        cid: int,
        nid: int,
        *,
        text: str,
        created: int,
        pid: int = 0,
        uid: int = 0,
        name: str = "",
        mail: str = "",
        hostname: str = "",
        status: int = 1,
        fmt: str = "filtered_html",
        bundle: str = "article",
    ) -> None:
        """comment_save(): the thread code from the parent's, as Drupal does."""
        counters = self._threads.setdefault(nid, {})
        n = counters.get(pid, 0)
        counters[pid] = n + 1
        if pid:
            thread = f"{self._thread_of[pid]}.{int2vancode(n)}/"
        else:
            thread = f"{int2vancode(n + 1)}/"
        self._thread_of[cid] = thread.rstrip("/")
        self.insert(
            "comment",
            cid=cid,
            pid=pid,
            nid=nid,
            uid=uid,
            subject=text[:29],
            hostname=hostname,
            created=created,
            changed=created,
            status=status,
            thread=thread,
            name=name,
            mail=mail,
            homepage="",
            language="und",
        )
        self.insert(
            "field_data_comment_body",
            entity_type="comment",
            bundle=f"comment_node_{bundle}",
            deleted=0,
            entity_id=cid,
            revision_id=cid,
            language="und",
            delta=0,
            comment_body_value=text,
            comment_body_format=fmt,
        )
