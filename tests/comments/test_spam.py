"""The spam defence, layer by layer, with its boundary values."""

import threading
import time

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from comments import spam
from comments.models import (
    BlocklistEntry,
    Comment,
    CommentStatus,
    RateLimitHit,
    RateLimitScope,
)
from core import clients
from tests.factories import make_editor

from .helpers import REFUSED, form_html, reaction_data, reply_url, visitor

pytestmark = pytest.mark.django_db


def post(client, article, html, **overrides):
    return client.post(reply_url(article), reaction_data(html, **overrides))


# --- The honeypot ---------------------------------------------------------------


def test_honeypot_is_hidden_from_people_and_screen_readers(article):
    html = form_html(visitor(), article)
    start = html.index('<div class="field field--trap" aria-hidden="true">')
    trap = html[start : html.index("</div>", start)]
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap
    assert "Laat dit veld leeg" in trap


@pytest.mark.parametrize("value", ["http://spam.example", "x" * 100_000])
def test_filled_honeypot_is_refused_neutrally_and_nothing_is_stored(article, value):
    client = visitor()
    html = form_html(client, article)
    response = post(client, article, html, website=value, text="Koop nu")
    assert response.status_code == 400
    page = response.content.decode()
    start = page.index('<div class="form-errors"')
    errors = page[start : page.index("</div>", start)]
    # Neutral: nothing tells a script which check it failed.
    assert REFUSED in errors
    assert errors.count("<li>") == 1
    assert Comment.objects.count() == 0
    # Not counted against the reaction limits (only its question was issued).
    assert not RateLimitHit.objects.exclude(scope=RateLimitScope.QUESTION).exists()


def test_refused_visitor_keeps_the_text_and_gets_a_fresh_form(article):
    client = visitor()
    html = form_html(client, article)
    response = post(client, article, html, website="x", text="Mijn lange tekst")
    page = response.content.decode()
    assert "Mijn lange tekst" in page
    # A person who was refused by mistake can send again from this page.
    retry = client.post(reply_url(article), reaction_data(page, website=""))
    assert retry.status_code == 302
    assert Comment.objects.get().text == "Is er al ervaring met online leren?"


# --- The minimum time ----------------------------------------------------------


@pytest.mark.parametrize(("seconds", "status"), [(2.9, 400), (3.1, 302)])
def test_minimum_time_between_showing_and_posting(article, settings, seconds, status):
    settings.COMMENTS_MIN_SECONDS = 3
    client = visitor()
    with time_machine.travel(time.time(), tick=False) as clock:
        html = form_html(client, article)
        clock.shift(seconds)
        response = post(client, article, html)
    assert response.status_code == status
    assert Comment.objects.count() == (1 if status == 302 else 0)
    if status == 400:
        assert REFUSED in response.content.decode()


def test_form_left_open_longer_than_the_question_lives_is_refused(article, settings):
    settings.CAPTCHA_TIMEOUT = 2  # minutes; the form's age limit follows
    client = visitor()
    with time_machine.travel(time.time(), tick=False) as clock:
        html = form_html(client, article)
        clock.shift(settings.CAPTCHA_TIMEOUT * 60 + 1)
        response = post(client, article, html)
    assert response.status_code == 400
    assert "Deze rekenvraag is verlopen" in response.content.decode()
    assert Comment.objects.count() == 0


# --- Rate limiting ---------------------------------------------------------------


def post_many(article, count, *, address=None, email=None):
    statuses = []
    for n in range(count):
        client = visitor(address or f"198.51.100.{n + 1}")
        html = form_html(client, article)
        response = post(
            client,
            article,
            html,
            email=email or f"lezer{n}@example.nl",
            text=f"Reactie nummer {n}",
        )
        statuses.append(response)
    return statuses


def test_five_reactions_per_address_are_accepted_the_sixth_gets_429(article):
    responses = post_many(article, 6, address="203.0.113.7")
    assert [r.status_code for r in responses] == [302] * 5 + [429]
    page = responses[-1].content.decode()
    assert "te veel reacties" in page
    assert "Reactie nummer 5" in page  # the text is given back
    assert Comment.objects.count() == 5


def test_five_reactions_per_email_address_from_different_addresses(article):
    responses = post_many(article, 6, email="Zelfde@Example.nl")
    assert [r.status_code for r in responses] == [302] * 5 + [429]
    assert "te veel reacties" in responses[-1].content.decode()


def test_limit_applies_per_period(article, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    with time_machine.travel(time.time(), tick=False) as clock:
        first = post_many(article, 3, address="203.0.113.8")
        assert [r.status_code for r in first] == [302, 302, 429]
        clock.shift(settings.COMMENTS_RATE_PERIOD - 1)
        assert post_many(article, 1, address="203.0.113.8")[0].status_code == 429
        clock.shift(2)
        assert post_many(article, 1, address="203.0.113.8")[0].status_code == 302


def test_refused_posts_do_not_count(article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    client = visitor("203.0.113.9")
    html = form_html(client, article)
    assert post(client, article, html, answer="999").status_code == 400
    assert post_many(article, 1, address="203.0.113.9")[0].status_code == 302


def test_editors_are_not_rate_limited(article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    client = Client()
    client.force_login(make_editor())
    for n in range(3):
        html = client.get(reply_url(article)).content.decode()
        response = client.post(reply_url(article), reaction_data(html, text=f"{n}"))
        assert response.status_code == 302
    assert RateLimitHit.objects.count() == 0


def test_no_raw_client_address_is_stored_anywhere(article):
    post_many(article, 1, address="203.0.113.77", email="privacy@example.nl")
    hit = RateLimitHit.objects.get(scope="address")
    assert hit.key_hash == clients.keyed_hash("203.0.113.77")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute(
                f'SELECT count(*) FROM "{table}" t '  # noqa: S608 (catalogue names)
                "WHERE t::text LIKE %s OR t::text LIKE %s",
                ["%203.0.113.77%", "%privacy@example.nl%"],
            )
            found = cursor.fetchone()[0]
            if table == "comments_comment":
                assert found == 1, "the reaction itself keeps the e-mail address"
            else:
                assert found == 0, table


def test_hash_key_comes_from_the_setting_when_given(settings):
    settings.COMMENTS_HASH_KEY = ""
    derived = clients.keyed_hash("192.0.2.1")
    settings.COMMENTS_HASH_KEY = "een-eigen-sleutel"
    assert clients.keyed_hash("192.0.2.1") != derived
    assert len(clients.keyed_hash("192.0.2.1")) == 64


@pytest.mark.django_db(transaction=True)
def test_rate_limit_holds_across_two_database_connections(settings):
    """Two workers post from one address at the same time, one below the
    limit: the second waits for the first's lock, then is refused."""
    settings.COMMENTS_RATE_LIMIT = 3
    address = "203.0.113.50"
    for _n in range(2):
        with transaction.atomic():
            spam.check_and_record_rate(client_address=address, email="")
    first_inside = threading.Event()
    release_first = threading.Event()
    results = {}

    def first():
        try:
            with transaction.atomic():
                spam.check_and_record_rate(client_address=address, email="")
                first_inside.set()
                release_first.wait(10)
            results["first"] = "accepted"
        finally:
            connections.close_all()

    def second():
        try:
            first_inside.wait(10)
            with transaction.atomic():
                spam.check_and_record_rate(client_address=address, email="")
            results["second"] = "accepted"
        except spam.RateLimited:
            results["second"] = "limited"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    # Wait (bounded) until the second connection is blocked on the lock.
    deadline = time.monotonic() + 10
    waiting = 0
    while time.monotonic() < deadline and not waiting:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks "
                "WHERE locktype = 'advisory' AND NOT granted"
            )
            waiting = cursor.fetchone()[0]
    assert waiting == 1, "the second post should wait for the first"
    assert "second" not in results
    release_first.set()
    for thread in threads:
        thread.join(10)
    assert results == {"first": "accepted", "second": "limited"}
    assert RateLimitHit.objects.count() == 3


# --- Content rules ---------------------------------------------------------------


def links(n):
    return " en ".join(f"https://voorbeeld{i}.nl/pagina" for i in range(n))


@pytest.mark.parametrize(("count", "status"), [(2, "pending"), (3, "spam")])
def test_more_than_max_links_is_stored_as_spam(article, count, status):
    client = visitor("192.0.2.21")
    html = form_html(client, article)
    response = post(client, article, html, text=f"Zie {links(count)}")
    assert response.status_code == 302  # the sender is not told
    comment = Comment.objects.get()
    assert comment.status == status
    if status == "spam":
        assert comment.spam_reason == "3 links (hooguit 2 toegestaan)"
    else:
        assert comment.spam_reason == ""


def test_max_links_setting_is_honoured(article, settings):
    settings.COMMENTS_MAX_LINKS = 0
    client = visitor()
    post(client, article, form_html(client, article), text="Kijk op www.a.nl")
    assert Comment.objects.get().status == CommentStatus.SPAM


@pytest.mark.parametrize(
    ("kind", "value", "fields", "reason"),
    [
        ("word", "Casino", {"text": "Het beste casino online"}, "woord"),
        ("word", "gratis geld", {"name": "Gratis Geld"}, "woord"),
        (
            "domain",
            "spam.example",
            {"text": "Zie https://shop.spam.example/x"},
            "domein",
        ),
        ("domain", "spam.example", {"email": "iemand@mail.spam.example"}, "domein"),
        ("email", "bot@example.nl", {"email": "BOT@example.nl"}, "e-mailadres"),
    ],
)
def test_blocklist_match_is_stored_as_spam_with_the_rule(
    article, kind, value, fields, reason
):
    BlocklistEntry.objects.create(kind=kind, value=value)
    client = visitor()
    response = post(client, article, form_html(client, article), **fields)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.SPAM
    assert comment.spam_reason == f"Blokkeerlijst ({reason}): {value}"
    page = client.get(article.get_absolute_url()).content.decode()
    assert comment.text not in page


@pytest.mark.parametrize(
    ("kind", "value", "fields"),
    [
        ("word", "casino", {"text": "Het casinospel van de buurtvereniging"}),
        ("domain", "spam.example", {"text": "Zie https://notspam.example/x"}),
        ("email", "bot@example.nl", {"email": "robot@example.nl"}),
    ],
)
def test_blocklist_does_not_match_neighbours(article, kind, value, fields):
    BlocklistEntry.objects.create(kind=kind, value=value)
    client = visitor()
    post(client, article, form_html(client, article), **fields)
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_spam_is_listed_under_its_filter_with_the_rule_and_can_be_rescued(article):
    BlocklistEntry.objects.create(kind="word", value="casino")
    client = visitor()
    post(client, article, form_html(client, article), text="Een casino-avond")
    comment = Comment.objects.get()
    moderator = Client()
    moderator.force_login(make_editor())
    changelist = reverse("admin:comments_comment_changelist")
    listing = moderator.get(changelist, {"status__exact": "spam"}).content.decode()
    assert "Blokkeerlijst (woord): casino" in listing
    detail = moderator.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    assert "Blokkeerlijst (woord): casino" in detail
    moderator.post(changelist, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert "casino-avond" in client.get(article.get_absolute_url()).content.decode()


def test_editors_manage_the_blocklist_in_the_admin():
    moderator = Client()
    moderator.force_login(make_editor())
    url = reverse("admin:comments_blocklistentry_add")
    response = moderator.post(
        url, {"kind": "domain", "value": "spam.example", "note": "Reclame"}
    )
    assert response.status_code == 302
    duplicate = moderator.post(url, {"kind": "domain", "value": "SPAM.example"})
    assert duplicate.status_code == 200
    assert "staat al op de blokkeerlijst" in duplicate.content.decode()
    assert BlocklistEntry.objects.count() == 1


def test_editor_reactions_skip_the_content_rules(article):
    BlocklistEntry.objects.create(kind="word", value="casino")
    client = Client()
    client.force_login(make_editor())
    html = client.get(reply_url(article)).content.decode()
    client.post(reply_url(article), reaction_data(html, text=f"casino {links(5)}"))
    assert Comment.objects.get().status == CommentStatus.APPROVED


@pytest.mark.parametrize("entries", [1, 40])
def test_posting_costs_the_same_queries_whatever_the_blocklist_size(
    article, entries, django_assert_max_num_queries
):
    BlocklistEntry.objects.bulk_create(
        BlocklistEntry(kind=kind, value=f"{kind}{n}.example")
        for n in range(entries)
        for kind in ("word", "domain", "email")
    )
    client = visitor()
    html = form_html(client, article)
    data = reaction_data(html, text="Zie https://a.nl en https://b.nl")
    # Item, question, 2 locks + 2 counts + 1 insert for the rate limit, the
    # blocklist (one query at any size), the item check, the constraint
    # checks with savepoints, insert and path: 19 at both sizes.
    with django_assert_max_num_queries(19):
        response = client.post(reply_url(article), data)
    assert response.status_code == 302
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_client_address_from_a_trusted_proxy_header(article, settings):
    settings.COMMENTS_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    settings.COMMENTS_RATE_LIMIT = 1
    # All through one proxy (one REMOTE_ADDR), from two visitors.
    visits = [("192.0.2.1", 302), ("192.0.2.2", 302), ("192.0.2.1", 429)]
    for n, (real, status) in enumerate(visits):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=real)
        html = form_html(client, article)
        response = post(client, article, html, email=f"lezer{n}@example.nl")
        assert response.status_code == status, real
