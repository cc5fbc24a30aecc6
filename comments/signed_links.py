"""Signed links in mails to a reaction's writer, who has no account.

Each link names one action and one reaction, is signed with SECRET_KEY (salt
per action, so a link for one action never works for another) and expires.
It also carries a short keyed hash of the address the reaction was written
with: after an erasure (the address is gone) an old link stops working.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from core import clients
from outbox.mail import absolute

from .models import Comment

NAMESPACE = "comments.writer"
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


# --- The rule, for any row a visitor without an account acts on by mail -------


def address_tag(email: str) -> str:
    """A short keyed hash of the address a link was made for."""
    return clients.keyed_hash(email)[:16] if email else ""


def sign(*, namespace: str, action: str, pk: int, email: str) -> str:
    """A link token for ``action`` on row ``pk`` written with ``email``."""
    return signing.dumps(
        {"c": pk, "a": address_tag(email)},
        salt=f"{namespace}.{action}",
        compress=False,
    )


def unsign(token: str, *, namespace: str, action: str, max_age: int):
    """(pk, address tag) of a valid token; None when tampered, expired or
    for another action. Check the tag against the row's address now with
    ``address_tag``: after an erasure the link stops working."""
    try:
        data = signing.loads(token, salt=f"{namespace}.{action}", max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        return None
    return data["c"], data.get("a")


# --- A reaction's writer -------------------------------------------------------


def make_token(comment: Comment, action: str) -> str:
    return sign(namespace=NAMESPACE, action=action, pk=comment.pk, email=comment.email)


def comment_for(token: str, action: str) -> Comment | None:
    """The reaction a link was made for; None when tampered, expired, for
    another action, or the reaction or its address is gone."""
    found = unsign(token, namespace=NAMESPACE, action=action, max_age=max_age(action))
    if found is None:
        return None
    pk, tag = found
    comment = (
        Comment.objects.select_related("article", "dossier", "parent")
        .filter(pk=pk)
        .first()
    )
    if comment is None or not comment.email or tag != address_tag(comment.email):
        return None
    return comment


def path(comment: Comment, action: str) -> str:
    """The link on this site (for a page the writer is on)."""
    return reverse(URL_NAMES[action], kwargs={"token": make_token(comment, action)})


def url(comment: Comment, action: str) -> str:
    """The full link (for a mail)."""
    return absolute(path(comment, action))
