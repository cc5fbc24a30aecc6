"""Admin logins guarded by django-axes (settings: "Admin logins" in base.py).

django-axes keeps its failure counts in PostgreSQL (its database handler),
so a lockout holds across gunicorn workers and app servers. It stores the
client's address in an ``inet`` column; we hand it a pseudonym instead: an
IPv6 address made of the keyed hash that the reactions' rate limit uses
(comments/spam.py), so the same client gets the same pseudonym and no raw
address is stored.
"""

import ipaddress

from comments.spam import client_address, keyed_hash


def client_pseudonym(request) -> str:
    """A stable IPv6 pseudonym for the visitor's address (AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request) or "unknown"
    digest = bytes.fromhex(keyed_hash(address))[:16]
    return str(ipaddress.IPv6Address(digest))
