"""Writes with rules on followers: request, confirm, unsubscribe, announce a
version; and their part of the personal-data procedure."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from comments import spam
from comments.models import SubscriptionConsent
from core import clients
from dossiers.models import DossierVersion
from outbox.mail import send_mail
from outbox.models import OutgoingMail

from .kinds import CONFIRM, DIGEST, KINDS, VERSION
from .models import Announcement, Digest, Follow, Frequency


@transaction.atomic
def request_follow(
    *,
    dossier=None,
    theme=None,
    email: str,
    client_address: str | None,
    frequency: str = Frequency.EACH_VERSION,
) -> Follow | None:
    """Ask to follow ``dossier`` (or ``theme``) at ``email``, a mail per
    substantive version or a weekly overview (``frequency``): one
    confirmation mail, unless the address already follows it or a request
    waits for confirmation. How often is only set by a new request (and a
    renewed one after a lapse or an unsubscribe): a request from someone
    else cannot change what a confirmed follower gets. Counts against the
    rate limit of the client and the address like a reaction (raises
    ``spam.RateLimited``, nothing stored). A blocklisted address or domain
    gets no mail (and the visitor sees the same page, so the blocklist is not
    probed). Returns the row, or None when nothing was stored."""
    email = email.strip()
    spam.check_and_record_rate(client_address=client_address, email=email)
    if spam.content_spam_reason(name="", email=email, text=""):
        return None
    subject = {"dossier": dossier} if dossier is not None else {"theme": theme}
    follow = (
        Follow.objects.select_for_update().filter(**subject).by_email(email).first()
    )
    now = timezone.now()
    if follow is None:
        try:
            with transaction.atomic():
                follow = Follow.objects.create(
                    **subject, email=email, created_at=now, frequency=frequency
                )
        except IntegrityError:  # the same request at the same moment
            return Follow.objects.filter(**subject).by_email(email).first()
    elif follow.is_active:
        return follow  # already following: nothing to confirm
    elif follow.confirmed_at is None and follow.created_at > _confirm_cutoff():
        return follow  # its confirmation mail is still valid
    else:  # lapsed or unsubscribed before: a new request
        follow.created_at = now
        follow.confirmed_at = None
        follow.unsubscribed_at = None
        follow.frequency = frequency
        follow.save(
            update_fields=["created_at", "confirmed_at", "unsubscribed_at", "frequency"]
        )
    send_mail(kind=CONFIRM, to=[follow.email], object_id=follow.pk)
    return follow


def _confirm_cutoff():
    return timezone.now() - timedelta(days=settings.COMMENTS_CONFIRM_DAYS)


@transaction.atomic
def confirm(*, follow: Follow) -> bool:
    """Start the mails and record the consent; False when the link was used
    or the request lapsed or was unsubscribed meanwhile."""
    locked = Follow.objects.select_for_update().filter(pk=follow.pk).first()
    if (
        locked is None
        or locked.confirmed_at is not None
        or locked.unsubscribed_at is not None
    ):
        return False
    now = timezone.now()
    locked.confirmed_at = now
    locked.save(update_fields=["confirmed_at"])
    SubscriptionConsent.objects.create(
        email_hash=clients.keyed_hash(locked.email), comment=None, confirmed_at=now
    )
    follow.refresh_from_db()
    return True


@transaction.atomic
def unsubscribe(*, follow: Follow) -> bool:
    """No more mail about this subject; the moment is kept. False when it
    was already so."""
    locked = Follow.objects.select_for_update().filter(pk=follow.pk).first()
    if locked is None or locked.unsubscribed_at is not None:
        return False
    locked.unsubscribed_at = timezone.now()
    locked.save(update_fields=["unsubscribed_at"])
    follow.refresh_from_db()
    return True


def announce_if_live(version: DossierVersion, **_publication) -> None:
    """The publish hook (dossiers.services.on_publish): a substantive version
    that goes live now is announced at once; a scheduled one by
    ``manage.py announce_versions`` once its moment has come."""
    if version.published_at <= timezone.now():
        announce(version=version)


@transaction.atomic
def announce(*, version: DossierVersion) -> int:
    """One mail per active follower of the version's dossier (or of one of
    its themes) about a substantive version; nothing for a correction, and
    nothing twice. Followers who chose the weekly overview hear of it there
    (``send_digests``). Returns how many mails were queued."""
    if not version.substantive or version.published_at > timezone.now():
        return 0
    announcement, created = Announcement.objects.get_or_create(version=version)
    if not created:
        return 0
    addresses = sorted(
        {
            address.lower(): address
            for address in Follow.objects.active()
            .each_version()
            .of_version(version)
            .values_list("email", flat=True)
        }.values()
    )
    send_mail(kind=VERSION, to=addresses, object_id=version.pk)
    announcement.recipients = len(addresses)
    announcement.save(update_fields=["recipients"])
    return len(addresses)


def announce_due() -> int:
    """Announce substantive versions whose moment has come and that were not
    announced yet (scheduled ones); safe to run from cron at any time."""
    due = DossierVersion.objects.visible().filter(
        substantive=True,
        published_at__gte=timezone.now() - timedelta(days=7),
    )
    announced = Announcement.objects.values("version")
    return sum(announce(version=version) for version in due.exclude(pk__in=announced))


def iso_week(moment) -> str:
    """ "2026-W49": the week a digest belongs to, in the site's time zone."""
    year, week, _day = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def versions_for(follow: Follow, *, since, until):
    """The substantive versions of what ``follow`` follows that went live
    after ``since``, up to ``until``, oldest first."""
    versions = DossierVersion.objects.filter(
        substantive=True, published_at__gt=since, published_at__lte=until
    )
    if follow.dossier_id:
        versions = versions.filter(dossier=follow.dossier_id)
    else:  # the themes the version has, as readers see it
        versions = versions.filter(content__themes__contains=[{"id": follow.theme_id}])
    return versions.order_by("published_at", "pk")


@transaction.atomic
def send_digest(*, follow: Follow, now=None) -> Digest | None:
    """The weekly overview for one follower: a mail listing the substantive
    versions since the previous overview (or since the follow was
    confirmed). Nothing when nothing changed, when it is not a weekly
    follower (any more), or when this week's overview went out already.
    The follow is locked, so two runs at once send one overview."""
    now = now or timezone.now()
    locked = Follow.objects.select_for_update().filter(pk=follow.pk).first()
    if (
        locked is None
        or not locked.is_active
        or locked.frequency != Frequency.WEEKLY
        or locked.digests.filter(week=iso_week(now)).exists()
    ):
        return None
    previous = locked.digests.order_by("-until").first()
    since = previous.until if previous else locked.confirmed_at
    if not versions_for(locked, since=since, until=now).exists():
        return None
    digest = Digest.objects.create(
        follow=locked, week=iso_week(now), since=since, until=now
    )
    send_mail(kind=DIGEST, to=[locked.email], object_id=digest.pk)
    return digest


def send_digests(now=None) -> int:
    """Every weekly follower's overview that is due; safe to run from cron
    as often as you like (once a week is enough, daily is fine). Returns how
    many were queued."""
    now = now or timezone.now()
    follows = Follow.objects.active().weekly().values_list("pk", flat=True)
    return sum(send_digest(follow=Follow(pk=pk), now=now) is not None for pk in follows)


# --- Personal data (core.personal_data) --------------------------------------


def export_follows(email: str) -> list[dict]:
    if not email.strip():
        return []
    return [
        {
            "follows": str(follow.subject),
            "email": follow.email,
            "how_often": follow.get_frequency_display(),
            "requested": follow.created_at.isoformat(),
            "confirmed": follow.confirmed_at and follow.confirmed_at.isoformat(),
            "unsubscribed": follow.unsubscribed_at
            and follow.unsubscribed_at.isoformat(),
        }
        for follow in Follow.objects.by_email(email).select_related("dossier", "theme")
    ]


@transaction.atomic
def erase_follows(email: str) -> int:
    """Every follow of the address goes, with its unsent mails."""
    if not email.strip():
        return 0
    OutgoingMail.objects.unsent().filter(kind__in=KINDS).to(email).delete()
    deleted, _rows = Follow.objects.by_email(email).delete()
    return deleted


def lapse_unconfirmed() -> int:
    """Requests not confirmed within COMMENTS_CONFIRM_DAYS (their link has
    expired) are deleted: they hold an address nobody confirmed."""
    deleted, _rows = Follow.objects.filter(
        confirmed_at__isnull=True, created_at__lt=_confirm_cutoff()
    ).delete()
    return deleted
