"""A writer's personal data: access, erasure and reply mails stopped."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clients
from outbox.mail import absolute

from .. import notifications, rendering, spam, trust
from ..models import Comment, Revision
from ..purging import purge_threads


@transaction.atomic
def erase_personal_data(*, email: str, remove_text: bool = False) -> int:
    """Anonymise every reaction written with ``email`` (right to erasure).

    Name and address are replaced, subscriptions end, unsent mails about or
    to the address are dropped, its rate-limit hashes, writer history and
    trust deleted. With ``remove_text`` the text is replaced too, and the
    earlier texts kept for moderators go. Replies keep their place in the
    thread. Returns how many reactions changed (0: nothing was found).
    """
    email = email.strip()
    if not email:
        return 0
    comments = Comment.objects.by_email(email)
    ids = list(comments.select_for_update().values_list("pk", flat=True))
    if not ids:
        return 0
    notifications.forget_mail_to(email)
    changes = {
        "name": _("Anonymous"),
        "email": "",
        "email_hash": "",
        "notify_replies": False,
        "user": None,
        "updated_at": timezone.now(),  # a new thread version: caches refresh
    }
    if remove_text:
        changes["text"] = _("This reaction has been removed.")
        changes["pending_text"] = ""
        Revision.objects.filter(comment__in=ids).delete()
    Comment.objects.filter(pk__in=ids).update(**changes)
    rendering.store_html_for(Comment.objects.filter(pk__in=ids))
    purge_threads(
        *{
            c.item
            for c in Comment.objects.filter(pk__in=ids).select_related(
                "article", "dossier"
            )
        }
    )
    spam.forget_email_hashes(email)
    trust.forget(clients.keyed_hash(email))
    return len(ids)


def export_personal_data(*, email: str) -> list[dict]:
    """Every reaction written with ``email``, for a data access request."""
    if not email.strip():
        return []  # erased reactions have no address: never "everyone's"
    comments = (
        Comment.objects.by_email(email)
        .select_related("article", "dossier")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": comment.pk,
            "item": str(comment.item),
            "url": absolute(comment.get_absolute_url()),
            "in_reply_to": comment.parent_id,
            "name": comment.name,
            "email": comment.email,
            "text": comment.text,
            "status": comment.status,
            "posted": comment.created_at.isoformat(),
            "e-mail_on_replies": comment.notify_replies,
        }
        for comment in comments
    ]


def unsubscribe(*, comment: Comment) -> int:
    """No more reply mails for any reaction with ``comment``'s address."""
    if not comment.email:
        return 0
    changed = Comment.objects.by_email(comment.email).update(notify_replies=False)
    notifications.forget_unsent_reply_notices(comment.email)
    return changed
