"""The outbox in the admin: a mail an editor can read, and send again."""

import pytest
from django.test import Client

from comments.models import CommentStatus
from outbox.models import OutgoingMail
from tests.factories import ArticleFactory, CommentFactory, EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client = Client()
    client.force_login(EditorFactory())
    return client


def moderator_mail(**fields):
    article = ArticleFactory(title="Samen werkt het best")
    comment = CommentFactory(
        item=article, status=CommentStatus.PENDING, text="Hoe begin je?"
    )
    return OutgoingMail.objects.create(
        kind="comments.moderator",
        recipient="moderator@example.nl",
        object_id=comment.pk,
        **fields,
    )


def test_an_editor_reads_a_mail_with_its_subject_text_and_links(editor):
    row = moderator_mail(attempts=1, last_error="SMTPServerDisconnected: down")
    html = editor.get(f"/admin/outbox/outgoingmail/{row.pk}/change/").content.decode()
    assert "Samen werkt het best" in html  # the subject names the article
    assert '<pre class="mail-text">' in html
    assert "Hoe begin je?" in html  # the reaction, in the text
    assert '<ul class="mail-links"><li><a href="https://www.example.nl/' in html
    assert "SMTPServerDisconnected" in html
    listing = editor.get("/admin/outbox/outgoingmail/?mislukt=1").content.decode()
    assert "kon nog niet worden verstuurd" in listing


def test_a_failed_mail_is_sent_again_with_a_correct_message(editor, mailoutbox):
    failed = moderator_mail(attempts=3, last_error="SMTP 451")
    sent = moderator_mail()
    sent.sent_at = sent.created_at
    sent.save()
    response = editor.post(
        "/admin/outbox/outgoingmail/",
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    html = response.content.decode()
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert [m.to for m in mailoutbox] == [["moderator@example.nl"]]
    assert "1 e-mail is verstuurd." in html
    assert "1 e-mail was al verstuurd en wordt niet twee keer verstuurd." in html
