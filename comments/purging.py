"""A change readers can see in a thread purges the pages that show it.

Every page showing a thread, or a card with its reaction count, carries the
item's ``reactions-…`` surrogate key (the ``render_reactions`` and
``reaction_counts`` tags record it); the services call this in the
transaction of the change (see ``purges.queue``).
"""

from core import surrogates
from purges.queue import purge


def purge_threads(*items) -> None:
    purge(surrogates.reactions_key(item) for item in items if item is not None)
