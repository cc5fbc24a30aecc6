"""Reactions and what moderating them keeps, one module per concern:

- ``comment``: the reaction itself
- ``queries``: its statuses, the rules that say what awaits moderation and
  what a moderator approved, and its QuerySet
- ``items``: the articles and dossiers reactions belong to, by kind
- ``threads``: per-item counts kept by PostgreSQL for a thread's pages
- ``revisions``: earlier texts of a reaction
- ``writers``: trusted writers and consent to reply mails, by address hash
- ``defences``: rate-limit hits and the blocklist

Everything is re-exported here: import from ``comments.models``.
"""

from .comment import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, Comment
from .defences import BlocklistEntry, BlocklistKind, RateLimitHit, RateLimitScope
from .items import ITEM_MODELS, item_field, item_model, reply_url
from .queries import (
    AWAITING_MODERATION,
    MODERATOR_APPROVED,
    CommentQuerySet,
    CommentStatus,
    WriterHistory,
    awaiting_moderation_q,
)
from .revisions import Revision, RevisionKind
from .threads import ThreadCounts
from .writers import SubscriptionConsent, TrustedWriter, TrustedWriterQuerySet

__all__ = [
    "AWAITING_MODERATION",
    "ITEM_MODELS",
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "MODERATOR_APPROVED",
    "BlocklistEntry",
    "BlocklistKind",
    "Comment",
    "CommentQuerySet",
    "CommentStatus",
    "RateLimitHit",
    "RateLimitScope",
    "Revision",
    "RevisionKind",
    "SubscriptionConsent",
    "ThreadCounts",
    "TrustedWriter",
    "TrustedWriterQuerySet",
    "WriterHistory",
    "awaiting_moderation_q",
    "item_field",
    "item_model",
    "reply_url",
]
