"""Who a visitor is, without keeping who they are: the client address of a
request and the keyed hash (HMAC-SHA256) every app stores instead of an
address, so the same address gives the same pseudonym in the reactions' rate
limit, the writer history, the consent records, follows and admin logins.

The settings keep the names they were introduced with (the reactions came
first): COMMENTS_HASH_KEY and COMMENTS_CLIENT_ADDRESS_HEADER.
"""

import hashlib
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac


def hash_key() -> bytes:
    """COMMENTS_HASH_KEY, or a key derived from SECRET_KEY with its own salt."""
    if settings.COMMENTS_HASH_KEY:
        return settings.COMMENTS_HASH_KEY.encode()
    return salted_hmac("comments.hash-key", "rate-limits", algorithm="sha256").digest()


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised address: equal inputs, equal hashes; the
    address cannot be recovered or guessed without the key."""
    normalised = value.strip().lower().encode()
    return hmac.new(hash_key(), normalised, hashlib.sha256).hexdigest()


def client_address(request) -> str | None:
    """The visitor's address, from COMMENTS_CLIENT_ADDRESS_HEADER or
    REMOTE_ADDR (see the setting; docs/developers/reactions.md, "Spam
    defence")."""
    header = settings.COMMENTS_CLIENT_ADDRESS_HEADER
    value = request.META.get(header, "") if header else ""
    # A list (X-Forwarded-For style): the entry the nearest proxy added.
    value = value.rsplit(",", 1)[-1].strip()
    return value[:100] or request.META.get("REMOTE_ADDR") or None
