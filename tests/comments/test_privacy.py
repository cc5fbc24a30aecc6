"""Privacy by design: the privacy page, erasure, export and the purge."""

import io
import json
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import (
    Comment,
    CommentStatus,
    RateLimitHit,
)
from core import clients
from outbox.models import OutgoingMail
from tests.factories import CommentFactory, UserFactory, make_editor

from .helpers import reply_url, thread_shape

pytestmark = pytest.mark.django_db
PERSONAL_DATA = "admin:comments_comment_personal_data"


@pytest.fixture
def moderator():
    client = Client()
    client.force_login(make_editor())
    return client


# --- Telling visitors ---------------------------------------------------------------


def test_form_explains_the_use_of_the_address_next_to_the_field(article):
    html = Client().get(reply_url(article)).content.decode()
    start = html.index('id="veld-email-uitleg"')
    help_text = html[start : html.index("</p>", start)]
    assert "alleen om contact met u op te nemen" in help_text
    assert 'href="/privacy/"' in help_text
    assert 'aria-describedby="veld-email-uitleg' in html


# --- Erasure -------------------------------------------------------------------------


def thread_with_anna(article):
    first = CommentFactory(
        item=article, name="Anna", email="anna@example.nl", notify_replies=True
    )
    reply = CommentFactory(parent=first, name="Bert", email="bert@example.nl")
    second = CommentFactory(
        parent=reply, name="Anna J.", email="Anna@Example.nl", text="Nog een vraag"
    )
    other = CommentFactory(item=article, name="Carla", email="carla@example.nl")
    return first, reply, second, other


def test_erasure_anonymises_name_and_address_and_keeps_the_thread(article, moderator):
    first, reply, second, other = thread_with_anna(article)
    OutgoingMail.objects.create(
        kind="comments.reply", object_id=reply.pk, recipient="anna@example.nl"
    )
    RateLimitHit.objects.create(
        scope="email", key_hash=clients.keyed_hash("anna@example.nl")
    )
    before = thread_shape(Client().get(article.get_absolute_url()).content.decode())

    response = moderator.post(
        reverse(PERSONAL_DATA),
        {"email": " ANNA@example.nl ", "erase": "1"},
        follow=True,
    )
    assert "Persoonsgegevens verwijderd uit 2 reacties." in response.content.decode()
    for comment in (first, second):
        comment.refresh_from_db()
        assert comment.name == "Anoniem"
        assert comment.email == ""
        assert comment.notify_replies is False
    assert second.text == "Nog een vraag"  # text kept unless asked
    reply.refresh_from_db()
    other.refresh_from_db()
    assert (reply.name, other.name) == ("Bert", "Carla")
    assert not OutgoingMail.objects.exists()
    assert not RateLimitHit.objects.exists()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert thread_shape(page) == before
    assert "Anna" not in page.split('<section class="reactions"')[1]


def test_erasure_can_remove_the_texts_too(article, moderator):
    _first, reply, second, _other = thread_with_anna(article)
    moderator.post(
        reverse(PERSONAL_DATA),
        {"email": "anna@example.nl", "remove_text": "on", "erase": "1"},
    )
    second.refresh_from_db()
    assert second.text == "Deze reactie is verwijderd."
    assert second.parent_id == reply.pk
    assert second.status == CommentStatus.APPROVED


def test_erasure_for_an_unknown_address_changes_nothing(article, moderator):
    thread_with_anna(article)
    before = list(Comment.objects.values_list("name", "email", "text"))
    response = moderator.post(
        reverse(PERSONAL_DATA), {"email": "onbekend@example.nl", "erase": "1"}
    )
    assert response.status_code == 200
    assert "Er zijn geen reacties met het adres onbekend@example.nl" in (
        response.content.decode()
    )
    assert list(Comment.objects.values_list("name", "email", "text")) == before


@pytest.mark.parametrize("email", ["", "geen-adres", "x" * 5000])
def test_erasure_with_bad_input_shows_the_form_again(article, moderator, email):
    thread_with_anna(article)
    response = moderator.post(reverse(PERSONAL_DATA), {"email": email, "erase": "1"})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Comment.objects.filter(name="Anoniem").count() == 0


def test_erasure_action_opens_the_page_for_the_selected_address(article, moderator):
    first, *_rest = thread_with_anna(article)
    response = moderator.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "personal_data", "_selected_action": [first.pk]},
    )
    assert response.status_code == 302
    page = moderator.get(response["Location"]).content.decode()
    assert 'value="anna@example.nl"' in page
    assert "Verwijder persoonsgegevens" in page


# --- Export ------------------------------------------------------------------------


def test_export_gives_all_reactions_of_an_address_as_json(article, moderator):
    first, _reply, second, _other = thread_with_anna(article)
    response = moderator.post(
        reverse(PERSONAL_DATA), {"email": "anna@example.nl", "export": "1"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "anna@example.nl"
    assert [r["id"] for r in data["reactions"]] == [first.pk, second.pk]
    assert data["reactions"][1]["text"] == "Nog een vraag"
    assert data["reactions"][1]["in_reply_to"] == second.parent_id
    assert data["reactions"][0]["url"].startswith("https://www.example.nl/")
    # Exporting changes nothing.
    first.refresh_from_db()
    assert first.name == "Anna"


def test_export_of_an_erased_address_finds_nothing_of_anyone(article, moderator):
    thread_with_anna(article)
    moderator.post(reverse(PERSONAL_DATA), {"email": "anna@example.nl", "erase": "1"})
    response = moderator.post(
        reverse(PERSONAL_DATA), {"email": "anna@example.nl", "export": "1"}
    )
    assert json.loads(response.content)["reactions"] == []


def test_export_and_erasure_are_for_staff_only(article):
    thread_with_anna(article)
    url = reverse(PERSONAL_DATA)
    anonymous = Client().post(url, {"email": "anna@example.nl", "export": "1"})
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]
    reader = Client()
    reader.force_login(UserFactory())
    assert (
        reader.post(url, {"email": "anna@example.nl", "export": "1"}).status_code == 302
    )
    staff_without_rights = Client()
    staff_without_rights.force_login(UserFactory(is_staff=True))
    response = staff_without_rights.post(
        url, {"email": "anna@example.nl", "erase": "1"}
    )
    assert response.status_code == 403
    assert Comment.objects.filter(name="Anoniem").count() == 0


# --- Purging hashed addresses --------------------------------------------------------


def test_purge_deletes_hashes_past_retention_only(settings):
    now = timezone.now()
    days = settings.COMMENTS_HASH_RETENTION_DAYS
    old = RateLimitHit.objects.create(
        scope="address",
        key_hash="a" * 64,
        created_at=now - timedelta(days=days, seconds=1),
    )
    young = RateLimitHit.objects.create(
        scope="address", key_hash="b" * 64, created_at=now - timedelta(days=days - 1)
    )
    out = io.StringIO()
    call_command("purge_rate_limits", stdout=out)
    assert "1 gehashte adressen verwijderd" in out.getvalue()
    assert list(RateLimitHit.objects.values_list("pk", flat=True)) == [young.pk]
    assert not RateLimitHit.objects.filter(pk=old.pk).exists()
    call_command("purge_rate_limits", stdout=io.StringIO())  # twice: harmless
    assert RateLimitHit.objects.count() == 1


def test_purge_also_forgets_old_sent_mails_but_not_unsent_ones(settings):
    comment = CommentFactory()
    now = timezone.now()
    days = settings.COMMENTS_HASH_RETENTION_DAYS
    old_sent = OutgoingMail.objects.create(
        kind="comments.reply",
        object_id=comment.pk,
        recipient="a@example.nl",
        sent_at=now - timedelta(days=days + 1),
    )
    recent_sent = OutgoingMail.objects.create(
        kind="comments.reply",
        object_id=comment.pk,
        recipient="b@example.nl",
        sent_at=now,
    )
    old_unsent = OutgoingMail.objects.create(
        kind="comments.reply",
        object_id=comment.pk,
        recipient="c@example.nl",
        created_at=now - timedelta(days=days + 1),
    )
    call_command("purge_rate_limits", verbosity=0)
    remaining = set(OutgoingMail.objects.values_list("pk", flat=True))
    assert remaining == {recent_sent.pk, old_unsent.pk}
    assert old_sent.pk not in remaining


def test_purge_follows_the_clock(settings):
    settings.COMMENTS_HASH_RETENTION_DAYS = 30
    RateLimitHit.objects.create(scope="email", key_hash="c" * 64)
    with time_machine.travel(time.time() + 29 * 86400, tick=False):
        call_command("purge_rate_limits", verbosity=0)
        assert RateLimitHit.objects.count() == 1
    with time_machine.travel(time.time() + 31 * 86400, tick=False):
        call_command("purge_rate_limits", verbosity=0)
        assert RateLimitHit.objects.count() == 0
