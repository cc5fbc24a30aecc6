"""E-mail to moderators and subscribers, unsubscribing, and mail failures."""

import logging
import re
import socket
import threading
import time

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from comments import notifications
from comments.models import Comment, CommentStatus
from outbox.mail import deliver
from outbox.models import OutgoingMail
from tests.factories import CommentFactory, DossierFactory, make_editor

from .helpers import reaction_data, reply_url, seen_on

pytestmark = pytest.mark.django_db

MODERATORS = ["moderator@movisie.example", "tweede@movisie.example"]
CHANGELIST = "admin:comments_comment_changelist"


@pytest.fixture(autouse=True)
def moderators(settings):
    settings.COMMENTS_MODERATOR_EMAILS = MODERATORS
    settings.COMMENTS_MODERATOR_DIGEST = False


@pytest.fixture
def smtp_down(settings):
    """The real SMTP backend, pointed at a port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    return settings


def post_as_visitor(article, *, address="192.0.2.30", **fields):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
    url = reply_url(article, fields.pop("parent", None))
    html = client.get(url).content.decode()
    return client.post(url, reaction_data(html, **fields))


def moderate(action, comment, editor=None):
    moderator = Client()
    moderator.force_login(editor or make_editor())
    return moderator.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [comment.pk]}
    )


# --- Moderators ------------------------------------------------------------------


def test_each_moderator_gets_one_mail_per_pending_reaction(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_visitor(
            article, name="Ruud", text="Een vraag\nover <b>x</b>"
        )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(MODERATORS)
    message = mailoutbox[0]
    assert message.subject == (
        "Nieuwe reactie om goed te keuren: ‘Sociale innovatie werkt’"  # noqa: RUF001
    )
    admin_link = f"https://www.example.nl/admin/comments/comment/{comment.pk}/change/"
    assert "Een vraag\nover <b>x</b>" in message.body
    assert admin_link in message.body
    assert "Ruud" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{admin_link}"' in html
    assert "Een vraag<br>over &lt;b&gt;x&lt;/b&gt;" in html
    assert OutgoingMail.objects.filter(sent_at__isnull=False).count() == 2


def test_no_mail_about_spam_or_editor_reactions(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_as_visitor(article, text=" ".join(f"https://x{i}.nl" for i in range(3)))
        editor = Client()
        editor.force_login(make_editor())
        html = editor.get(reply_url(article)).content.decode()
        editor.post(reply_url(article), reaction_data(html, text="Van de redactie"))
    assert Comment.objects.filter(status=CommentStatus.SPAM).count() == 1
    assert mailoutbox == []


def test_digest_instead_of_one_mail_per_reaction(
    article, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MODERATOR_DIGEST = True
    with django_capture_on_commit_callbacks(execute=True):
        post_as_visitor(article, text="Eerste vraag", address="192.0.2.31")
        post_as_visitor(article, text="Tweede vraag", address="192.0.2.32")
    assert mailoutbox == []
    call_command("send_moderator_digest", verbosity=0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(MODERATORS)
    digest = mailoutbox[0]
    assert digest.subject == "2 reacties wachten op goedkeuring"
    assert "Eerste vraag" in digest.body
    assert "Tweede vraag" in digest.body
    mailoutbox.clear()
    Comment.objects.update(status=CommentStatus.APPROVED)
    call_command("send_moderator_digest", verbosity=0)
    assert mailoutbox == []  # nothing pending, nothing sent


# --- Subscribers -------------------------------------------------------------------


def subscribed_parent(article, mailoutbox, capture):
    with capture(execute=True):
        post_as_visitor(
            article,
            name="Anna",
            email="anna@example.nl",
            notify_replies="on",
            text="Mijn vraag",
        )
    parent = Comment.objects.get()
    assert parent.notify_replies is True
    confirm_from_mail(mailoutbox)
    with capture(execute=True):
        moderate("approve", parent)
    mailoutbox.clear()
    parent.refresh_from_db()
    return parent


def reply_notices(mailoutbox):
    """The mails about a reply (not the reply writer's approval mail)."""
    return [m for m in mailoutbox if m.subject.startswith("Nieuw antwoord")]


def confirm_from_mail(mailoutbox):
    """Follow the link in the confirmation mail and press the button."""
    (message,) = [m for m in mailoutbox if m.subject.startswith("Graag bevestigen")]
    link = re.search(
        r"https://www\.example\.nl(/reacties/bevestigen/\S+/)", message.body
    )
    response = Client().post(link.group(1))
    assert response.status_code == 200


def test_subscription_is_off_by_default(article):
    html = Client().get(reply_url(article)).content.decode()
    assert 'name="notify_replies"' in html
    assert "Stuur mij een e-mail als iemand reageert" in html
    checkbox = html[html.index('name="notify_replies"') :].split(">")[0]
    assert "checked" not in checkbox
    post_as_visitor(article)
    assert Comment.objects.get().notify_replies is False


def test_subscriber_gets_mail_only_for_approved_replies(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    parent = subscribed_parent(article, mailoutbox, capture)
    with capture(execute=True):
        post_as_visitor(
            article,
            parent=parent,
            name="Bert",
            text="Mijn antwoord",
            address="192.0.2.33",
        )
    reply = Comment.objects.get(parent=parent)
    # Pending: only the moderators hear of it.
    assert "anna@example.nl" not in [m.to[0] for m in mailoutbox]
    mailoutbox.clear()
    with capture(execute=True):
        moderate("approve", reply)
    assert [m.to for m in reply_notices(mailoutbox)] == [["anna@example.nl"]]
    message = reply_notices(mailoutbox)[0]
    assert (
        message.subject == "Nieuw antwoord op uw reactie bij ‘Sociale innovatie werkt’"  # noqa: RUF001
    )
    assert "Beste Anna," in message.body
    assert "Bert heeft gereageerd" in message.body
    assert "Mijn antwoord" in message.body
    assert f"https://www.example.nl{reply.get_absolute_url()}" in message.body
    # The signed link carries its own time stamp: read it from the mail.
    unsubscribe = re.search(
        r"https://www\.example\.nl/reacties/afmelden/(\S+)/", message.body
    )
    assert notifications.comment_for_token(unsubscribe.group(1)) == parent
    unsubscribe = unsubscribe.group(0)
    assert f'href="{unsubscribe}"' in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    # Approving again after a withdrawal sends nothing new.
    mailoutbox.clear()
    with capture(execute=True):
        moderate("withdraw", reply)
        moderate("approve", reply)
    assert mailoutbox == []


def test_no_mail_for_own_replies_or_without_subscription(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    parent = subscribed_parent(article, mailoutbox, capture)
    own = CommentFactory(
        parent=parent, email="ANNA@example.nl", status=CommentStatus.PENDING
    )
    unsubscribed = CommentFactory(item=article, notify_replies=False)
    other = CommentFactory(parent=unsubscribed, status=CommentStatus.PENDING)
    with capture(execute=True):
        moderate("approve", own)
        moderate("approve", other)
    assert reply_notices(mailoutbox) == []


def test_editor_reply_is_mailed_at_once(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    parent = subscribed_parent(article, mailoutbox, capture)
    editor = Client()
    editor.force_login(make_editor())
    url = reply_url(article, parent)
    html = editor.get(url).content.decode()
    with capture(execute=True):
        editor.post(url, reaction_data(html, text="Dank voor uw vraag"))
    assert [m.to for m in mailoutbox] == [["anna@example.nl"]]
    # Signed with the editor's display name, never a username.
    assert "Christine de Vries, Movisie heeft gereageerd" in mailoutbox[0].body


def test_no_mail_when_the_parent_was_withdrawn_before_the_reply_is_approved(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    parent = subscribed_parent(article, mailoutbox, capture)
    reply = CommentFactory(parent=parent, status=CommentStatus.PENDING)
    with capture(execute=True):
        moderate("withdraw", parent)
        moderate("approve", reply)
    assert reply_notices(mailoutbox) == []


# --- Unsubscribing -----------------------------------------------------------------


def test_unsubscribe_link_asks_first_then_stops_all_reply_mails(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    parent = subscribed_parent(article, mailoutbox, capture)
    second = CommentFactory(
        item=article,
        email="anna@example.nl",
        notify_replies=True,
        notify_confirmed_at=parent.notify_confirmed_at,
    )
    url = reverse(
        "comments:unsubscribe",
        kwargs={"token": notifications.unsubscribe_token(parent)},
    )
    reader = Client(enforce_csrf_checks=True)
    # A mail scanner fetching the link changes nothing.
    page = reader.get(url)
    assert page.status_code == 200
    assert "Wilt u deze e-mails stoppen" in page.content.decode()
    assert Comment.objects.filter(notify_replies=True).count() == 2
    # The button (no login, no CSRF cookie: the signed link is the proof).
    done = reader.post(url)
    assert done.status_code == 200
    assert "u ontvangt geen e-mails meer" in done.content.decode()
    assert Comment.objects.filter(notify_replies=True).count() == 0
    reply = CommentFactory(parent=second, status=CommentStatus.PENDING)
    with capture(execute=True):
        moderate("approve", reply)
    assert reply_notices(mailoutbox) == []


@pytest.mark.parametrize(
    "token",
    ["onzin", "x" * 5000, "MTIz:1abcde:" + "A" * 43, "%00%0a", "…"],
)
def test_tampered_unsubscribe_link_shows_a_clear_page_and_changes_nothing(token):
    comment = CommentFactory(notify_replies=True)
    for method in ("get", "post"):
        response = getattr(Client(), method)(
            reverse("comments:unsubscribe", kwargs={"token": token})
        )
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
    comment.refresh_from_db()
    assert comment.notify_replies is True


def test_link_for_another_reaction_cannot_be_forged():
    comment = CommentFactory(notify_replies=True)
    token = notifications.unsubscribe_token(comment)
    signature = token.split(":", 1)[1]
    other = CommentFactory(notify_replies=True)
    forged = notifications.unsubscribe_token(other).split(":", 1)[0] + ":" + signature
    response = Client().post(reverse("comments:unsubscribe", kwargs={"token": forged}))
    assert response.status_code == 400
    assert Comment.objects.filter(notify_replies=True).count() == 2


def test_expired_unsubscribe_link(article):
    comment = CommentFactory(notify_replies=True)
    with time_machine.travel(time.time(), tick=False) as clock:
        url = reverse(
            "comments:unsubscribe",
            kwargs={"token": notifications.unsubscribe_token(comment)},
        )
        clock.shift(notifications.UNSUBSCRIBE_MAX_AGE - 60)
        assert Client().get(url).status_code == 200
        clock.shift(120)
        response = Client().post(url)
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.notify_replies is True


# --- The mail server is down -------------------------------------------------------


def test_mail_failure_never_breaks_posting_or_moderating_and_is_retried(
    article, smtp_down, caplog, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with (
        caplog.at_level(logging.WARNING, logger="outbox.mail"),
        capture(execute=True),
    ):
        response = post_as_visitor(
            article, name="Anna", email="anna@example.nl", notify_replies="on"
        )
    assert response.status_code == 302
    parent = Comment.objects.get()
    failed = OutgoingMail.objects.filter(sent_at__isnull=True)
    # Two moderators, and the writer's confirmation mail.
    assert failed.count() == 3
    assert all(row.attempts == 1 and row.last_error for row in failed)
    assert "failed, attempt 1" in caplog.text

    # The moderator approves while the mail server is still down.
    with capture(execute=True):
        assert moderate("approve", parent).status_code == 302
        reply = CommentFactory(parent=parent, status=CommentStatus.PENDING)
        assert moderate("approve", reply).status_code == 302
    parent.refresh_from_db()
    reply.refresh_from_db()
    assert parent.status == reply.status == CommentStatus.APPROVED
    # Plus both writers' "Uw reactie staat online".
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 5

    # The cron run while it is down fails loudly and keeps everything queued.
    with pytest.raises(CommandError):
        call_command("send_notifications", verbosity=0)
    assert OutgoingMail.objects.filter(sent_at__isnull=True, attempts=2).count() == 5

    # The mail server is back: the next run sends each mail once.
    smtp_down.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    mail.outbox = []
    call_command("send_notifications", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [*MODERATORS, "anna@example.nl", "anna@example.nl", reply.email]
    )
    call_command("send_notifications", verbosity=0)
    assert len(mail.outbox) == 5
    assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()


def test_a_mail_backend_that_raises_is_caught(
    article, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.comments.mailers.Broken"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_visitor(article)
    assert response.status_code == 302
    row = OutgoingMail.objects.first()
    assert row.last_error.startswith("SMTPServerDisconnected")


@pytest.mark.django_db(transaction=True)
def test_two_senders_never_send_the_same_mail(mailoutbox, settings):
    settings.OUTBOX_SEND_ON_COMMIT = False
    first, second = CommentFactory.create_batch(2, status=CommentStatus.PENDING)
    rows = [
        OutgoingMail.objects.create(
            kind="comments.moderator", object_id=c.pk, recipient=to
        )
        for c in (first, second)
        for to in MODERATORS
    ]
    held = threading.Event()
    release = threading.Event()

    def other_sender_holds_one_row():
        try:
            with transaction.atomic():
                OutgoingMail.objects.select_for_update().get(pk=rows[0].pk)
                held.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_sender_holds_one_row)
    thread.start()
    assert held.wait(10)
    counts = deliver()
    release.set()
    thread.join(10)
    assert counts == {"sent": 3, "failed": 0, "dropped": 0}
    assert rows[0].pk not in {
        row.pk for row in OutgoingMail.objects.filter(sent_at__isnull=False)
    }
    assert deliver()["sent"] == 1
    assert len(mailoutbox) == 4


@pytest.mark.parametrize("pending", [2, 20])
def test_digest_costs_the_same_queries_for_few_or_many(
    pending, settings, mailoutbox, django_assert_num_queries
):
    settings.COMMENTS_MODERATOR_DIGEST = True
    CommentFactory.create_batch(pending, status=CommentStatus.PENDING)
    # Queue (2), then per moderator: lock the row, list and count the
    # pending reactions, mark it sent (plus the savepoints around each).
    with django_assert_num_queries(19):
        call_command("send_moderator_digest", verbosity=0)
    assert len(mailoutbox) == len(MODERATORS)
    assert f"{pending} reacties wachten" in mailoutbox[0].subject


def test_moderator_mails_name_a_dossier_as_readers_know_it(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    # The draft was renamed but not published: the reaction was written on
    # the page with the published title, and the mails say that one.
    dossier = DossierFactory(title="Wat werkt bij buurtkracht")
    dossier.title = "Werktitel van de redactie"
    dossier.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_as_visitor(dossier, text="Over het dossier")
    notice = mailoutbox[0]
    assert "‘Wat werkt bij buurtkracht’" in notice.subject  # noqa: RUF001
    assert "Wat werkt bij buurtkracht" in notice.body
    settings.COMMENTS_MODERATOR_DIGEST = True
    mailoutbox.clear()
    call_command("send_moderator_digest", verbosity=0)
    digest = mailoutbox[0]
    assert "Wat werkt bij buurtkracht" in digest.body
    assert "Werktitel" not in notice.subject + notice.body + digest.body


def test_the_link_in_the_moderator_mail_leads_to_an_approve_button(
    article, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_as_visitor(article, text="Graag goedkeuren")
    comment = Comment.objects.get()
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/admin/" in line
    ).removeprefix("https://www.example.nl")
    moderator = Client()
    moderator.force_login(make_editor())
    page = moderator.get(link).content.decode()
    assert 'form="comment_form" name="_approve" value="Goedkeuren"' in page
    response = moderator.post(
        link,
        {"seen": seen_on(page), "moderator_note": "Prima reactie", "_approve": "1"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderator_note == "Prima reactie"
    assert (
        "Graag goedkeuren" in Client().get(article.get_absolute_url()).content.decode()
    )
