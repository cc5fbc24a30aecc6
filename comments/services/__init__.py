"""Writes with rules on reactions: posting, moderating, the writer's own
changes and personal data. Views, admin actions and commands call these;
nothing else changes a reaction's status.

Every change of one reaction goes through ``changes.changing`` (lock, change,
revision, store with its HTML). One module per concern, all names
re-exported here so callers write ``services.approve(...)``.
"""

from .changes import StaleReaction, changing, lock_as_seen, state_token
from .moderation import (
    answer,
    approve,
    approve_edit,
    mark_spam,
    redact,
    reject,
    reject_edit,
    save_moderator_note,
    withdraw,
)
from .personal_data import erase_personal_data, export_personal_data, unsubscribe
from .posting import comment_submit
from .writers import (
    Outcome,
    can_withdraw,
    confirm_subscription,
    edit_closed,
    edit_own,
    lapse_unconfirmed,
    withdraw_own,
)

__all__ = [
    "Outcome",
    "StaleReaction",
    "answer",
    "approve",
    "approve_edit",
    "can_withdraw",
    "changing",
    "comment_submit",
    "confirm_subscription",
    "edit_closed",
    "edit_own",
    "erase_personal_data",
    "export_personal_data",
    "lapse_unconfirmed",
    "lock_as_seen",
    "mark_spam",
    "redact",
    "reject",
    "reject_edit",
    "save_moderator_note",
    "state_token",
    "unsubscribe",
    "withdraw",
    "withdraw_own",
]
