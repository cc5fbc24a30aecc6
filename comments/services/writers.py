"""Writes with rules for a reaction's writer, who has no account: confirming
reply mails (double opt-in), withdrawing and editing. The signed link
(comments/signed_links.py) identifies the writer; these decide what it may still do.
"""

import enum
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clients

from .. import notifications, spam
from ..models import (
    Comment,
    CommentStatus,
    RevisionKind,
    SubscriptionConsent,
)
from ..purging import purge_threads
from .changes import changing


class Outcome(enum.Enum):
    DONE = "done"
    USED = "used"  # this link did its work before
    UNSUBSCRIBED = "unsubscribed"  # the writer stopped reply mails meanwhile


@transaction.atomic
def confirm_subscription(*, comment: Comment) -> Outcome:
    """Start reply mails for ``comment``'s writer and record the consent.

    Nothing happens (and nothing is ever sent) when the writer unsubscribed
    since the confirmation mail was sent.
    """
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.notify_confirmed_at is not None:
        return Outcome.USED
    if not locked.notify_replies:
        return Outcome.UNSUBSCRIBED
    now = timezone.now()
    locked.notify_confirmed_at = now
    locked.save(update_fields=["notify_confirmed_at"])
    SubscriptionConsent.objects.create(
        email_hash=clients.keyed_hash(locked.email), comment=locked, confirmed_at=now
    )
    comment.refresh_from_db()
    return Outcome.DONE


def lapse_unconfirmed() -> int:
    """End requests for reply mails not confirmed within
    COMMENTS_CONFIRM_DAYS (their link has expired); returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.COMMENTS_CONFIRM_DAYS)
    return Comment.objects.filter(
        notify_replies=True, notify_confirmed_at__isnull=True, created_at__lt=cutoff
    ).update(notify_replies=False)


# --- Withdrawing and editing (links in the approval mail, the thank-you page) --


def can_withdraw(comment: Comment) -> bool:
    """On the site or awaiting approval: its writer can still take it back."""
    return comment.status in {CommentStatus.PENDING, CommentStatus.APPROVED}


def edit_closed(comment: Comment) -> bool:
    """Editing ends once someone has replied, or the reaction is off the site."""
    if not can_withdraw(comment):
        return True
    return comment.replies.filter(
        status__in=[CommentStatus.PENDING, CommentStatus.APPROVED]
    ).exists()


def withdraw_own(*, comment: Comment) -> Outcome:
    """Take the writer's reaction off the site, or out of the moderators'
    queue while it waits for approval.

    Replies keep their place under a placeholder, as for a rejected reaction.
    """
    with changing(comment) as change:
        locked = change.comment
        if not can_withdraw(locked):
            return Outcome.USED
        if locked.status == CommentStatus.APPROVED:
            purge_threads(locked.item)  # off the page
        now = timezone.now()
        change.revise(RevisionKind.WITHDRAWN, before=locked.text, at=now)
        change.set(status=CommentStatus.REJECTED, withdrawn_at=now, pending_text="")
        change.add_note(_("Withdrawn by the writer."))
    return Outcome.DONE


@transaction.atomic
def edit_own(
    *, comment: Comment, text: str, client_address: str | None = None
) -> Outcome:
    """The writer's new text: a pending reaction's text is replaced; a
    published one keeps its text until a moderator approves the change.
    Every change is kept as a Revision. Returns USED when editing closed.

    An edit is held to what posting is held to: it counts against the rate
    limit of ``client_address`` and the writer's address (raises
    ``spam.RateLimited``, nothing changed), and a text that breaks a content
    rule is spam, with the rule that fired: a pending reaction becomes spam,
    a change to a published one is not put before the moderators (the
    published text stays). Neither asks the moderators by mail.
    """
    with changing(comment) as change:
        locked = change.comment
        if edit_closed(locked):
            return Outcome.USED
        spam.check_and_record_rate(client_address=client_address, email=locked.email)
        reason = spam.content_spam_reason(
            name=locked.name, email=locked.email, text=text
        )
        if locked.status == CommentStatus.PENDING:
            change.revise(RevisionKind.EDITED, before=locked.text, after=text)
            change.set(text=text, redacted_at=None)  # the writer's own text now
            if reason:
                change.set(status=CommentStatus.SPAM, spam_reason=reason)
        else:
            change.revise(
                RevisionKind.EDITED,
                before=locked.pending_text or locked.text,
                after=text,
            )
            if reason:
                # Kept in the changes for moderators; never queued for approval.
                change.set(
                    spam_reason=_("Change held back: %(reason)s") % {"reason": reason},
                    pending_text="",
                )
            else:
                # Not shown until approved (approve_edit renders it then).
                change.set(pending_text=text)
    if not reason:
        notifications.queue_moderator_notices(comment)
    return Outcome.DONE
