"""The one way the site sends mail: queued with the change, sent after commit."""

import pytest
from django.db import transaction

from comments.models import CommentStatus
from outbox.mail import send_mail
from outbox.models import OutgoingMail
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_mail_is_sent_only_after_its_change_commits(mailoutbox):
    comment = CommentFactory(status=CommentStatus.PENDING)
    with transaction.atomic():
        send_mail(kind="comments.moderator", to=["m@example.nl"], object_id=comment.pk)
        assert mailoutbox == []  # not before commit
    assert [m.to for m in mailoutbox] == [["m@example.nl"]]
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_mail_of_a_change_that_rolled_back_is_never_sent(mailoutbox):
    comment = CommentFactory(status=CommentStatus.PENDING)

    def failing_change():
        with transaction.atomic():
            send_mail(
                kind="comments.moderator", to=["m@example.nl"], object_id=comment.pk
            )
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert mailoutbox == []
    assert not OutgoingMail.objects.exists()


def test_an_unknown_kind_of_mail_is_refused_at_once():
    with pytest.raises(LookupError):
        send_mail(kind="nobody.knows", to=["m@example.nl"])
