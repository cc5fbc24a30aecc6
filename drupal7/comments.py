"""A node's comments become its reactions, with their threading.

Drupal keeps the parent in ``pid`` and the place in the thread in ``thread``
(e.g. "01.00/"); reading in thread order puts every parent before its
replies, so each reply finds its parent's new id and path. Published
comments are approved, unpublished ones wait in the moderation queue. The
commenter's IP address (``hostname``) is never read (see reader.py).

New reactions of one node are written with one INSERT and one UPDATE (for
parent, path and Drupal's date, which ``auto_now_add`` would overwrite).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from comments.models import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment, CommentStatus
from comments.spam import writer_hash

from . import report as r
from .models import ImportedItem
from .state import fingerprint, moment, remember
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
    name = (comment["name"] or user.get("name") or "").strip() or _("Anonymous")
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


def import_comments(
    item,
    data,
    *,
    rows: dict[str, ImportedItem],
    users,
    editor_uids,
    formats,
    overwrite: bool,
    tally: r.Tally,
) -> dict[int, Comment]:
    """Import the comments of one node onto ``item``; returns {cid: reaction}."""
    item_field = "article" if item._meta.model_name == "article" else "dossier"
    comments = data.comments
    tally.count("comment", r.READ, len(comments))
    prepared = [
        (
            c,
            values_for(
                c, node=data.node, users=users, editor_uids=editor_uids, formats=formats
            ),
        )
        for c in comments
    ]
    existing = Comment.objects.in_bulk(
        [rows[str(c["cid"])].target_id for c in comments if str(c["cid"]) in rows]
    )
    by_cid: dict[int, Comment] = {}
    new: list[tuple[dict, dict, Comment]] = []
    for comment, values in prepared:
        cid = comment["cid"]
        row = rows.get(str(cid))
        if row is None:
            reaction = Comment(
                **{item_field: item}, **values, email_hash=writer_hash(**_who(values))
            )
            new.append((comment, values, reaction))
            by_cid[cid] = reaction
            continue
        reaction = existing.get(row.target_id)
        if reaction is None:
            tally.count("comment", r.KEPT)
            tally.note("comment", cid, _("deleted here; not created again"))
            continue
        by_cid[cid] = reaction
        source = {**values, "parent": comment["pid"]}
        if row.source_fingerprint == fingerprint(source):
            tally.count("comment", r.UNCHANGED)
            continue
        if row.fingerprint != fingerprint(_state(reaction)) and not overwrite:
            tally.count("comment", r.KEPT)
            tally.note(
                "comment", cid, _("changed here since the last import; not overwritten")
            )
            continue
        # The place in the thread stays: Drupal cannot move a comment.
        for name, value in values.items():
            setattr(reaction, name, value)
        reaction.email_hash = writer_hash(**_who(values))
        Comment.objects.filter(pk=reaction.pk).update(
            **values, email_hash=reaction.email_hash, updated_at=timezone.now()
        )
        remember(
            row,
            kind="comment",
            drupal_id=cid,
            target=reaction,
            fingerprint=fingerprint(_state(reaction)),
            source_fingerprint=fingerprint(source),
        )
        tally.count("comment", r.UPDATED)
    if new:
        _create(new, by_cid, tally=tally)
    return by_cid


def _create(new, by_cid, *, tally) -> None:
    reactions = Comment.objects.bulk_create([reaction for _c, _v, reaction in new])
    for (comment, values, _reaction), reaction in zip(new, reactions, strict=True):
        parent = by_cid.get(comment["pid"]) if comment["pid"] else None
        if comment["pid"] and parent is None:
            tally.note(
                "comment",
                comment["cid"],
                _("its parent comment %(pid)s is missing; shown at the top level")
                % {"pid": comment["pid"]},
            )
        reaction.parent = parent
        reaction.path = [*(parent.path if parent else []), reaction.pk]
        reaction.created_at = values["created_at"]
    Comment.objects.bulk_update(reactions, ["parent", "path", "created_at"])
    rows = []
    for comment, values, reaction in new:
        source = {**values, "parent": comment["pid"]}
        rows.append(
            ImportedItem(
                kind="comment",
                drupal_id=str(comment["cid"]),
                target_type=_comment_type(),
                target_id=reaction.pk,
                fingerprint=fingerprint(_state(reaction)),
                source_fingerprint=fingerprint(source),
            )
        )
    ImportedItem.objects.bulk_create(rows)
    tally.count("comment", r.CREATED, len(new))


def _who(values: dict) -> dict:
    """The writer, as the moderation queue's history counts them."""
    return {"email": values["email"], "is_staff_reply": values["is_staff_reply"]}


def _comment_type():
    return ContentType.objects.get_for_model(Comment)
