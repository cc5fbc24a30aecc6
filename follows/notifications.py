"""E-mail to followers: the confirmation, a substantive new version, and the
weekly overview for those who chose it.

Built when sent (outbox/mail.py), from the data as it is then: a follower
who unsubscribed, or was erased, before the mail went out gets nothing.
Links are signed like the links in mails to a reaction's writer
(``comments.signed_links``), bound to the follow and its address.
"""

from django.conf import settings
from django.urls import reverse

from comments import signed_links
from core import personal_data
from dossiers.comparisons import sections_between
from dossiers.diff import ComparisonTooSlow
from dossiers.models import Dossier, DossierVersion
from dossiers.services import on_publish
from outbox.mail import absolute, register, render_message
from outbox.models import OutgoingMail

from . import services
from .kinds import CONFIRM, DIGEST, VERSION
from .models import Digest, Follow

NAMESPACE = "follows"
CONFIRM_ACTION = "confirm"
UNSUBSCRIBE_ACTION = "unsubscribe"
# An unsubscribe link in an old mail keeps working for a year.
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600


def max_age(action: str) -> int:
    if action == CONFIRM_ACTION:
        return settings.COMMENTS_CONFIRM_DAYS * 24 * 3600
    return UNSUBSCRIBE_MAX_AGE


def token(follow: Follow, action: str) -> str:
    return signed_links.sign(
        namespace=NAMESPACE, action=action, pk=follow.pk, email=follow.email
    )


def follow_for(value: str, action: str) -> Follow | None:
    """The follow a link was made for; None when tampered, expired, for
    another action, or the follow (or its address) is gone."""
    found = signed_links.unsign(
        value, namespace=NAMESPACE, action=action, max_age=max_age(action)
    )
    if found is None:
        return None
    pk, tag = found
    follow = Follow.objects.select_related("dossier", "theme").filter(pk=pk).first()
    if follow is None or tag != signed_links.address_tag(follow.email):
        return None
    return follow


def url(follow: Follow, action: str) -> str:
    name = "follows:confirm" if action == CONFIRM_ACTION else "follows:unsubscribe"
    return absolute(reverse(name, kwargs={"token": token(follow, action)}))


def _one_click(link: str) -> dict:
    """RFC 8058 one-click unsubscribe for mail programs that offer it."""
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def subject_title(follow: Follow) -> str:
    return follow.dossier.reader_title if follow.dossier_id else follow.theme.name


def build_confirmation(row: OutgoingMail):
    """Dropped when confirmed, unsubscribed or erased meanwhile."""
    follow = (
        Follow.objects.select_related("dossier", "theme")
        .filter(pk=row.object_id)
        .first()
    )
    if (
        follow is None
        or follow.confirmed_at is not None
        or follow.unsubscribed_at is not None
        or follow.email.lower() != row.recipient.lower()
    ):
        return None
    context = {
        "follow": follow,
        "title": subject_title(follow),
        "subject_url": absolute(follow.subject.get_absolute_url()),
        "confirm_url": url(follow, CONFIRM_ACTION),
        "days": settings.COMMENTS_CONFIRM_DAYS,
    }
    return render_message(
        template="follows/email/confirm", context=context, to=row.recipient
    )


def build_version_notice(row: OutgoingMail):
    """Dropped when the recipient no longer follows the dossier (or its
    themes)."""
    version = (
        DossierVersion.objects.select_related("dossier")
        .filter(pk=row.object_id)
        .first()
    )
    if version is None:
        return None
    follow = (
        Follow.objects.active()
        .of_version(version)
        .by_email(row.recipient)
        .select_related("dossier", "theme")
        .order_by("theme")  # the dossier itself first (NULL theme sorts last)
        .first()
    )
    if follow is None:
        return None
    dossier = Dossier.objects.links().get(pk=version.dossier_id)
    changes, diff_url = [], ""
    if version.number > 1:
        try:  # the comparison page's own, kept for its readers too
            sections = (
                sections_between(dossier, version.number - 1, version.number) or []
            )
        except ComparisonTooSlow:  # the mail links to the page all the same
            sections = []
        changes = [section for section in sections if section.status != "unchanged"]
        diff_url = absolute(
            reverse(
                "dossiers:diff",
                args=[dossier.slug, version.number - 1, version.number],
            )
        )
    link = url(follow, UNSUBSCRIBE_ACTION)
    context = {
        "version": version,
        "title": version.title,
        "dossier_url": absolute(dossier.get_absolute_url()),
        "version_url": absolute(version.get_absolute_url()),
        "diff_url": diff_url,
        "changes": changes,
        "whats_new": version.whats_new_points(),
        "follow": follow,
        "follows_title": subject_title(follow),
        "unsubscribe_url": link,
    }
    return render_message(
        template="follows/email/version",
        context=context,
        to=row.recipient,
        headers=_one_click(link),
    )


def build_digest(row: OutgoingMail):
    """The weekly overview: each substantive version in the digest's period
    with its note, what is new and a link to what changed. Dropped when the
    follower unsubscribed, changed address or was erased meanwhile."""
    digest = (
        Digest.objects.select_related("follow__dossier", "follow__theme")
        .filter(pk=row.object_id)
        .first()
    )
    if digest is None:
        return None
    follow = digest.follow
    if not follow.is_active or follow.email.lower() != row.recipient.lower():
        return None
    versions = list(
        services.versions_for(follow, since=digest.since, until=digest.until)
        .select_related("dossier")
        .only(
            *("number", "title", "note", "whats_new", "published_at"),
            *("conclusions_changed", "dossier__slug"),
        )
        .with_comparable()  # no link to a comparison that cannot be shown
    )
    if not versions:  # withdrawn since (a scheduled version moved on)
        return None
    items = [
        {
            "version": version,
            "whats_new": version.whats_new_points(),
            "version_url": absolute(version.get_absolute_url()),
            "diff_url": absolute(
                reverse(
                    "dossiers:diff",
                    args=[version.dossier.slug, version.number - 1, version.number],
                )
            )
            if version.comparable
            else "",
        }
        for version in versions
    ]
    link = url(follow, UNSUBSCRIBE_ACTION)
    context = {
        "items": items,
        "digest": digest,
        "follows_title": subject_title(follow),
        "subject_url": absolute(follow.subject.get_absolute_url()),
        "unsubscribe_url": link,
    }
    return render_message(
        template="follows/email/digest",
        context=context,
        to=row.recipient,
        headers=_one_click(link),
    )


# Found by the outbox at startup (outbox/apps.py), like an app's admin.py.
register(CONFIRM, build_confirmation)
register(VERSION, build_version_notice)
register(DIGEST, build_digest)
# A substantive version is announced to the dossier's followers ...
on_publish(services.announce_if_live)
# ... and their addresses are personal data (export, erasure, retention).
personal_data.register(
    "volgen",
    export=services.export_follows,
    erase=services.erase_follows,
    purge=services.lapse_unconfirmed,
)
