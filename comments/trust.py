"""Trusted writers: whose reactions are published without waiting.

Off unless COMMENTS_TRUSTED_WRITERS is true. An address (by its keyed hash,
never the address itself) earns trust with COMMENTS_TRUSTED_AFTER approved
reactions; from then on its reactions are published at once. Trust changes
nothing else: the rate limit and the content rules still apply (a reaction
that breaks one is refused or held as spam like anyone's), and a change to a
published reaction is still moderated. A moderator revokes trust in the admin;
the revoked row stays, so later approvals do not bring it back by themselves.

Counted as the moderation queue counts (``Comment.objects.writer_histories``),
so the number a moderator sees is the number the rule uses.
"""

from django.conf import settings
from django.utils import timezone

from core.clients import keyed_hash

from .models import Comment, TrustedWriter


def writer_hash(*, email: str, is_staff_reply: bool = False) -> str:
    """What a reaction's writer history is counted under (``Comment.
    email_hash``; comments/trust.py): the keyed hash of a visitor's address,
    nothing for the editorial team's replies or an erased address."""
    return keyed_hash(email) if email.strip() and not is_staff_reply else ""


def enabled() -> bool:
    return settings.COMMENTS_TRUSTED_WRITERS


def is_trusted(email_hash: str) -> bool:
    """True when reactions under ``email_hash`` are published at once; grants
    the trust first when it was earned and never revoked."""
    if not enabled() or not email_hash:
        return False
    trusted = TrustedWriter.objects.filter(email_hash=email_hash).first()
    if trusted is not None:
        return trusted.is_active
    return grant_if_earned(email_hash)


def grant_if_earned(email_hash: str) -> bool:
    """Record the trust of ``email_hash`` when it has enough approved
    reactions (call after an approval); True when it is trusted now."""
    if not enabled() or not email_hash:
        return False
    history = Comment.objects.writer_histories([email_hash]).get(email_hash)
    if history is None or history.approved < settings.COMMENTS_TRUSTED_AFTER:
        return False
    # ON CONFLICT DO NOTHING: two approvals at once, or a revoked row, stay one.
    TrustedWriter.objects.bulk_create(
        [TrustedWriter(email_hash=email_hash, approved_then=history.approved)],
        ignore_conflicts=True,
    )
    return TrustedWriter.objects.active().filter(email_hash=email_hash).exists()


def revoke(*, trusted: TrustedWriter, moderator) -> bool:
    """End the trust; False when it already was."""
    changed = (
        TrustedWriter.objects.active()
        .filter(pk=trusted.pk)
        .update(revoked_at=timezone.now(), revoked_by=moderator)
    )
    trusted.refresh_from_db()
    return bool(changed)


def restore(*, trusted: TrustedWriter) -> bool:
    """Trust a revoked writer again; False when it was not revoked."""
    changed = TrustedWriter.objects.filter(
        pk=trusted.pk, revoked_at__isnull=False
    ).update(revoked_at=None, revoked_by=None, trusted_at=timezone.now())
    trusted.refresh_from_db()
    return bool(changed)


def forget(email_hash: str) -> None:
    """Right to erasure: the trust record goes with the address."""
    TrustedWriter.objects.filter(email_hash=email_hash).delete()
