"""Reactions in the Django admin; importing this package registers them.

- reactions.py: CommentAdmin, the moderation list and a reaction's page,
  put together from moderation.py (the list and its row buttons),
  decisions.py (what a moderator can decide, when), reaction_page.py,
  personal_data.py and filters.py.
- writers.py: the blocklist, consent records and trusted writers.

Status changes go only through the services (comments/services/), called
by the row buttons, the bulk actions and the reaction page's buttons, each
with the state the moderator saw, so a stale page changes nothing.
"""

from .reactions import CommentAdmin
from .writers import BlocklistEntryAdmin, SubscriptionConsentAdmin, TrustedWriterAdmin

__all__ = [
    "BlocklistEntryAdmin",
    "CommentAdmin",
    "SubscriptionConsentAdmin",
    "TrustedWriterAdmin",
]
