"""One rule for what awaits moderation: a new reaction, or a writer's change
to a published one. The moderator mails, the daily digest, the dashboard and
the queue's filter all go by it (Comment.objects.awaiting_moderation())."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from comments import signed_links
from tests.factories import CommentFactory, make_editor

pytestmark = pytest.mark.django_db

SITE = "https://www.example.nl"
MODERATORS = ["moderator@movisie.example"]


@pytest.fixture(autouse=True)
def moderators(settings):
    settings.COMMENTS_MODERATOR_EMAILS = MODERATORS
    settings.SITE_URL = SITE


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def writer_edits(comment, text: str):
    """The writer follows the edit link from their approval mail."""
    link = reverse(
        "comments:edit", kwargs={"token": signed_links.make_token(comment, "edit")}
    )
    response = Client(REMOTE_ADDR="192.0.2.77").post(link, {"text": text})
    assert "uw wijziging is ontvangen" in response.content.decode()


def listed_in_queue(url: str) -> str:
    moderator = Client()
    moderator.force_login(make_editor())
    response = moderator.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_edit_awaiting_approval_is_in_the_digest_and_the_queue(
    article, settings, mailoutbox, capture
):
    settings.COMMENTS_MODERATOR_DIGEST = True
    published = CommentFactory(
        item=article,
        status="approved",
        name="Bert",
        email="bert@example.nl",
        text="De gepubliceerde tekst",
    )
    untouched = CommentFactory(
        item=article, status="approved", name="Carla", text="Al lang online"
    )
    with capture():
        writer_edits(published, "De gewijzigde tekst")
    assert mailoutbox == []  # the digest instead of a mail per change

    with capture():
        call_command("send_moderator_digest", verbosity=0)
    (digest,) = mailoutbox
    assert digest.subject == "1 reactie wacht op goedkeuring"
    assert "De gewijzigde tekst" in digest.body
    assert "wijziging die op goedkeuring wacht" in digest.body
    assert "Al lang online" not in digest.body

    # The digest's link to the queue lists it, and only what waits.
    queue_link = re.search(rf"{SITE}(/admin/comments/comment/\?\S+)", digest.body)
    queue = listed_in_queue(queue_link.group(1))
    assert f"/admin/comments/comment/{published.pk}/change/" in queue
    assert f"/admin/comments/comment/{untouched.pk}/change/" not in queue
    # So does the editors' dashboard, with the count the digest gave.
    dashboard = listed_in_queue(reverse("admin:index"))
    card = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dashboard))
    assert "1 reactie wacht op moderatie" in card


def test_an_edit_awaiting_approval_is_mailed_at_once_without_the_digest(
    article, settings, mailoutbox, capture
):
    settings.COMMENTS_MODERATOR_DIGEST = False
    published = CommentFactory(
        item=article, status="approved", email="bert@example.nl", text="Eerst"
    )
    with capture():
        writer_edits(published, "Daarna")
    (notice,) = mailoutbox
    assert notice.to == MODERATORS
    assert "Daarna" in notice.body
    mailoutbox.clear()
    with capture():
        call_command("send_moderator_digest", verbosity=0)
    assert [m.subject for m in mailoutbox] == ["1 reactie wacht op goedkeuring"]


def test_the_queue_filter_lists_new_reactions_and_changes_not_decided_ones(article):
    new = CommentFactory(item=article, status="pending", text="Nieuw")
    changed = CommentFactory(
        item=article, status="approved", text="Online", pending_text="Gewijzigd"
    )
    decided = [
        CommentFactory(item=article, status=status, text=status)
        for status in ("approved", "rejected", "spam")
    ]
    url = reverse("admin:comments_comment_changelist") + "?wijziging=wacht"
    queue = listed_in_queue(url)
    for comment in (new, changed):
        assert f"/admin/comments/comment/{comment.pk}/change/" in queue
    for comment in decided:
        assert f"/admin/comments/comment/{comment.pk}/change/" not in queue
