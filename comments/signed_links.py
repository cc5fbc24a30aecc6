"""Signed links in mails to a reaction's writer, who has no account.

Each link names one action and one reaction, is signed with SECRET_KEY (salt
per action, so a link for one action never works for another) and expires.
It also carries a short keyed hash of the address the reaction was written
with: after an erasure (the address is gone) an old link stops working.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from outbox.mail import absolute

from . import spam
from .models import Comment

CONFIRM = "confirm"
EDIT = "edit"
WITHDRAW = "withdraw"
ACTIONS = {CONFIRM, EDIT, WITHDRAW}
URL_NAMES = {
    CONFIRM: "comments:confirm",
    EDIT: "comments:edit",
    WITHDRAW: "comments:withdraw",
}


def max_age(action: str) -> int:
    """Seconds a link stays valid: a week to confirm (unconfirmed requests
    lapse), COMMENTS_WRITER_LINK_DAYS to edit or withdraw."""
    if action == CONFIRM:
        return settings.COMMENTS_CONFIRM_DAYS * 24 * 3600
    return settings.COMMENTS_WRITER_LINK_DAYS * 24 * 3600


def _address_tag(comment: Comment) -> str:
    return spam.keyed_hash(comment.email)[:16] if comment.email else ""


def make_token(comment: Comment, action: str) -> str:
    return signing.dumps(
        {"c": comment.pk, "a": _address_tag(comment)},
        salt=f"comments.writer.{action}",
        compress=False,
    )


def comment_for(token: str, action: str) -> Comment | None:
    """The reaction a link was made for; None when tampered, expired, for
    another action, or the reaction or its address is gone."""
    try:
        data = signing.loads(
            token, salt=f"comments.writer.{action}", max_age=max_age(action)
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        return None
    comment = (
        Comment.objects.select_related("article", "dossier", "parent")
        .filter(pk=data["c"])
        .first()
    )
    if comment is None or not comment.email or data.get("a") != _address_tag(comment):
        return None
    return comment


def path(comment: Comment, action: str) -> str:
    """The link on this site (for a page the writer is on)."""
    return reverse(URL_NAMES[action], kwargs={"token": make_token(comment, action)})


def url(comment: Comment, action: str) -> str:
    """The full link (for a mail)."""
    return absolute(path(comment, action))
