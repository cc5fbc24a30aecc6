"""How every write changes one reaction: lock, change, revision, store.

``changing`` is the one place that locks a reaction's row, lets the caller
change it, records the revisions of its text and stores the result with its
rendered HTML in one UPDATE (comments/rendering.py), so no write path can
forget a step or take them in another order. A moderator's form carries what
they saw (``state_token``); ``changing(..., seen=...)`` refuses a form that
is stale.
"""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rendering
from ..models import Comment, Revision

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
    state = [str(getattr(comment, name) or "") for name in SEEN_FIELDS]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:32]


def lock_as_seen(*, comment: Comment, seen: str) -> Comment:
    """``comment`` locked until the transaction ends, when it still is as the
    moderator saw it (``seen``: its ``state_token`` then); else raises
    StaleReaction and changes nothing."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not seen or state_token(locked) != seen:
        raise StaleReaction
    return locked


@dataclass
class Change:
    """What a write does to the locked reaction ``comment``."""

    comment: Comment
    fields: set[str] = field(default_factory=set)
    revisions: list[Revision] = field(default_factory=list)

    def set(self, **values) -> None:
        """Change these columns of the reaction (stored on leaving)."""
        for name, value in values.items():
            setattr(self.comment, name, value)
        self.fields.update(values)

    def add_note(self, note: str) -> None:
        """Append a line to the internal moderator note."""
        if note:
            self.set(
                moderator_note="\n".join(
                    filter(None, [self.comment.moderator_note, note])
                )
            )

    def revise(self, kind: str, *, before: str, after: str = "", by=None, at=None):
        """Keep the text as it was (``before``) and became, for moderators."""
        self.revisions.append(
            Revision(
                comment=self.comment,
                kind=kind,
                text_before=before,
                text_after=after,
                made_by=by,
                created_at=at or timezone.now(),
            )
        )


@contextmanager
def changing(comment: Comment, *, seen: str | None = None) -> Iterator[Change]:
    """Lock ``comment`` and change it inside the block::

        with changing(comment) as change:
            if change.comment.status != ...:
                return False  # nothing is stored
            change.revise(RevisionKind.EDITED, before=..., after=...)
            change.set(text=...)

    On leaving the block, in its transaction: the revisions are created and,
    if anything was set, the changed columns are stored with the reaction's
    new HTML and ``updated_at`` (one UPDATE), and the caller's ``comment`` is
    refreshed. With ``seen`` (a moderator's ``state_token``) a reaction that
    changed since raises StaleReaction and nothing is stored.
    """
    with transaction.atomic():
        if seen is None:
            locked = Comment.objects.select_for_update().get(pk=comment.pk)
        else:
            locked = lock_as_seen(comment=comment, seen=seen)
        change = Change(locked)
        yield change
        Revision.objects.bulk_create(change.revisions)
        if change.fields:
            rendering.store_html(locked, also=sorted(change.fields))
    if change.fields or change.revisions:
        comment.refresh_from_db()
