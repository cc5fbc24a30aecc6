"""Admin logins guarded by django-axes (settings/logins.py).

django-axes keeps its failure counts in PostgreSQL (its database handler),
so a lockout holds across gunicorn workers and app servers. It stores the
client's address in an ``inet`` column; we hand it a pseudonym instead: an
IPv6 address made of the keyed hash that the reactions' rate limit uses
(core/clients.py), so the same client gets the same pseudonym and no raw
address is stored.
"""

import ipaddress
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.utils import timezone

from core.clients import client_address, keyed_hash
from outbox.mail import register, render_message, send_mail
from outbox.models import OutgoingMail

WARNING = "admin_logins.failures"
WINDOW = timedelta(days=1)


def client_pseudonym(request) -> str:
    """A stable IPv6 pseudonym for the visitor's address (AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request) or "unknown"
    digest = bytes.fromhex(keyed_hash(address))[:16]
    return str(ipaddress.IPv6Address(digest))


def failures_for(username: str) -> int:
    """Wrong passwords for ``username`` in the last day, from every client."""
    since = timezone.now() - WINDOW
    total = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=since
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return total or 0


@receiver(user_login_failed, dispatch_uid="admin_logins_warn_owner")
def warn_owner(sender, credentials, request=None, **kwargs):
    """The slower per-username limit: at ADMIN_LOGIN_WARN_AFTER failures in a
    day the account's owner gets a mail (once a day). Nothing is locked by
    username alone, so the owner can still log in from their own address."""
    username = (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.email:
        return
    if failures_for(username) < settings.ADMIN_LOGIN_WARN_AFTER:
        return
    already = OutgoingMail.objects.filter(
        kind=WARNING, object_id=user.pk, created_at__gte=timezone.now() - WINDOW
    ).exists()
    if not already:
        send_mail(kind=WARNING, to=[user.email], object_id=user.pk)


def build_warning(row: OutgoingMail):
    user = get_user_model().objects.filter(pk=row.object_id).first()
    if user is None:
        return None
    return render_message(
        template="admin/email/login_failures",
        context={
            "user": user,
            "failures": failures_for(user.get_username()),
            "limit": settings.AXES_FAILURE_LIMIT,
        },
        to=row.recipient,
    )


register(WARNING, build_warning)
