"""Posting a reaction: a visitor's, held for moderation or spam, or the
editorial team's, published at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.editors import display_name, is_editor
from core.kinds import ItemKind
from dossiers.sections import SECTION_HEADINGS_BY_ANCHOR

from .. import notifications, rendering, spam, trust
from ..models import Comment, CommentStatus, item_field
from ..purging import purge_threads


def _validate_item(item) -> None:
    if not item.takes_reactions:
        raise ValidationError(_("This page does not take reactions."))
    if not item.reactions_open:
        raise ValidationError(_("Reactions to this page are closed."))


def _lock_parent(*, item, parent: Comment) -> Comment:
    """The parent, locked so a concurrent moderation cannot slip in between
    our check and our insert; it must still be answerable on ``item``."""
    locked = (
        Comment.objects.answerable_on(item)
        .select_for_update()
        .filter(pk=parent.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(
            _("The reaction you are replying to does not exist (anymore).")
        )
    return locked


def _staff_name(user) -> str:
    """Readers see an editor's display name, else their full name, never a
    username (``answer`` asks for a display name first)."""
    return (display_name(user) or user.get_full_name() or _("Editorial team"))[:100]


@transaction.atomic
def comment_submit(
    *,
    item,
    text: str,
    name: str = "",
    email: str = "",
    parent: Comment | None = None,
    user=None,
    client_address: str | None = None,
    notify_replies: bool = False,
    section: str = "",
) -> Comment:
    """Store a reaction on ``item``; pending, or published at once for staff.

    A reaction on a dossier records the number of the version readers see
    now, and ``section``, the anchor of the section it reacts to (a reply
    reacts to its parent, not to a section).

    A logged-in staff member (the editorial team) posts under their own name
    and address; the reaction is approved immediately and marked as theirs,
    and also as the author's when their author record is credited on ``item``.

    A visitor's reaction counts against the rate limit of ``client_address``
    and ``email`` (raises ``spam.RateLimited``, nothing stored), and is
    stored as spam, with the rule that fired, when it breaks a content rule.
    Otherwise it waits for a moderator, unless its writer is trusted
    (comments/trust.py): then it is published at once. Moderators are told
    about pending reactions, a subscriber about an approved reply, and the
    writer of a reaction published at once, by e-mail after commit.
    """
    _validate_item(item)
    if parent is not None:
        parent = _lock_parent(item=item, parent=parent)
    is_staff = is_editor(user)
    comment = Comment(
        **{item_field(item): item},
        parent=parent,
        text=text,
        name=_staff_name(user) if is_staff else name,
        email=(user.email or "redactie@localhost") if is_staff else email,
        user=user if is_staff else None,
        is_staff_reply=is_staff,
        # Decided once, when posted: the page's author answering a reader.
        is_author_reply=is_staff and item.authors.filter(user=user).exists(),
    )
    if item.item_kind == ItemKind.DOSSIER:
        comment.version_number = (
            item.versions.current().values_list("number", flat=True).first()
        )
        if parent is None and section in SECTION_HEADINGS_BY_ANCHOR:
            comment.section = section
    if is_staff:
        comment.status = CommentStatus.APPROVED
        comment.moderated_at = timezone.now()
        comment.moderated_by = user
    else:
        spam.check_and_record_rate(client_address=client_address, email=email)
        comment.spam_reason = spam.content_spam_reason(
            name=name, email=email, text=text
        )
        comment.email_hash = trust.writer_hash(email=email)
        if comment.spam_reason:
            comment.status = CommentStatus.SPAM
        elif trust.is_trusted(comment.email_hash):
            comment.status = CommentStatus.APPROVED
            comment.moderated_at = timezone.now()
            comment.moderator_note = _("Published at once: trusted writer.")
        # Double opt-in: reply mails start once the address is confirmed,
        # unless this address confirmed before and has not unsubscribed since.
        # Never a confirmation mail for spam (the address may be a victim's).
        comment.notify_replies = notify_replies and not comment.spam_reason
        if comment.notify_replies and (
            Comment.objects.by_email(email).subscribed().exists()
        ):
            comment.notify_confirmed_at = timezone.now()
    comment.full_clean(exclude=["path"])
    comment.save()
    comment.assign_path(save=False)
    rendering.store_html(comment, also=["path"])  # one UPDATE for both
    if comment.status == CommentStatus.APPROVED:
        purge_threads(item)
    if comment.notify_replies and comment.notify_confirmed_at is None:
        notifications.queue_confirmation(comment)
    notifications.queue_moderator_notices(comment)
    notifications.queue_reply_notice(comment)
    notifications.queue_approval_notice(comment)
    return comment
