"""Reactions and a dossier's revisions.

'Relevant voor herziening': a moderator marks a reaction for the dossier's
review packet (feedback/review_packet.py), from the moderation list.

'Verwerkt in versie n': an editor marks reactions as taken into the
version being published (the dossier's admin, "reacties die in deze versie
zijn verwerkt"). The thread shows the badge with a link to that version
(comments/thread.py), the version's page and its "Wat is er nieuw" name the
reactions, and a writer who asked for mail about their reaction (and
confirmed it) gets one mail.

Called by ``publish_dossier`` through its publish hook (registered in
comments/notifications.py), inside the publication's transaction.
"""

from django.db import transaction
from django.utils import timezone

from dossiers.models import DossierVersion
from outbox.mail import send_mail
from outbox.models import OutgoingMail

from .models import Comment, CommentStatus
from .purging import purge_threads

INCORPORATED = "comments.incorporated"


@transaction.atomic
def mark_incorporated(version: DossierVersion, *, reactions: list[int]) -> int:
    """Mark the approved reactions ``reactions`` of the version's dossier as
    taken into ``version``; returns how many. Each row is locked, so a
    moderator withdrawing one at the same moment is either before (it is
    left out) or after (it keeps the mark, off the site)."""
    if not reactions:
        return 0
    ids = list(
        Comment.objects.filter(
            dossier=version.dossier_id, pk__in=reactions, status=CommentStatus.APPROVED
        )
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Comment.objects.filter(pk__in=ids).update(
        incorporated_in=version.number, updated_at=timezone.now()
    )
    if ids:
        # The thread shows the badge: its pages are purged (from the
        # moderation list; publishing purges the whole dossier anyway).
        purge_threads(version.dossier)
    for comment in Comment.objects.filter(pk__in=ids).subscribed():
        _queue_notice(comment)
    return len(ids)


def _queue_notice(comment: Comment) -> None:
    """One mail per reaction, ever, to a writer who confirmed reply mails."""
    if (
        not comment.email
        or OutgoingMail.objects.filter(kind=INCORPORATED, object_id=comment.pk).exists()
    ):
        return
    send_mail(kind=INCORPORATED, to=[comment.email], object_id=comment.pk)


@transaction.atomic
def mark_relevant(*, comment: Comment, moderator) -> bool:
    """Put a reaction on a dossier in its review packet; False when it is
    not on a dossier or already marked."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not locked.dossier_id or locked.relevant_for_review:
        return False
    locked.relevant_for_review = True
    locked.save(update_fields=["relevant_for_review"])
    comment.refresh_from_db()
    return True


def on_publish(version: DossierVersion, *, reactions: list[int], **_rest) -> None:
    mark_incorporated(version, reactions=reactions)
