"""E-mail about reactions, through a transactional outbox.

Why an outbox table rather than Django's tasks framework: Django 6.1 ships no
database-backed task backend, and the third-party ``django-tasks`` worker
would be one more long-running process to deploy and watch for a handful of
mails a day. An outbox row is written in the same transaction as the
reaction or moderation that calls for it (so a mail exists if and only if
that change committed), sent right after commit (``transaction.on_commit``),
and retried by ``manage.py send_notifications`` from cron while the mail
server is down. Each sender takes rows with ``SELECT … FOR UPDATE SKIP
LOCKED``, so two senders never send the same row twice.

Sending never raises into posting or moderating: failures are logged and
kept on the row (``attempts``, ``last_error``).
"""

import email.policy
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Comment, CommentStatus, Notification, NotificationKind

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "comments.unsubscribe"
# An unsubscribe link in an old mail keeps working for a year.
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600
# After this many failed attempts a row is left for a human to look at.
MAX_ATTEMPTS = 20


# --- Queueing (inside the caller's transaction) ------------------------------


def _send_after_commit(ids: list[int]) -> None:
    if ids and settings.COMMENTS_SEND_ON_COMMIT:
        transaction.on_commit(lambda: send_notifications(ids=ids))


def queue_moderator_notices(comment: Comment) -> list[Notification]:
    """One mail per moderator about a reaction awaiting approval."""
    if settings.COMMENTS_MODERATOR_DIGEST or comment.status != CommentStatus.PENDING:
        return []
    rows = Notification.objects.bulk_create(
        Notification(kind=NotificationKind.MODERATOR, comment=comment, recipient=to)
        for to in settings.COMMENTS_MODERATOR_EMAILS
    )
    _send_after_commit([row.pk for row in rows])
    return rows


def queue_reply_notice(comment: Comment) -> Notification | None:
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
        or not parent.email
        or parent.email.lower() == (comment.email or "").lower()
    ):
        return None
    if Notification.objects.filter(
        kind=NotificationKind.REPLY, comment=comment, recipient=parent.email
    ).exists():
        return None  # approved, withdrawn and approved again: one mail
    row = Notification.objects.create(
        kind=NotificationKind.REPLY, comment=comment, recipient=parent.email
    )
    _send_after_commit([row.pk])
    return row


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


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(comment: Comment) -> str:
    return absolute(
        reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)})
    )


# --- Sending ---------------------------------------------------------------------


class OneLineHeadersMessage(EmailMultiAlternatives):
    """A mail whose List-Unsubscribe header leaves on one line.

    The SMTP backend serialises with ``email.policy.SMTP`` (78 columns),
    which "folds" a longer header by turning it into RFC 2047 encoded words
    (``=?utf-8?q?=3Chttps…?=``); mail programs then see no URL and offer no
    one-click unsubscribe. RFC 5322 allows lines of up to 998 characters, so
    the header is stored raw and the policy told not to refold raw headers
    (``refold_source="none"`` touches no other header).
    """

    ONE_LINE = ("List-Unsubscribe",)

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy.clone(refold_source="none"))
        for name in self.ONE_LINE:
            value = self.extra_headers.get(name)
            if value is not None:
                del msg[name]
                msg.set_raw(name, value)
        return msg


def _message(row: Notification) -> EmailMultiAlternatives:
    comment = row.comment
    context = {
        "comment": comment,
        "item": comment.item,
        "item_url": absolute(comment.item.get_absolute_url()),
        "site_name": settings.SITE_NAME,
    }
    headers = {}
    if row.kind == NotificationKind.MODERATOR:
        template = "moderator"
        context["admin_url"] = absolute(
            reverse("admin:comments_comment_change", args=[comment.pk])
        )
        context["queue_url"] = absolute(
            reverse("admin:comments_comment_changelist")
            + "?"
            + urlencode({"status__exact": CommentStatus.PENDING})
        )
    else:
        template = "reply"
        context["parent"] = comment.parent
        context["reaction_url"] = absolute(comment.get_absolute_url())
        context["unsubscribe_url"] = unsubscribe_url(comment.parent)
        # RFC 8058 one-click unsubscribe for mail programs that offer it.
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"comments/email/{template}_subject.txt", context)
        text = render_to_string(f"comments/email/{template}.txt", context)
        html = render_to_string(f"comments/email/{template}.html", context)
    message = OneLineHeadersMessage(
        subject=" ".join(subject.split()),
        body=text,
        to=[row.recipient],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def _still_wanted(row: Notification) -> bool:
    """A reply mail is dropped when its subscriber unsubscribed meanwhile, or
    the reply was taken down before we got to send it."""
    if row.kind != NotificationKind.REPLY:
        return True
    parent = row.comment.parent
    return (
        row.comment.status == CommentStatus.APPROVED
        and parent is not None
        and parent.notify_replies
    )


def send_notifications(*, ids: list[int] | None = None, limit: int = 200) -> dict:
    """Send unsent rows (these ``ids``, or all due ones); never raises.

    Each row is sent in its own short transaction that holds its lock, so a
    concurrent sender skips it, and a crash half-way loses nothing.
    Returns counts: sent, failed, dropped.
    """
    counts = {"sent": 0, "failed": 0, "dropped": 0}
    done: set[int] = set()
    for _n in range(limit):
        try:
            with transaction.atomic():
                queryset = Notification.objects.unsent().filter(
                    attempts__lt=MAX_ATTEMPTS
                )
                if ids is not None:
                    queryset = queryset.filter(pk__in=ids)
                row = (
                    queryset.exclude(pk__in=done)
                    .select_for_update(skip_locked=True, of=("self",))
                    .select_related("comment__parent", "comment__article")
                    .select_related("comment__dossier")
                    .order_by("created_at", "pk")
                    .first()
                )
                if row is None:
                    break
                done.add(row.pk)
                _send_one(row, counts)
        except Exception:  # a database failure: leave it to the next run
            logger.exception("Sending notifications stopped early")
            break
    return counts


def _send_one(row: Notification, counts: dict) -> None:
    now = timezone.now()
    if not _still_wanted(row):
        row.sent_at = now
        row.last_error = "not sent: no longer wanted"
        row.save(update_fields=["sent_at", "last_error"])
        counts["dropped"] += 1
        return
    try:
        _message(row).send()
    except Exception as error:  # SMTP down, refused, timeout, bad template …
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.save(update_fields=["attempts", "last_error"])
        counts["failed"] += 1
        logger.warning(
            "E-mail notification %s (%s) failed, attempt %s: %s",
            row.pk,
            row.kind,
            row.attempts,
            row.last_error,
        )
        return
    row.attempts += 1
    row.sent_at = now
    row.last_error = ""
    row.save(update_fields=["attempts", "sent_at", "last_error"])
    counts["sent"] += 1


# --- The daily digest -------------------------------------------------------------


def send_moderator_digest() -> int:
    """One mail to each moderator listing every reaction awaiting approval.

    Returns how many mails went out (none when nothing is pending). Sent
    directly: a failure shows in the command's exit status and log, and the
    next day's run lists the same reactions again.
    """
    pending = list(
        Comment.objects.pending()
        .select_related("article", "dossier")
        .order_by("created_at")[:200]
    )
    recipients = settings.COMMENTS_MODERATOR_EMAILS
    if not pending or not recipients:
        return 0
    total = Comment.objects.pending().count()
    context = {
        "comments": [
            {
                "comment": comment,
                "admin_url": absolute(
                    reverse("admin:comments_comment_change", args=[comment.pk])
                ),
            }
            for comment in pending
        ],
        "total": total,
        "queue_url": absolute(
            reverse("admin:comments_comment_changelist")
            + "?"
            + urlencode({"status__exact": CommentStatus.PENDING})
        ),
        "site_name": settings.SITE_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("comments/email/digest_subject.txt", context)
        text = render_to_string("comments/email/digest.txt", context)
        html = render_to_string("comments/email/digest.html", context)
    for recipient in recipients:
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()), body=text, to=[recipient]
        )
        message.attach_alternative(html, "text/html")
        message.send()
    return len(recipients)
