"""The writer in control: double opt-in, the approval mail, edit and withdraw."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import notifications, signed_links
from comments.models import Comment, CommentStatus, Revision, SubscriptionConsent
from core import clients
from tests.factories import CommentFactory, make_editor

from .helpers import post_reaction, reply_url, seen_on, visitor

pytestmark = pytest.mark.django_db

SITE = "https://www.example.nl"


@pytest.fixture(autouse=True)
def no_moderator_mail(settings):
    settings.COMMENTS_MODERATOR_EMAILS = []


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def post(article, *, parent=None, address="192.0.2.40", **fields):
    return post_reaction(visitor(address), reply_url(article, parent), **fields)


def moderate(action, comment):
    moderator = Client()
    moderator.force_login(make_editor())
    url = reverse("admin:comments_comment_changelist")
    return moderator.post(url, {"action": action, "_selected_action": [comment.pk]})


def link_in(message, segment: str) -> str:
    match = re.search(rf"{re.escape(SITE)}(/reacties/{segment}/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def mails_to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


# --- Double opt-in -----------------------------------------------------------


def test_reply_mails_only_after_the_address_is_confirmed(article, mailoutbox, capture):
    with capture():
        response = post(
            article,
            name="Anna",
            email="anna@example.nl",
            notify_replies="on",
            text="Mijn vraag",
        )
    received = Client().get(response["Location"]).content.decode()
    assert "eerst een e-mail om uw adres te bevestigen" in received
    assert "Uw reactie staat online" not in received  # a subject, not a promise
    (confirmation,) = mailoutbox
    assert confirmation.to == ["anna@example.nl"]
    assert confirmation.subject.startswith("Graag bevestigen")
    parent = Comment.objects.get()
    with capture():
        moderate("approve", parent)
        first = CommentFactory(parent=parent, status=CommentStatus.PENDING)
        moderate("approve", first)
    # Approved twice over, but not confirmed: no reply mail yet.
    assert [m.subject for m in mails_to(mailoutbox, "anna@example.nl")] == [
        confirmation.subject,
        "Uw reactie staat online",
    ]

    link = link_in(confirmation, "bevestigen")
    page = Client().get(link)  # a mail scanner opening the link
    assert page.status_code == 200
    assert "Ja, mail mij over antwoorden" in page.content.decode()
    parent.refresh_from_db()
    assert parent.notify_confirmed_at is None
    assert not SubscriptionConsent.objects.exists()

    before = timezone.now()
    done = Client().post(link)
    assert "uw e-mailadres is bevestigd" in done.content.decode()
    consent = SubscriptionConsent.objects.get()
    assert consent.email_hash == clients.keyed_hash("anna@example.nl")
    assert consent.comment == parent
    assert consent.confirmed_at >= before
    assert "anna@example.nl" not in consent.email_hash

    mailoutbox.clear()
    with capture():
        second = CommentFactory(parent=parent, status=CommentStatus.PENDING)
        moderate("approve", second)
    notices = [m for m in mailoutbox if "Nieuw antwoord" in m.subject]
    assert [m.to for m in notices] == [["anna@example.nl"]]

    reused = Client().post(link)
    assert reused.status_code == 400
    assert "al gebruikt" in reused.content.decode()
    assert SubscriptionConsent.objects.count() == 1


def test_a_confirmed_address_is_not_asked_again(article, mailoutbox, capture):
    CommentFactory(
        item=article,
        email="anna@example.nl",
        notify_replies=True,
        notify_confirmed_at=timezone.now(),
    )
    with capture():
        post(article, email="Anna@Example.nl", notify_replies="on")
    assert mailoutbox == []
    assert Comment.objects.filter(notify_confirmed_at__isnull=False).count() == 2


def test_confirming_after_unsubscribing_changes_and_sends_nothing(
    article, mailoutbox, capture
):
    with capture():
        post(article, email="anna@example.nl", notify_replies="on")
    link = link_in(mailoutbox[0], "bevestigen")
    parent = Comment.objects.get()
    Client().post(
        reverse(
            "comments:unsubscribe",
            kwargs={"token": notifications.unsubscribe_token(parent)},
        )
    )
    response = Client().post(link)
    assert response.status_code == 400
    assert "afgemeld" in response.content.decode()
    parent.refresh_from_db()
    assert parent.notify_confirmed_at is None
    assert not SubscriptionConsent.objects.exists()
    mailoutbox.clear()
    with capture():
        moderate("approve", parent)
        reply = CommentFactory(parent=parent, status=CommentStatus.PENDING)
        moderate("approve", reply)
    assert not any("Nieuw antwoord" in m.subject for m in mailoutbox)


def test_unconfirmed_requests_lapse_after_a_week(article, mailoutbox, capture):
    with capture():
        post(article, email="anna@example.nl", notify_replies="on")
    link = link_in(mailoutbox[0], "bevestigen")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = Client().post(link)
        assert response.status_code == 400
        assert "te oud" in response.content.decode()
        call_command("purge_rate_limits", verbosity=0)
    comment = Comment.objects.get()
    assert comment.notify_replies is False
    assert comment.notify_confirmed_at is None


def test_no_confirmation_mail_for_spam(article, mailoutbox, capture):
    with capture():
        post(
            article,
            notify_replies="on",
            text=" ".join(f"https://x{i}.nl" for i in range(3)),
        )
    assert Comment.objects.get().status == CommentStatus.SPAM
    assert mailoutbox == []


# --- "Uw reactie staat online" -----------------------------------------------------


def test_one_approval_mail_with_a_link_and_edit_and_withdraw_links(
    article, mailoutbox, capture
):
    comment = CommentFactory(
        item=article, name="Bert", email="bert@example.nl", status="pending"
    )
    with capture():
        moderate("approve", comment)
    (message,) = mailoutbox
    assert message.to == ["bert@example.nl"]
    assert message.subject == "Uw reactie staat online"
    assert f"{SITE}{comment.get_absolute_url()}" in message.body
    html = message.alternatives[0][0]
    for segment in ("wijzigen", "intrekken"):
        assert f'href="{SITE}{link_in(message, segment)}"' in html
    # Withdrawn by a moderator and approved again: no second mail.
    with capture():
        moderate("withdraw", comment)
        moderate("approve", comment)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("action", ["reject", "mark_spam"])
def test_no_mail_on_rejection_or_spam(action, article, mailoutbox, capture):
    comment = CommentFactory(item=article, status=CommentStatus.PENDING)
    with capture():
        moderate(action, comment)
    assert mailoutbox == []


def approved_with_mail(article, mailoutbox, capture, **fields):
    comment = CommentFactory(
        item=article, email="bert@example.nl", status="pending", **fields
    )
    with capture():
        moderate("approve", comment)
    (message,) = mails_to(mailoutbox, "bert@example.nl")
    mailoutbox.clear()
    comment.refresh_from_db()
    return comment, message


# --- Withdrawing -------------------------------------------------------------------


def test_withdraw_asks_first_then_removes_the_reaction(article, mailoutbox, capture):
    comment, message = approved_with_mail(
        article, mailoutbox, capture, text="Mijn mening"
    )
    link = link_in(message, "intrekken")
    page = Client().get(link).content.decode()
    assert "Ja, trek mijn reactie in" in page
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED  # the GET changed nothing

    done = Client().post(link)
    assert "Uw reactie is ingetrokken" in done.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.withdrawn_at is not None
    assert Revision.objects.get(comment=comment).text_before == "Mijn mening"
    article_page = Client().get(article.get_absolute_url()).content.decode()
    assert "Mijn mening" not in article_page
    assert "Deze reactie is verwijderd" not in article_page  # no replies: gone

    again = Client().post(link)
    assert again.status_code == 400
    assert "al gebruikt" in again.content.decode()


def test_withdrawing_a_reaction_with_replies_leaves_a_placeholder(
    article, mailoutbox, capture
):
    comment, message = approved_with_mail(
        article, mailoutbox, capture, text="Mijn mening"
    )
    CommentFactory(parent=comment, text="Een antwoord erop")
    link = link_in(message, "intrekken")
    assert "hun antwoorden blijven staan" in Client().get(link).content.decode()
    Client().post(link)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Mijn mening" not in page
    assert "Deze reactie is verwijderd" in page
    assert "Een antwoord erop" in page


# --- The thank-you page: the writer's links before approval -------------------


def links_on(page: str) -> dict[str, str]:
    """The writer's own links on the thank-you page, by what they do."""
    found = re.findall(r'<a href="(/reacties/(wijzigen|intrekken)/[^"]+/)"', page)
    return {action: href for href, action in found}


def test_the_thank_you_page_gives_a_pending_reactions_writer_its_links(
    article, mailoutbox, capture
):
    with capture():
        response = post(article, email="els@example.nl", text="Nog even nadenken")
    thanks = Client().get(response["Location"])
    assert "no-store" in thanks["Cache-Control"]  # never in a shared cache
    page = thanks.content.decode()
    assert "Wijzig of trek uw reactie in" in page
    links = links_on(page)
    assert set(links) == {"wijzigen", "intrekken"}
    assert mailoutbox == []  # no mail asked for, none sent

    # The writer changes the text before a moderator has seen it.
    edited = Client().post(links["wijzigen"], {"text": "Beter verwoord"})
    assert "uw reactie is gewijzigd" in edited.content.decode()
    comment = Comment.objects.get()
    assert (comment.text, comment.status) == ("Beter verwoord", CommentStatus.PENDING)


def test_a_pending_reaction_can_be_withdrawn_before_anyone_sees_it(article, capture):
    with capture():
        response = post(article, email="els@example.nl", text="Toch maar niet")
    link = links_on(Client().get(response["Location"]).content.decode())["intrekken"]
    question = Client().get(link).content.decode()
    assert "wacht op goedkeuring" in question
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING  # the GET changed nothing

    done = Client().post(link).content.decode()
    assert "zij wordt niet gepubliceerd" in done
    comment.refresh_from_db()
    assert (comment.status, comment.withdrawn_at is not None) == (
        CommentStatus.REJECTED,
        True,
    )
    assert not Comment.objects.pending().exists()  # out of the moderators' queue
    assert Revision.objects.get(comment=comment).text_before == "Toch maar niet"


def test_no_links_without_a_valid_key_for_this_item(article):
    other = CommentFactory(email="kees@example.nl", status="pending")  # elsewhere
    received = reverse(
        "comments:received", kwargs={"kind": "artikel", "pk": article.pk}
    )
    for key in (
        "rommel",
        signed_links.make_token(other, signed_links.EDIT),  # another item's
        signed_links.make_token(other, signed_links.WITHDRAW),  # another action
    ):
        page = Client().get(received, {"sleutel": key})
        assert page.status_code == 200
        assert links_on(page.content.decode()) == {}


def test_the_thank_you_links_go_once_someone_has_replied(article, capture):
    with capture():
        response = post(article, email="els@example.nl", text="Een vraag")
    comment = Comment.objects.get()
    comment.status = CommentStatus.APPROVED
    comment.save()
    assert links_on(Client().get(response["Location"]).content.decode())
    CommentFactory(parent=comment, text="Een antwoord")
    assert links_on(Client().get(response["Location"]).content.decode()) == {}


# --- Editing -----------------------------------------------------------------------


def test_editing_a_pending_reaction_replaces_its_text(article):
    comment = CommentFactory(
        item=article, email="bert@example.nl", status="pending", text="Eerst"
    )
    link = reverse(
        "comments:edit", kwargs={"token": signed_links.make_token(comment, "edit")}
    )
    form = Client().get(link).content.decode()
    assert ">Eerst</textarea>" in form
    response = Client().post(link, {"text": "Daarna"})
    assert "uw reactie is gewijzigd" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.text, comment.status) == ("Daarna", CommentStatus.PENDING)
    revision = Revision.objects.get(comment=comment)
    assert (revision.text_before, revision.text_after) == ("Eerst", "Daarna")


def test_editing_an_approved_reaction_is_moderated_again(
    article, mailoutbox, capture, settings
):
    comment, message = approved_with_mail(
        article, mailoutbox, capture, text="De oude tekst"
    )
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@movisie.example"]
    link = link_in(message, "wijzigen")
    with capture():
        Client().post(link, {"text": "De nieuwe tekst"})
    # Held for moderation; readers still see the approved text.
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "De oude tekst" in page
    assert "De nieuwe tekst" not in page
    assert "bewerkt op" not in page
    (notice,) = mailoutbox
    assert "De nieuwe tekst" in notice.body
    assert "wijziging wacht op goedkeuring" in notice.body

    admin_link = re.search(rf"{SITE}(/admin/\S+)", notice.body).group(1)
    moderator = Client()
    moderator.force_login(make_editor())
    change_page = moderator.get(admin_link).content.decode()
    assert 'name="_approve_edit" value="Wijziging publiceren"' in change_page
    assert "De oude tekst" in change_page  # the history, for moderators
    moderator.post(
        admin_link,
        {"seen": seen_on(change_page), "moderator_note": "", "_approve_edit": "1"},
    )

    page = Client().get(article.get_absolute_url()).content.decode()
    assert "De nieuwe tekst" in page
    assert "De oude tekst" not in page
    assert "bewerkt op" in page
    kinds = list(
        Revision.objects.filter(comment=comment).values_list("kind", flat=True)
    )
    assert kinds == ["edited", "edit_approved"]


def test_editing_is_closed_once_someone_replied(article, mailoutbox, capture):
    comment, message = approved_with_mail(article, mailoutbox, capture, text="Eerst")
    CommentFactory(parent=comment)
    link = link_in(message, "wijzigen")
    for response in (Client().get(link), Client().post(link, {"text": "Anders"})):
        assert response.status_code == 400
        assert "iemand heeft erop geantwoord" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.text, comment.pending_text) == ("Eerst", "")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("   ", "Schrijf uw reactie"),
        ("x" * 5001, "niet meer dan 5000 tekens"),
        ("https://a.nl https://b.nl https://c.nl", "3 webadressen"),
    ],
)
def test_an_edit_that_breaks_a_rule_shows_the_form_again_with_the_text(
    text, error, article
):
    comment = CommentFactory(item=article, status="pending", text="Eerst")
    link = reverse(
        "comments:edit", kwargs={"token": signed_links.make_token(comment, "edit")}
    )
    response = Client().post(link, {"text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    if text.strip():
        assert f">{text}</textarea>" in html
    comment.refresh_from_db()
    assert comment.text == "Eerst"
    assert not Revision.objects.exists()


# --- Bad links ---------------------------------------------------------------------


@pytest.mark.parametrize("action", ["confirm", "edit", "withdraw"])
def test_tampered_links_show_a_dutch_page_and_change_nothing(action, article):
    comment = CommentFactory(item=article, notify_replies=True, text="Blijft")
    other = CommentFactory(item=article)
    token = signed_links.make_token(comment, action)
    signature = token.rsplit(":", 1)[1]
    forged_for_other = signed_links.make_token(other, action).rsplit(":", 1)[0]
    for bad in (
        token[:-2] + "xx",
        f"{forged_for_other}:{signature}",
        signed_links.make_token(comment, "edit" if action != "edit" else "withdraw"),
        "onzin",
    ):
        url = reverse(f"comments:{action}", kwargs={"token": bad})
        response = Client().post(url, {"text": "Veranderd"})
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.text, comment.status) == ("Blijft", CommentStatus.APPROVED)
    assert comment.notify_confirmed_at is None


@pytest.mark.parametrize("action", ["edit", "withdraw"])
def test_expired_edit_and_withdraw_links(action, article, settings):
    settings.COMMENTS_WRITER_LINK_DAYS = 30
    comment = CommentFactory(item=article, text="Blijft")
    url = reverse(
        f"comments:{action}", kwargs={"token": signed_links.make_token(comment, action)}
    )
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = Client().post(url, {"text": "Veranderd"})
    assert response.status_code == 400
    assert "te oud" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.text, comment.status) == ("Blijft", CommentStatus.APPROVED)


def test_links_stop_working_after_an_erasure(article):
    comment = CommentFactory(item=article, email="bert@example.nl")
    url = reverse(
        "comments:withdraw",
        kwargs={"token": signed_links.make_token(comment, "withdraw")},
    )
    Comment.objects.filter(pk=comment.pk).update(email="")
    assert Client().post(url).status_code == 400
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
