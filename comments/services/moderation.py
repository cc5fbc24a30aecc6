"""Moderating reactions: the editorial team's decisions and its own hand in
a reaction (an internal note, shortening, an answer)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.editors import display_name, is_editor

from .. import notifications, trust
from ..models import Comment, CommentStatus, RevisionKind
from ..purging import purge_threads
from .changes import changing
from .posting import comment_submit


def save_moderator_note(*, comment: Comment, note: str, seen: str) -> bool:
    """Keep a moderator's internal note, only the note, if the reaction is as
    they saw it (raises StaleReaction). False when the note was unchanged."""
    with changing(comment, seen=seen) as change:
        if change.comment.moderator_note == note:
            return False
        change.set(moderator_note=note)
    return True


@transaction.atomic
def _moderate(
    *, comment: Comment, moderator, status: str, allowed_from: set[str], note: str
) -> bool:
    """Move ``comment`` to ``status`` if its current status allows it.

    Stored with HTML rendered as today: a reaction published from now on
    may have been stored by an older template.
    """
    with changing(comment) as change:
        locked = change.comment
        if locked.status not in allowed_from:
            return False
        if status == CommentStatus.APPROVED and locked.withdrawn_at is not None:
            return False  # its writer took it off the site: that stays so
        if CommentStatus.APPROVED in (status, locked.status):
            purge_threads(locked.item)  # on the page, or taken off it
        change.set(status=status, moderated_at=timezone.now(), moderated_by=moderator)
        change.add_note(note)
    if status == CommentStatus.APPROVED:
        trust.grant_if_earned(comment.email_hash)
    notifications.queue_reply_notice(comment)
    notifications.queue_approval_notice(comment)
    return True


def approve_edit(*, comment: Comment, moderator, text: str | None = None) -> bool:
    """Publish the writer's change to a published reaction ("bewerkt op …").

    ``text``: the change as the moderator read it; a change the writer made
    after that is not published (False) and waits for its own approval.
    """
    with changing(comment) as change:
        locked = change.comment
        if locked.status != CommentStatus.APPROVED or not locked.pending_text:
            return False
        if text is not None and text != locked.pending_text:
            return False
        now = timezone.now()
        change.revise(
            RevisionKind.EDIT_APPROVED,
            before=locked.text,
            after=locked.pending_text,
            by=moderator,
            at=now,
        )
        change.set(
            text=locked.pending_text,
            pending_text="",
            edited_at=now,
            redacted_at=None,  # the writer's own new text, approved as it is
            moderated_at=now,
            moderated_by=moderator,
        )
        purge_threads(locked.item)
    return True


def reject_edit(*, comment: Comment, moderator) -> bool:
    """Refuse the writer's change; the published text stays as it was."""
    with changing(comment) as change:
        locked = change.comment
        if not locked.pending_text:
            return False
        change.revise(
            RevisionKind.EDIT_REJECTED,
            before=locked.text,
            after=locked.pending_text,
            by=moderator,
        )
        change.set(pending_text="", moderated_at=timezone.now(), moderated_by=moderator)
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


# --- The editorial team's own hand in a reaction ------------------------------


def redact(
    *, comment: Comment, moderator, text: str, seen: str, note: str = ""
) -> bool:
    """Shorten or redact a reaction's text; the site then says so
    ("[ingekort door de redactie]") and the original is kept as a Revision
    for moderators, ``note`` in the internal moderator note. Returns False
    when the text is unchanged. Raises StaleReaction, changing nothing, when
    the reaction is no longer as the moderator saw it (``seen``: its
    state_token then): a writer's edit or withdrawal since then stands."""
    with changing(comment, seen=seen) as change:
        locked = change.comment
        if text == locked.text:
            return False
        text = Comment._meta.get_field("text").clean(text, locked)  # empty, long
        now = timezone.now()
        change.revise(
            RevisionKind.REDACTED, before=locked.text, after=text, by=moderator, at=now
        )
        change.set(text=text, redacted_at=now)
        if note:
            change.add_note(_("Shortened: %s") % note)
        if locked.status == CommentStatus.APPROVED:
            purge_threads(locked.item)
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
