"""The spam defence in layers, each configurable in settings.

1. The form (comments/forms.py): a honeypot field, and the minimum time
   between issuing the question and the post, taken from the question's own
   row (comments/captcha.py). Tripped: refused, nothing stored.
2. Rate limiting (``check_and_record_rate``), per hashed client address and
   per hashed e-mail address, counted in PostgreSQL so it holds across
   workers and servers. Beyond the limit: refused with 429.
3. Content rules (``content_spam_reason``): too many links or a blocklist
   match, counting the links the thread will show (comments/links.py). The
   reaction is stored as spam with the rule that fired, so a moderator can
   rescue a false positive.
"""

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.clients import keyed_hash

from .links import linkify
from .models import BlocklistEntry, BlocklistKind, RateLimitHit, RateLimitScope

# --- What gives a script away -----------------------------------------------------


def script_trap(data, issued_at: datetime | None) -> str | None:
    """What gives a script away in posted form ``data``: "honeypot" (the trap
    field, COMMENTS_HONEYPOT_FIELD, is filled in) or "too_fast" (posted
    sooner than COMMENTS_MIN_SECONDS after its question was ``issued_at``,
    comments/captcha.py); None for a person."""
    if str(data.get(settings.COMMENTS_HONEYPOT_FIELD, "")):
        return "honeypot"
    too_soon = timezone.now() - timedelta(seconds=settings.COMMENTS_MIN_SECONDS)
    if issued_at is not None and issued_at > too_soon:
        return "too_fast"
    return None


# --- Rate limiting -------------------------------------------------------------


class RateLimited(Exception):
    """More reactions than COMMENTS_RATE_LIMIT in COMMENTS_RATE_PERIOD.

    ``message`` is what the visitor reads (the form shows it, with a 429).
    """

    @property
    def message(self) -> str:
        return _(
            "You have sent too many reactions in a short time. Please "
            "wait a while and try again."
        )


class QuestionLimitReached(RateLimited):
    """More arithmetic questions than COMMENTS_QUESTION_LIMIT in
    COMMENTS_RATE_PERIOD for one client address."""

    @property
    def message(self) -> str:
        return _(
            "You have opened a great many reaction forms in a short time. "
            "Please wait a few minutes and then load this page again."
        )


def _keys(*, client_address: str | None, email: str) -> list[tuple[str, str]]:
    keys = []
    if client_address:
        keys.append((RateLimitScope.ADDRESS.value, keyed_hash(client_address)))
    if email:
        keys.append((RateLimitScope.EMAIL.value, keyed_hash(email)))
    return sorted(keys)  # one lock order for everyone: no deadlocks


def _count_and_record(keys, *, limit: int, refusal) -> None:
    """Record one hit per (scope, hash) in ``keys``, or raise ``refusal(scope)``
    when any of them already has ``limit`` hits in COMMENTS_RATE_PERIOD.

    A transaction-scoped advisory lock per (scope, hash) serialises
    concurrent requests from the same address, so two of them cannot both
    see "one below the limit" and both insert; it is released at commit or
    rollback. Call inside a transaction.
    """
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
        if count >= limit:
            raise refusal(scope)
    RateLimitHit.objects.bulk_create(
        RateLimitHit(scope=scope, key_hash=digest) for scope, digest in keys
    )


def check_and_record_rate(*, client_address: str | None, email: str) -> None:
    """Count this reaction, or raise RateLimited. Call inside the transaction
    that stores the reaction."""
    _count_and_record(
        _keys(client_address=client_address, email=email),
        limit=settings.COMMENTS_RATE_LIMIT,
        refusal=RateLimited,
    )


@transaction.atomic
def check_and_record_question(*, client_address: str | None) -> None:
    """Count one arithmetic question issued to this client address, or raise
    QuestionLimitReached beyond COMMENTS_QUESTION_LIMIT per
    COMMENTS_RATE_PERIOD: a script fetching the form in a loop cannot fill
    the question table (issue 18, defect 11), a person opening a few forms
    never notices."""
    if not client_address:
        return
    _count_and_record(
        [(RateLimitScope.QUESTION.value, keyed_hash(client_address))],
        limit=settings.COMMENTS_QUESTION_LIMIT,
        refusal=QuestionLimitReached,
    )


def purge_rate_limits(*, before) -> int:
    """Delete hashed addresses counted before ``before`` (the retention,
    COMMENTS_HASH_RETENTION_DAYS, ends there); returns how many went."""
    deleted, _rows = RateLimitHit.objects.filter(created_at__lt=before).delete()
    return deleted


def forget_email_hashes(email: str) -> int:
    deleted, _rows = RateLimitHit.objects.filter(
        scope=RateLimitScope.EMAIL, key_hash=keyed_hash(email)
    ).delete()
    return deleted


# --- Content rules ---------------------------------------------------------------


def _domain_matches(host: str, domain: str) -> bool:
    domain = domain.lower().strip().removeprefix("www.").lstrip(".")
    return bool(domain) and (host == domain or host.endswith("." + domain))


def link_count(text: str) -> int:
    """How many links the thread will show for ``text`` (comments/links.py):
    what the link limit counts, when posting and when editing."""
    return len(linkify(text).hrefs)


def content_spam_reason(*, name: str, email: str, text: str) -> str:
    """The rule a reaction breaks, in words for the moderator; "" if none."""
    # Exactly the links the thread will show (comments/links.py).
    linked = linkify(text)
    links = len(linked.hrefs)
    if links > settings.COMMENTS_MAX_LINKS:
        return _("%(count)d links (at most %(max)d allowed)") % {
            "count": links,
            "max": settings.COMMENTS_MAX_LINKS,
        }
    entries = list(BlocklistEntry.objects.values_list("kind", "value"))
    if not entries:
        return ""
    email_normal = email.strip().lower()
    hosts = linked.hosts | linkify(email_normal).hosts
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
