"""Demo reactions, from comments/demo/reactions.toml.

Reactions are written straight to the database, not through
``services.comment_submit``: they carry their historical posting times, and
a demo must not queue moderator mails or count against rate limits. Pending
ones still pass the real content rules (``spam.content_spam_reason``), so the
moderation queue shows a reaction held back as spam with the rule that fired.
"""

from django.db import transaction

from core.demo import read
from core.kinds import ITEM_FIELDS

from . import rendering, spam, trust
from .models import (
    ITEM_MODELS,
    Comment,
    CommentStatus,
    item_field,
)


def _item(thread):
    for kind, field in ITEM_FIELDS.items():
        if field in thread:
            return ITEM_MODELS[kind].objects.get(slug=thread[field])
    raise ValueError(f"A demo thread names no article or dossier: {thread}")


def _reaction(item, data, parents) -> Comment:
    found = (
        Comment.objects.for_item(item)
        .filter(name=data["name"], created_at=data["posted"])
        .first()
    )
    if found is not None:
        return found
    parent = parents[data["reply_to"]] if "reply_to" in data else None
    comment = Comment(
        parent=parent,
        name=data["name"],
        email=data["email"],
        text=data["text"],
        is_staff_reply=data.get("editor", False),
        status=data.get("status", CommentStatus.APPROVED),
        # A reaction on a dossier: the version and section it was written
        # on, the version that took it in, whether it is for the revision.
        version_number=data.get("version"),
        section=data.get("section", ""),
        incorporated_in=data.get("incorporated_in"),
        relevant_for_review=data.get("relevant_for_review", False),
    )
    comment.email_hash = trust.writer_hash(
        email=comment.email, is_staff_reply=comment.is_staff_reply
    )
    setattr(comment, item_field(item), item)
    if comment.status == CommentStatus.PENDING:
        comment.spam_reason = spam.content_spam_reason(
            name=comment.name, email=comment.email, text=comment.text
        )
        if comment.spam_reason:
            comment.status = CommentStatus.SPAM
    else:
        comment.moderated_at = data["posted"]
    comment.full_clean(exclude=["path"])
    comment.save()
    comment.assign_path(save=False)
    # auto_now_add set "now"; the demo keeps the moment it was written.
    comment.created_at = data["posted"]
    # As every write path does: the HTML readers get (comments.rendering).
    rendering.store_html(comment, also=["path", "created_at"])
    return comment


@transaction.atomic
def load_reactions() -> int:
    """Create the demo threads' missing reactions; returns how many exist."""
    for thread in read("comments", "reactions")["thread"]:
        item = _item(thread)
        parents = {}
        for data in thread["reaction"]:
            comment = _reaction(item, data, parents)
            if "key" in data:
                parents[data["key"]] = comment
    return Comment.objects.count()


def load() -> dict[str, int]:
    return {"reactions": load_reactions()}
