"""The spam defence in layers, each configurable in settings.

1. The form (comments/forms.py): a honeypot field and a signed issue time
   (``issue_stamp`` / ``check_stamp``). Tripped: refused, nothing stored.
2. Rate limiting (``check_and_record_rate``), per hashed client address and
   per hashed e-mail address, counted in PostgreSQL so it holds across
   workers and servers. Beyond the limit: refused with 429.
3. Content rules (``content_spam_reason``): too many links or a blocklist
   match. The reaction is stored as spam with the rule that fired, so a
   moderator can rescue a false positive.
"""

import enum
import hashlib
import hmac
import re
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from outbox.models import OutgoingMail

from .models import BlocklistEntry, BlocklistKind, RateLimitHit, RateLimitScope

STAMP_SALT = "comments.form-issued"
# A clock a little ahead on another app server is no forgery.
CLOCK_SKEW_SECONDS = 5


# --- Keyed hashes -------------------------------------------------------------


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


# --- The signed issue time -------------------------------------------------------


class Stamp(enum.Enum):
    OK = "ok"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    FORGED = "forged"  # bad signature, garbage, or issued in the future


def issue_stamp() -> str:
    """The issue time in whole milliseconds (rounded down), signed."""
    return signing.Signer(salt=STAMP_SALT).sign(str(int(time.time() * 1000)))


def check_stamp(value: str) -> Stamp:
    try:
        issued_ms = int(signing.Signer(salt=STAMP_SALT).unsign(value))
    except (signing.BadSignature, ValueError, TypeError):
        return Stamp.FORGED
    age = time.time() - issued_ms / 1000
    if age < -CLOCK_SKEW_SECONDS:  # issued in the future
        return Stamp.FORGED
    if age < settings.COMMENTS_MIN_SECONDS:
        return Stamp.TOO_FAST
    if age > settings.COMMENTS_FORM_MAX_AGE:
        return Stamp.EXPIRED
    return Stamp.OK


# --- Rate limiting -------------------------------------------------------------


class RateLimited(Exception):
    """More reactions than COMMENTS_RATE_LIMIT in COMMENTS_RATE_PERIOD."""


def client_address(request) -> str | None:
    """The visitor's address, from COMMENTS_CLIENT_ADDRESS_HEADER or
    REMOTE_ADDR (see the setting; README "Spam defence")."""
    header = settings.COMMENTS_CLIENT_ADDRESS_HEADER
    value = request.META.get(header, "") if header else ""
    # A list (X-Forwarded-For style): the entry the nearest proxy added.
    value = value.rsplit(",", 1)[-1].strip()
    return value[:100] or request.META.get("REMOTE_ADDR") or None


def _keys(*, client_address: str | None, email: str) -> list[tuple[str, str]]:
    keys = []
    if client_address:
        keys.append((RateLimitScope.ADDRESS.value, keyed_hash(client_address)))
    if email:
        keys.append((RateLimitScope.EMAIL.value, keyed_hash(email)))
    return sorted(keys)  # one lock order for everyone: no deadlocks


def check_and_record_rate(*, client_address: str | None, email: str) -> None:
    """Count this reaction, or raise RateLimited. Call inside the transaction
    that stores the reaction.

    A transaction-scoped advisory lock per (scope, hash) serialises
    concurrent posts from the same address, so two of them cannot both see
    "one below the limit" and both insert; it is released at commit or
    rollback.
    """
    keys = _keys(client_address=client_address, email=email)
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_RATE_PERIOD)
    with connection.cursor() as cursor:
        for scope, digest in keys:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                [f"comments-rate:{scope}:{digest}"],
            )
    for scope, digest in keys:
        count = RateLimitHit.objects.filter(
            scope=scope, key_hash=digest, created_at__gt=since
        ).count()
        if count >= settings.COMMENTS_RATE_LIMIT:
            raise RateLimited(scope)
    RateLimitHit.objects.bulk_create(
        RateLimitHit(scope=scope, key_hash=digest) for scope, digest in keys
    )


def purge_rate_limits() -> int:
    """Delete hashed addresses older than the retention, and the records of
    e-mails sent before then (they hold the recipient's address); returns
    how many hashes went."""
    cutoff = timezone.now() - timedelta(days=settings.COMMENTS_HASH_RETENTION_DAYS)
    OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()
    deleted, _rows = RateLimitHit.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def forget_email_hashes(email: str) -> int:
    deleted, _rows = RateLimitHit.objects.filter(
        scope=RateLimitScope.EMAIL, key_hash=keyed_hash(email)
    ).delete()
    return deleted


# --- Content rules ---------------------------------------------------------------

# What readers' browsers would turn into a link (comments/templatetags) and
# what bots post: scheme URLs, bare www. hosts, and HTML/BBCode link markup.
LINK_RE = re.compile(r"(?:https?://|\bwww\.|<a\s|\[url)", re.IGNORECASE)
HOST_RE = re.compile(
    r"(?:https?://|\bwww\.)([^\s/?#<>\"'\[\]]+)|@([A-Za-z0-9.-]+\.[A-Za-z]{2,})",
    re.IGNORECASE,
)


def count_links(text: str) -> int:
    return len(LINK_RE.findall(text))


def _hosts(*texts: str) -> set[str]:
    hosts = set()
    for text in texts:
        for match in HOST_RE.finditer(text):
            host = (match.group(1) or match.group(2)).lower().rstrip(".,;:!)")
            host = host.rsplit("@", 1)[-1].split(":", 1)[0]
            hosts.add(host.removeprefix("www."))
    return hosts


def _domain_matches(host: str, domain: str) -> bool:
    domain = domain.lower().strip().removeprefix("www.").lstrip(".")
    return bool(domain) and (host == domain or host.endswith("." + domain))


def content_spam_reason(*, name: str, email: str, text: str) -> str:
    """The rule a reaction breaks, in words for the moderator; "" if none."""
    links = count_links(text)
    if links > settings.COMMENTS_MAX_LINKS:
        return _("%(count)d links (at most %(max)d allowed)") % {
            "count": links,
            "max": settings.COMMENTS_MAX_LINKS,
        }
    entries = list(BlocklistEntry.objects.values_list("kind", "value"))
    if not entries:
        return ""
    email_normal = email.strip().lower()
    hosts = _hosts(text, email_normal)
    words = f"{name}\n{text}"
    for kind, value in entries:
        if kind == BlocklistKind.EMAIL and email_normal == value.strip().lower():
            return _("Blocklist (e-mail address): %(value)s") % {"value": value}
        if kind == BlocklistKind.DOMAIN and any(
            _domain_matches(host, value) for host in hosts
        ):
            return _("Blocklist (domain): %(value)s") % {"value": value}
        if kind == BlocklistKind.WORD and value.strip():
            pattern = r"(?<!\w)" + re.escape(value.strip()) + r"(?!\w)"
            if re.search(pattern, words, re.IGNORECASE):
                return _("Blocklist (word): %(value)s") % {"value": value}
    return ""
