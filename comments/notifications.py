"""E-mail about reactions: what each mail says and when it is queued.

Every mail goes through ``outbox.mail.send_mail`` (written in the caller's
transaction, sent after commit, retried by cron; see outbox/mail.py for why).
This module registers how each kind is built (the outbox imports it at
startup), from the reaction as it is at sending time, so an erasure or
unsubscribe also reaches mails not yet sent.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.urls import reverse

from dossiers.models import Dossier
from dossiers.services import on_publish
from outbox.mail import absolute, register, render_message, send_mail
from outbox.models import OutgoingMail

from . import incorporation, signed_links
from .models import Comment, CommentStatus

MODERATOR = "comments.moderator"
REPLY = "comments.reply"
DIGEST = "comments.digest"
CONFIRM = "comments.confirm"
APPROVED = "comments.approved"

UNSUBSCRIBE_SALT = "comments.unsubscribe"
# An unsubscribe link in an old mail keeps working for a year.
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600


# --- Queueing (inside the caller's transaction) ------------------------------


def queue_moderator_notices(comment: Comment) -> list[OutgoingMail]:
    """One mail per moderator about a reaction (or a writer's change to a
    published one) awaiting approval."""
    if settings.COMMENTS_MODERATOR_DIGEST or not comment.awaiting_moderation:
        return []  # the daily digest lists it, or nothing waits
    return send_mail(
        kind=MODERATOR, to=settings.COMMENTS_MODERATOR_EMAILS, object_id=comment.pk
    )


def queue_reply_notice(comment: Comment) -> OutgoingMail | None:
    """Tell the writer of the parent about this approved reply, if they asked.

    Only when the parent is approved itself, its writer ticked the box, and
    the reply is not their own.
    """
    parent = comment.parent
    if (
        comment.status != CommentStatus.APPROVED
        or parent is None
        or parent.status != CommentStatus.APPROVED
        or not parent.notify_replies
        or parent.notify_confirmed_at is None
        or not parent.email
        or parent.email.lower() == (comment.email or "").lower()
    ):
        return None
    if (
        OutgoingMail.objects.filter(kind=REPLY, object_id=comment.pk)
        .to(parent.email)
        .exists()
    ):
        return None  # approved, withdrawn and approved again: one mail
    (row,) = send_mail(kind=REPLY, to=[parent.email], object_id=comment.pk)
    return row


def queue_approval_notice(comment: Comment) -> list[OutgoingMail]:
    """ "Uw reactie staat online": once per reaction, to a visitor writer."""
    if (
        comment.status != CommentStatus.APPROVED
        or comment.is_staff_reply
        or not comment.email
        or OutgoingMail.objects.filter(kind=APPROVED, object_id=comment.pk).exists()
    ):
        return []
    return send_mail(kind=APPROVED, to=[comment.email], object_id=comment.pk)


def queue_confirmation(comment: Comment) -> list[OutgoingMail]:
    """The one mail asking the writer to confirm they want reply mails."""
    return send_mail(kind=CONFIRM, to=[comment.email], object_id=comment.pk)


def queue_moderator_digest() -> list[OutgoingMail]:
    """The daily list for each moderator (built when sent; none if empty)."""
    if not Comment.objects.awaiting_moderation().exists():
        return []
    return send_mail(kind=DIGEST, to=settings.COMMENTS_MODERATOR_EMAILS)


def forget_unsent_reply_notices(email: str) -> None:
    OutgoingMail.objects.unsent().filter(kind=REPLY).to(email).delete()


def forget_mail_to(email: str) -> None:
    """Sent or not: outbox rows hold the address (right to erasure)."""
    OutgoingMail.objects.to(email).delete()


# --- Unsubscribing ---------------------------------------------------------------


def unsubscribe_token(comment: Comment) -> str:
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT, compress=False)


def comment_for_token(token: str) -> Comment | None:
    """The subscribed reaction a link was made for; None when tampered,
    expired or gone."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(pk, int):
        return None
    return Comment.objects.filter(pk=pk).first()


def unsubscribe_url(comment: Comment) -> str:
    return absolute(
        reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)})
    )


# --- Building (at sending time) --------------------------------------------------


def _comment(row: OutgoingMail) -> Comment | None:
    return (
        Comment.objects.select_related("parent", "article", "dossier")
        .filter(pk=row.object_id)
        .first()
    )


# The moderation queue's filter for what awaits moderation (comments/admin.py,
# PendingChangeFilter: Comment.objects.awaiting_moderation()).
AWAITING_FILTER = {"wijziging": "wacht"}


def queue_url() -> str:
    return absolute(
        reverse("admin:comments_comment_changelist") + "?" + urlencode(AWAITING_FILTER)
    )


def admin_url(comment: Comment) -> str:
    return absolute(reverse("admin:comments_comment_change", args=[comment.pk]))


def build_moderator_notice(row: OutgoingMail):
    comment = _comment(row)
    if comment is None:
        return None
    context = {
        "comment": comment,
        "item": comment.item,
        "item_url": absolute(comment.item.get_absolute_url()),
        "admin_url": admin_url(comment),
        "queue_url": queue_url(),
    }
    return render_message(
        template="comments/email/moderator", context=context, to=row.recipient
    )


def build_reply_notice(row: OutgoingMail):
    """Dropped when the subscriber unsubscribed meanwhile, or the reply was
    taken down before we got to send it."""
    comment = _comment(row)
    parent = comment.parent if comment else None
    if (
        comment is None
        or comment.status != CommentStatus.APPROVED
        or parent is None
        or not parent.notify_replies
        or parent.notify_confirmed_at is None
    ):
        return None
    link = unsubscribe_url(parent)
    context = {
        "comment": comment,
        "parent": parent,
        "item": comment.item,
        "item_url": absolute(comment.item.get_absolute_url()),
        "reaction_url": absolute(comment.get_absolute_url()),
        "unsubscribe_url": link,
    }
    # RFC 8058 one-click unsubscribe for mail programs that offer it.
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return render_message(
        template="comments/email/reply",
        context=context,
        to=row.recipient,
        headers=headers,
    )


def build_confirmation(row: OutgoingMail):
    """Dropped when the request was confirmed, withdrawn or erased meanwhile."""
    comment = _comment(row)
    if (
        comment is None
        or not comment.notify_replies
        or comment.notify_confirmed_at is not None
        or comment.email.lower() != row.recipient.lower()
    ):
        return None
    context = {
        "comment": comment,
        "item": comment.item,
        "confirm_url": signed_links.url(comment, signed_links.CONFIRM),
        "days": settings.COMMENTS_CONFIRM_DAYS,
    }
    return render_message(
        template="comments/email/confirm", context=context, to=row.recipient
    )


def build_approval_notice(row: OutgoingMail):
    """Dropped when the reaction went off the site or was erased meanwhile."""
    comment = _comment(row)
    if (
        comment is None
        or comment.status != CommentStatus.APPROVED
        or comment.email.lower() != row.recipient.lower()
    ):
        return None
    context = {
        "comment": comment,
        "item": comment.item,
        "reaction_url": absolute(comment.get_absolute_url()),
        "edit_url": signed_links.url(comment, signed_links.EDIT),
        "withdraw_url": signed_links.url(comment, signed_links.WITHDRAW),
        "days": settings.COMMENTS_WRITER_LINK_DAYS,
    }
    return render_message(
        template="comments/email/approved", context=context, to=row.recipient
    )


def build_moderator_digest(row: OutgoingMail):
    # Items by the titles readers know them by (a dossier's published
    # version's, not its draft's), fetched with the reactions, not per item.
    waiting = list(
        Comment.objects.awaiting_moderation()
        .select_related("article")
        .prefetch_related(Prefetch("dossier", Dossier.objects.links()))
        .order_by("created_at")[:200]
    )
    if not waiting:
        return None
    context = {
        "comments": [
            {"comment": comment, "admin_url": admin_url(comment)} for comment in waiting
        ],
        "total": Comment.objects.awaiting_moderation().count(),
        "queue_url": queue_url(),
    }
    return render_message(
        template="comments/email/digest", context=context, to=row.recipient
    )


def build_incorporated_notice(row: OutgoingMail):
    """'Uw reactie is verwerkt in versie n'. Dropped when the writer stopped
    reply mails, or the reaction went off the site, meanwhile."""
    comment = _comment(row)
    if (
        comment is None
        or comment.incorporated_in is None
        or comment.status != CommentStatus.APPROVED
        or not comment.notify_replies
        or comment.email.lower() != row.recipient.lower()
    ):
        return None
    dossier = comment.dossier
    link = unsubscribe_url(comment)
    context = {
        "comment": comment,
        "item": dossier,
        "number": comment.incorporated_in,
        "version_url": absolute(
            reverse("dossiers:version", args=[dossier.slug, comment.incorporated_in])
        ),
        "reaction_url": absolute(comment.get_absolute_url()),
        "unsubscribe_url": link,
    }
    return render_message(
        template="comments/email/incorporated",
        context=context,
        to=row.recipient,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# Found by the outbox at startup (outbox/apps.py), like an app's admin.py.
register(MODERATOR, build_moderator_notice)
register(REPLY, build_reply_notice)
register(DIGEST, build_moderator_digest)
register(CONFIRM, build_confirmation)
register(APPROVED, build_approval_notice)
register(incorporation.INCORPORATED, build_incorporated_notice)
# Reactions an editor marks as taken into a version, when it is published.
on_publish(incorporation.on_publish)
