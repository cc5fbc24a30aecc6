"""Writes with rules: posting and moderating reactions.

Views and admin actions call these; nothing else changes a reaction's status.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.editors import display_name, is_editor
from core.kinds import ItemKind
from dossiers.sections import SECTION_HEADINGS_BY_ANCHOR
from outbox.mail import absolute

from . import notifications, rendering, spam, trust
from .models import Comment, CommentStatus, Revision, RevisionKind, item_field
from .purging import purge_threads

# --- What a moderator saw --------------------------------------------------------

# The columns a moderator's decision rests on: a form shown with one state of
# them must not change a reaction that has moved on (the writer withdrew,
# edited or was erased, another moderator decided or wrote a note).
SEEN_FIELDS = (
    "status",
    "name",
    "email",
    "text",
    "pending_text",
    "withdrawn_at",
    "redacted_at",
    "edited_at",
    "moderator_note",
)


class StaleReaction(ValidationError):
    """The reaction changed after the moderator's page was shown."""

    def __init__(self):
        super().__init__(
            _(
                "This reaction changed after you opened it (the writer withdrew "
                "or changed it, or another moderator saved it). Nothing has been "
                "saved. Open the reaction again to see it as it is now."
            ),
            code="stale",
        )


def state_token(comment: Comment) -> str:
    """A short digest of what a moderator sees of ``comment`` (SEEN_FIELDS),
    carried by their form so a stale one is refused."""
    state = [str(getattr(comment, field) or "") for field in SEEN_FIELDS]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:32]


def lock_as_seen(*, comment: Comment, seen: str) -> Comment:
    """``comment`` locked until the transaction ends, when it still is as the
    moderator saw it (``seen``: its ``state_token`` then); else raises
    StaleReaction and changes nothing."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not seen or state_token(locked) != seen:
        raise StaleReaction
    return locked


@transaction.atomic
def save_moderator_note(*, comment: Comment, note: str, seen: str) -> bool:
    """Keep a moderator's internal note, only the note, if the reaction is as
    they saw it (raises StaleReaction). False when the note was unchanged."""
    locked = lock_as_seen(comment=comment, seen=seen)
    if locked.moderator_note == note:
        return False
    locked.moderator_note = note
    locked.save(update_fields=["moderator_note", "updated_at"])
    comment.refresh_from_db()
    return True


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
        comment.email_hash = spam.writer_hash(email=email)
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


def _moderate(
    *, comment: Comment, moderator, status: str, allowed_from: set[str], note: str
) -> bool:
    """Move ``comment`` to ``status`` if its current status allows it."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.status not in allowed_from:
            return False
        if status == CommentStatus.APPROVED and locked.withdrawn_at is not None:
            return False  # its writer took it off the site: that stays so
        was = locked.status
        locked.status = status
        locked.moderated_at = timezone.now()
        locked.moderated_by = moderator
        if note:
            locked.moderator_note = "\n".join(
                filter(None, [locked.moderator_note, note])
            )
        locked.save(
            update_fields=[
                "status",
                "moderated_at",
                "moderated_by",
                "moderator_note",
                "updated_at",
            ]
        )
        if CommentStatus.APPROVED in (status, was):
            purge_threads(locked.item)  # on the page, or taken off it
        if status == CommentStatus.APPROVED:
            # Published from now on: make sure readers get it as it renders
            # today (it may have been stored by an older template).
            rendering.store_html(locked)
            trust.grant_if_earned(locked.email_hash)
        notifications.queue_reply_notice(locked)
        notifications.queue_approval_notice(locked)
    comment.refresh_from_db()
    return True


@transaction.atomic
def approve_edit(*, comment: Comment, moderator, text: str | None = None) -> bool:
    """Publish the writer's change to a published reaction ("bewerkt op …").

    ``text``: the change as the moderator read it; a change the writer made
    after that is not published (False) and waits for its own approval.
    """
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.status != CommentStatus.APPROVED or not locked.pending_text:
        return False
    if text is not None and text != locked.pending_text:
        return False
    now = timezone.now()
    Revision.objects.create(
        comment=locked,
        kind=RevisionKind.EDIT_APPROVED,
        text_before=locked.text,
        text_after=locked.pending_text,
        created_at=now,
        made_by=moderator,
    )
    locked.text = locked.pending_text
    locked.pending_text = ""
    locked.edited_at = now
    locked.redacted_at = None  # the writer's own new text, approved as it is
    locked.moderated_at = now
    locked.moderated_by = moderator
    rendering.store_html(
        locked,
        also=[
            "text",
            "pending_text",
            "edited_at",
            "redacted_at",
            "moderated_at",
            "moderated_by",
        ],
    )
    purge_threads(locked.item)
    comment.refresh_from_db()
    return True


@transaction.atomic
def reject_edit(*, comment: Comment, moderator) -> bool:
    """Refuse the writer's change; the published text stays as it was."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not locked.pending_text:
        return False
    Revision.objects.create(
        comment=locked,
        kind=RevisionKind.EDIT_REJECTED,
        text_before=locked.text,
        text_after=locked.pending_text,
        made_by=moderator,
    )
    locked.pending_text = ""
    locked.moderated_at = timezone.now()
    locked.moderated_by = moderator
    locked.save(
        update_fields=["pending_text", "moderated_at", "moderated_by", "updated_at"]
    )
    comment.refresh_from_db()
    return True


def approve(*, comment: Comment, moderator, note: str = "") -> bool:
    """Publish a reaction. Returns False when it already was."""
    return _moderate(
        comment=comment,
        moderator=moderator,
        status=CommentStatus.APPROVED,
        allowed_from={
            CommentStatus.PENDING,
            CommentStatus.REJECTED,
            CommentStatus.SPAM,
        },
        note=note,
    )


def reject(*, comment: Comment, moderator, note: str = "") -> bool:
    """Refuse a reaction that is not published.

    Published ones are taken down with ``withdraw``, so a bulk rejection of a
    mixed selection never silently removes what readers already see.
    """
    return _moderate(
        comment=comment,
        moderator=moderator,
        status=CommentStatus.REJECTED,
        allowed_from={CommentStatus.PENDING, CommentStatus.SPAM},
        note=note,
    )


def mark_spam(*, comment: Comment, moderator, note: str = "") -> bool:
    return _moderate(
        comment=comment,
        moderator=moderator,
        status=CommentStatus.SPAM,
        allowed_from={
            CommentStatus.PENDING,
            CommentStatus.APPROVED,
            CommentStatus.REJECTED,
        },
        note=note,
    )


def withdraw(*, comment: Comment, moderator, note: str = "") -> bool:
    """Take a published reaction off the site (it becomes rejected).

    Approved replies keep their place; the thread shows "Deze reactie is
    verwijderd" where this one stood.
    """
    return _moderate(
        comment=comment,
        moderator=moderator,
        status=CommentStatus.REJECTED,
        allowed_from={CommentStatus.APPROVED},
        note=note,
    )


@transaction.atomic
def erase_personal_data(*, email: str, remove_text: bool = False) -> int:
    """Anonymise every reaction written with ``email`` (right to erasure).

    Name and address are replaced, subscriptions end, unsent mails about or
    to the address are dropped, its rate-limit hashes, writer history and
    trust deleted. With ``remove_text`` the text is replaced too, and the
    earlier texts kept for moderators go. Replies keep their place in the
    thread. Returns how many reactions changed (0: nothing was found).
    """
    email = email.strip()
    if not email:
        return 0
    comments = Comment.objects.by_email(email)
    ids = list(comments.select_for_update().values_list("pk", flat=True))
    if not ids:
        return 0
    notifications.forget_mail_to(email)
    changes = {
        "name": _("Anonymous"),
        "email": "",
        "email_hash": "",
        "notify_replies": False,
        "user": None,
        "updated_at": timezone.now(),  # a new thread version: caches refresh
    }
    if remove_text:
        changes["text"] = _("This reaction has been removed.")
        changes["pending_text"] = ""
        Revision.objects.filter(comment__in=ids).delete()
    Comment.objects.filter(pk__in=ids).update(**changes)
    rendering.store_html_for(Comment.objects.filter(pk__in=ids))
    purge_threads(
        *{
            c.item
            for c in Comment.objects.filter(pk__in=ids).select_related(
                "article", "dossier"
            )
        }
    )
    spam.forget_email_hashes(email)
    trust.forget(spam.keyed_hash(email))
    return len(ids)


# --- The editorial team's own hand in a reaction ------------------------------


@transaction.atomic
def redact(
    *, comment: Comment, moderator, text: str, seen: str, note: str = ""
) -> bool:
    """Shorten or redact a reaction's text; the site then says so
    ("[ingekort door de redactie]") and the original is kept as a Revision
    for moderators, ``note`` in the internal moderator note. Returns False
    when the text is unchanged. Raises StaleReaction, changing nothing, when
    the reaction is no longer as the moderator saw it (``seen``: its
    state_token then): a writer's edit or withdrawal since then stands."""
    locked = lock_as_seen(comment=comment, seen=seen)
    if text == locked.text:
        return False
    text = Comment._meta.get_field("text").clean(text, locked)  # empty, too long
    now = timezone.now()
    Revision.objects.create(
        comment=locked,
        kind=RevisionKind.REDACTED,
        text_before=locked.text,
        text_after=text,
        created_at=now,
        made_by=moderator,
    )
    locked.text = text
    locked.redacted_at = now
    if note:
        locked.moderator_note = "\n".join(
            filter(None, [locked.moderator_note, _("Shortened: %s") % note])
        )
    rendering.store_html(locked, also=["text", "redacted_at", "moderator_note"])
    if locked.status == CommentStatus.APPROVED:
        purge_threads(locked.item)
    comment.refresh_from_db()
    return True


@transaction.atomic
def answer(*, comment: Comment, editor, text: str) -> Comment:
    """The editorial team's answer to ``comment``, published at once as a
    reply right under it (from the reaction's admin page).

    A reaction still waiting is approved first: an answer to it would
    otherwise have nothing to hang under. Raises ValidationError when the
    page takes no reactions (anymore) or the reaction is off the site.
    """
    if not is_editor(editor):
        raise ValidationError(_("Only the editorial team can answer here."))
    if not display_name(editor):
        raise ValidationError(
            _(
                "Choose the name readers see under your answers first "
                "(“Display name” at the top of the page)."
            ),
            code="no_display_name",
        )
    if comment.status == CommentStatus.PENDING:
        approve(comment=comment, moderator=editor)
    return comment_submit(item=comment.item, parent=comment, text=text, user=editor)


def export_personal_data(*, email: str) -> list[dict]:
    """Every reaction written with ``email``, for a data access request."""
    if not email.strip():
        return []  # erased reactions have no address: never "everyone's"
    comments = (
        Comment.objects.by_email(email)
        .select_related("article", "dossier")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": comment.pk,
            "item": str(comment.item),
            "url": absolute(comment.get_absolute_url()),
            "in_reply_to": comment.parent_id,
            "name": comment.name,
            "email": comment.email,
            "text": comment.text,
            "status": comment.status,
            "posted": comment.created_at.isoformat(),
            "e-mail_on_replies": comment.notify_replies,
        }
        for comment in comments
    ]


def unsubscribe(*, comment: Comment) -> int:
    """No more reply mails for any reaction with ``comment``'s address."""
    if not comment.email:
        return 0
    changed = Comment.objects.by_email(comment.email).update(notify_replies=False)
    notifications.forget_unsent_reply_notices(comment.email)
    return changed
