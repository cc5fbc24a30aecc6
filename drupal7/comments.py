"""A node's comments become its reactions, with their threading.

Drupal keeps the parent in ``pid`` and the place in the thread in ``thread``
(e.g. "01.00/"); reading in thread order puts every parent before its
replies, so each reply finds its parent's new id and path. Published
comments are approved, unpublished ones wait in the moderation queue. The
commenter's IP address (``hostname``) is never read (see reader.py).

A chunk's new reactions are written with one INSERT (``bulk.insert``), with
Drupal's date and their stored HTML (comments.rendering) in it: their ids
are drawn from the sequence first, so each reply knows its parent's path,
and each reaction its HTML, before anything is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import rendering
from comments.forms import (
    BIDI_CONTROL_CHARS,
    INVISIBLE,
    LINE_CONTROL_CHARS,
    TEXT_CONTROL_CHARS,
)
from comments.models import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment, CommentStatus
from comments.trust import writer_hash

from . import report as r
from .bulk import draw_ids, insert
from .context import Context
from .nodes import Item
from .state import Ledger, fingerprint, known, moment
from .text import TextError, to_plain_text


def _state(comment: Comment) -> dict:
    return {
        "parent": comment.parent_id,
        "status": comment.status,
        "name": comment.name,
        "email": comment.email,
        "text": comment.text,
        "is_staff_reply": comment.is_staff_reply,
        "created_at": comment.created_at,
    }


def _readable(value: str, *, keep_lines: bool = False) -> str:
    """``value`` without what the reaction form refuses (comments/forms.py):
    control characters and the invisible controls that reverse the writing
    direction; a name of only invisible characters becomes empty."""
    pattern = TEXT_CONTROL_CHARS if keep_lines else LINE_CONTROL_CHARS
    value = BIDI_CONTROL_CHARS.sub("", pattern.sub("", value))
    return value if INVISIBLE.sub("", value) else ""


def _email(value: str) -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value[:254]


def values_for(comment: dict, *, node: dict, users, editor_uids, formats) -> dict:
    cid = comment["cid"]
    user = users.get(comment["uid"]) or {}
    try:
        text = to_plain_text(comment["body"], comment["format"], formats=formats)
    except TextError as error:
        raise r.ItemFailure("comment", cid, str(error)) from error
    text = text or " ".join((comment["subject"] or "").split())
    if not text:
        raise r.ItemFailure("comment", cid, _("The comment has no text."))
    if len(text) > MAX_TEXT_LENGTH:
        raise r.ItemFailure(
            "comment",
            cid,
            _("The comment is longer than %(n)s characters.") % {"n": MAX_TEXT_LENGTH},
        )
    name = _readable(comment["name"] or user.get("name") or "").strip() or _(
        "Anonymous"
    )
    text = _readable(text, keep_lines=True)
    if not INVISIBLE.sub("", text):
        raise r.ItemFailure("comment", cid, _("The comment has no text."))
    uid = comment["uid"]
    return {
        "status": CommentStatus.APPROVED
        if comment["status"]
        else CommentStatus.PENDING,
        "name": name[:MAX_NAME_LENGTH],
        "email": _email(comment["mail"] or user.get("mail") or ""),
        "text": text,
        "is_staff_reply": bool(uid) and (uid == node["uid"] or uid in editor_uids),
        "created_at": moment(comment["created"]),
    }


def prepare(item: Item, *, context: Context) -> None:
    """Our values of each of the node's comments (raises ItemFailure)."""
    item.comments = [
        (
            comment,
            values_for(
                comment,
                node=item.data.node,
                users=item.data.users,
                editor_uids=context.editor_uids,
                formats=context.mapping.formats,
            ),
        )
        for comment in item.data.comments
    ]


def write(items: list[Item], *, overwrite: bool, ledger: Ledger) -> None:
    """The reactions of the chunk's items; fills in each item's ``reactions``."""
    items = [item for item in items if item.obj is not None]
    rows = known("comment", [c["cid"] for item in items for c, _v in item.comments])
    existing = Comment.objects.defer("html").in_bulk(
        [row.target_id for row in rows.values()]
    )
    new: list[tuple[Item, dict, dict, Comment]] = []
    for item in items:
        item_field = "article" if item.tm.target == "article" else "dossier"
        item.tally.count("comment", r.READ, len(item.comments))
        for comment, values in item.comments:
            cid = comment["cid"]
            row = rows.get(str(cid))
            if row is None:
                reaction = Comment(
                    **{item_field: item.obj},
                    **values,
                    email_hash=writer_hash(**_who(values)),
                )
                new.append((item, comment, values, reaction))
                item.reactions[cid] = reaction
                continue
            reaction = existing.get(row.target_id)
            if reaction is None:
                item.tally.count("comment", r.KEPT)
                item.tally.note("comment", cid, _("deleted here; not created again"))
                continue
            item.reactions[cid] = reaction
            _update(item, comment, values, reaction, row, overwrite, ledger)
    _create(new, ledger)


def _update(item, comment, values, reaction, row, overwrite, ledger) -> None:
    cid, tally = comment["cid"], item.tally
    source = {**values, "parent": comment["pid"]}
    if row.source_fingerprint == fingerprint(source):
        tally.count("comment", r.UNCHANGED)
        return
    if row.fingerprint != fingerprint(_state(reaction)) and not overwrite:
        tally.count("comment", r.KEPT)
        tally.note(
            "comment", cid, _("changed here since the last import; not overwritten")
        )
        return
    # The place in the thread stays: Drupal cannot move a comment.
    for name, value in values.items():
        setattr(reaction, name, value)
    reaction.email_hash = writer_hash(**_who(values))
    rendering.store_html(reaction, also=[*values, "email_hash"])
    ledger.remember(
        row,
        kind="comment",
        drupal_id=cid,
        target=reaction,
        fingerprint=fingerprint(_state(reaction)),
        source_fingerprint=fingerprint(source),
    )
    tally.count("comment", r.UPDATED)


def _create(new: list[tuple[Item, dict, dict, Comment]], ledger: Ledger) -> None:
    ids = draw_ids(Comment, len(new))
    # Thread order: a parent has its id and path before its replies.
    for (item, comment, values, reaction), pk in zip(new, ids, strict=True):
        pid = comment["pid"]
        if pid and pid == comment["cid"]:
            item.tally.note(
                "comment",
                comment["cid"],
                _("it is its own parent; shown at the top level"),
            )
            pid = 0
        parent = item.reactions.get(pid) if pid else None
        if pid and parent is None:
            item.tally.note(
                "comment",
                comment["cid"],
                _("its parent comment %(pid)s is missing; shown at the top level")
                % {"pid": pid},
            )
        reaction.pk = pk
        reaction.parent = parent
        reaction.path = [*(parent.path if parent else []), pk]
        reaction.created_at = values["created_at"] or timezone.now()
        reaction.html, reaction.html_key = rendering.html_for(reaction)
        ledger.remember(
            None,
            kind="comment",
            drupal_id=comment["cid"],
            target=reaction,
            fingerprint=fingerprint(_state(reaction)),
            source_fingerprint=fingerprint({**values, "parent": pid}),
        )
        item.tally.count("comment", r.CREATED)
    insert(Comment, [reaction for *_rest, reaction in new], as_given=["created_at"])


def _who(values: dict) -> dict:
    """The writer, as the moderation queue's history counts them."""
    return {"email": values["email"], "is_staff_reply": values["is_staff_reply"]}
