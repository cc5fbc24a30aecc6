"""Less work for moderators: trusted writers, shortening a text, answering
from the admin, and each writer's history in the queue."""

import re
from html import unescape

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments import rendering
from comments.models import Comment, CommentStatus, TrustedWriter
from tests.factories import CommentFactory, StaffUserFactory, make_editor

from .helpers import (
    moderation_post,
    post_reaction,
    redact_post,
    reply_url,
    seen_on,
    thread_shape,
    visitor,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"
TRUSTED_LIST = "admin:comments_trustedwriter_changelist"


@pytest.fixture(autouse=True)
def moderators(settings):
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@movisie.example"]
    settings.COMMENTS_MODERATOR_DIGEST = False
    settings.COMMENTS_RATE_LIMIT = 50  # one writer posts a few times here


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def editor():
    client = Client()
    client.force_login(make_editor())
    return client


def post(article, **fields):
    """A visitor posts through the reaction page, solving its question."""
    return post_reaction(visitor("192.0.2.50"), reply_url(article), **fields)


def article_page(article, **params) -> str:
    return Client().get(article.get_absolute_url(), params).content.decode()


def approve(editor, comment):
    editor.post(
        reverse(CHANGELIST), {"action": "approve", "_selected_action": [comment.pk]}
    )


def earn_trust(article, editor, capture, *, email="anna@example.nl", count=2):
    """``count`` reactions by ``email``, posted on the site and approved."""
    for n in range(count):
        with capture():
            post(article, email=email, text=f"Eerdere reactie {n}")
        approve(editor, Comment.objects.latest("pk"))


def cell(html: str, row_text: str, css_class: str) -> str:
    """The text of one column (or, on the moderation list, one line) in the
    changelist row that holds ``row_text``."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S):
        if row_text in row:
            match = re.search(
                rf'<(t[dh]|p) class="{css_class}[^"]*">(.*?)</\1>', row, re.S
            )
            assert match, row
            return unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
    raise AssertionError(f"no row with {row_text!r}")


# --- Trusted writers ---------------------------------------------------------------


def test_trusted_writers_are_off_by_default(article, editor, capture, settings):
    assert settings.COMMENTS_TRUSTED_WRITERS is False
    earn_trust(article, editor, capture, count=4)
    with capture():
        post(article, email="anna@example.nl", text="Weer een reactie")
    assert Comment.objects.latest("pk").status == CommentStatus.PENDING
    assert "Weer een reactie" not in article_page(article)
    assert not TrustedWriter.objects.exists()


def test_a_writer_with_enough_approved_reactions_is_published_at_once(
    article, editor, capture, settings, mailoutbox
):
    settings.COMMENTS_TRUSTED_WRITERS = True
    settings.COMMENTS_TRUSTED_AFTER = 2
    earn_trust(article, editor, capture, count=1)
    with capture():
        post(article, email="anna@example.nl", text="Nog niet vertrouwd")
    assert "Nog niet vertrouwd" not in article_page(article)  # one approved: waits
    approve(editor, Comment.objects.latest("pk"))

    mailoutbox.clear()
    with capture():
        response = post(
            article, name="Anna", email="Anna@Example.nl", text="Meteen online"
        )
    assert response.status_code == 302
    assert "Meteen online" in article_page(article)
    # The writer is told it is online; no moderator is asked to approve it.
    assert [m.to for m in mailoutbox] == [["Anna@Example.nl"]]
    assert mailoutbox[0].subject == "Uw reactie staat online"
    published = Comment.objects.latest("pk")
    assert "vertrouwde schrijver" in published.moderator_note

    # The admin shows who is trusted, by the name they last wrote under.
    trusted = editor.get(reverse(TRUSTED_LIST)).content.decode()
    assert cell(trusted, "Anna", "field-writer_name") == "Anna"


def test_trusted_writers_still_meet_the_content_rules_and_the_rate_limit(
    article, editor, capture, settings
):
    settings.COMMENTS_TRUSTED_WRITERS = True
    settings.COMMENTS_TRUSTED_AFTER = 1
    settings.COMMENTS_MAX_LINKS = 1
    earn_trust(article, editor, capture, count=1)
    with capture():
        post(
            article,
            email="anna@example.nl",
            text="Kijk op https://a.example en https://b.example",
        )
    assert Comment.objects.latest("pk").status == CommentStatus.SPAM
    assert "https://a.example" not in article_page(article)

    settings.COMMENTS_RATE_LIMIT = 0
    response = post(article, email="anna@example.nl", text="Te vaak")
    assert response.status_code == 429
    assert not Comment.objects.filter(text="Te vaak").exists()


def test_a_moderator_revokes_trust_and_later_reactions_wait_again(
    article, editor, capture, settings
):
    settings.COMMENTS_TRUSTED_WRITERS = True
    settings.COMMENTS_TRUSTED_AFTER = 1
    earn_trust(article, editor, capture, count=1)
    trusted = TrustedWriter.objects.get()  # recorded when the approval made it
    response = editor.post(
        reverse(TRUSTED_LIST), {"action": "revoke", "_selected_action": [trusted.pk]}
    )
    assert response.status_code == 302
    listing = editor.get(reverse(TRUSTED_LIST)).content.decode()
    assert 'alt="False"' in listing  # Django's "no" icon in the trust column

    with capture():
        post(article, email="anna@example.nl", text="Na het intrekken")
    waiting = Comment.objects.latest("pk")
    assert waiting.status == CommentStatus.PENDING
    assert "Na het intrekken" not in article_page(article)
    # Another approval does not bring the trust back by itself.
    approve(editor, waiting)
    with capture():
        post(article, email="anna@example.nl", text="Nog steeds wachten")
    assert Comment.objects.latest("pk").status == CommentStatus.PENDING

    editor.post(
        reverse(TRUSTED_LIST), {"action": "restore", "_selected_action": [trusted.pk]}
    )
    with capture():
        post(article, email="anna@example.nl", text="Weer vertrouwd")
    assert "Weer vertrouwd" in article_page(article)


def test_an_erasure_ends_the_trust_with_the_address(article, editor, capture, settings):
    settings.COMMENTS_TRUSTED_WRITERS = True
    settings.COMMENTS_TRUSTED_AFTER = 1
    earn_trust(article, editor, capture, count=1)
    editor.post(
        reverse("admin:comments_comment_personal_data"),
        {"email": "anna@example.nl", "erase": "1"},
    )
    assert not TrustedWriter.objects.exists()
    with capture():
        post(article, email="anna@example.nl", text="Opnieuw begonnen")
    assert Comment.objects.latest("pk").status == CommentStatus.PENDING


# --- Shortening or redacting a text ---------------------------------------------------


def test_shortening_shows_a_note_on_the_site_and_keeps_the_original(article, editor):
    comment = CommentFactory(
        item=article, text="Een lang verhaal. Met het adres Dorpsstraat 1 erin."
    )
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    change_page = editor.get(change_url).content.decode()
    redact_url = re.search(
        r'<a href="([^"]+)">Tekst inkorten of redigeren</a>', change_page
    ).group(1)
    form = editor.get(redact_url).content.decode()
    assert "Met het adres Dorpsstraat 1 erin." in form  # the text to work on

    response = editor.post(
        redact_url,
        {
            "text": "Een lang verhaal.",
            "reason": "adres van een cliënt",
            "seen": seen_on(form),
        },
    )
    assert response.status_code == 302

    page = article_page(article)
    assert "Een lang verhaal." in page
    assert "Dorpsstraat" not in page
    assert "[ingekort door de redactie]" in page
    # Stored as readers get it, not left to render on every view.
    comment.refresh_from_db()
    assert comment.html_key == rendering.current_key()
    assert "[ingekort door de redactie]" in comment.html

    history = editor.get(change_url).content.decode()
    assert "Een lang verhaal. Met het adres Dorpsstraat 1 erin." in history
    assert "ingekort door de redactie" in history
    assert "adres van een cliënt" in history  # the internal note
    assert LogEntry.objects.get(object_id=str(comment.pk)).get_change_message() == (
        "Tekst ingekort door de redactie."
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Schrijf uw reactie."),
        ("x" * 5001, "niet meer dan 5000 tekens"),
        ("Zoals het was", "De tekst is niet veranderd"),
    ],
)
def test_a_shortening_that_breaks_a_rule_shows_the_form_again(
    article, editor, text, error
):
    comment = CommentFactory(item=article, text="Zoals het was")
    url = reverse("admin:comments_comment_redact", args=[comment.pk])
    response = editor.post(url, {"text": text})
    assert response.status_code == 400
    assert error in response.content.decode()
    comment.refresh_from_db()
    assert comment.text == "Zoals het was"
    assert comment.redacted_at is None


def test_the_writers_own_approved_edit_ends_the_note(article, editor):
    comment = CommentFactory(item=article, text="Oorspronkelijk, met een naam")
    redact_post(editor, comment, text="Oorspronkelijk")
    Comment.objects.filter(pk=comment.pk).update(pending_text="Mijn nieuwe tekst")
    moderation_post(editor, comment, moderator_note="", _approve_edit="1")
    page = article_page(article)
    assert "Mijn nieuwe tekst" in page
    assert "[ingekort door de redactie]" not in page
    assert "bewerkt op" in page


def test_an_erasure_with_the_texts_also_removes_the_earlier_texts(article, editor):
    comment = CommentFactory(
        item=article, email="anna@example.nl", text="Geheim en nog wat"
    )
    redact_post(editor, comment, text="Nog wat")
    editor.post(
        reverse("admin:comments_comment_personal_data"),
        {"email": "anna@example.nl", "remove_text": "on", "erase": "1"},
    )
    page = editor.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    assert "Geheim" not in page


# --- Answering from the admin ---------------------------------------------------------


def answer_form(editor, comment) -> tuple[str, str]:
    """(action, field name) of the answer form on the reaction's admin page."""
    page = editor.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    action = re.search(r'<form method="post" action="([^"]+/beantwoorden/)"', page)
    assert action, "no answer form on the reaction's page"
    assert "Antwoord van de redactie" in page
    return action.group(1), "text"


def test_an_answer_from_the_admin_is_placed_right_under_the_reaction(article, editor):
    question = CommentFactory(item=article, name="Ruud", text="Mijn vraag")
    earlier = CommentFactory(parent=question, name="Fatma", text="Eerder antwoord")
    later_question = CommentFactory(item=article, name="Bert", text="Andere vraag")
    action, field = answer_form(editor, question)
    response = editor.post(action, {field: "Het antwoord van de redactie"})
    assert response.status_code == 302

    page = article_page(article)
    answer = Comment.objects.get(text="Het antwoord van de redactie")
    order, levels = thread_shape(page)
    assert order == [
        f"reactie-{question.pk}",
        f"reactie-{earlier.pk}",
        f"reactie-{answer.pk}",
        f"reactie-{later_question.pk}",
    ]
    assert levels[f"reactie-{answer.pk}"] == levels[f"reactie-{question.pk}"] + 1
    article_html = re.search(
        rf'<article[^>]*id="reactie-{answer.pk}".*?</article>', page, re.S
    ).group(0)
    assert "redactie</span>" in article_html  # the editorial team's badge
    assert "Christine de Vries" in article_html

    # The message links to the answer in its thread.
    changed = editor.get(response["Location"]).content.decode()
    assert "Uw antwoord staat op de site." in changed
    assert answer.get_absolute_url() in changed


def test_an_answer_on_a_later_page_of_a_long_thread_lands_on_that_page(
    article, editor, settings
):
    settings.COMMENTS_PER_PAGE = 2
    *_earlier, third = (
        CommentFactory(item=article, text=f"Vraag {n}") for n in range(3)
    )
    action, field = answer_form(editor, third)
    editor.post(action, {field: "Antwoord op de derde"})
    assert "Antwoord op de derde" not in article_page(article)
    assert "Antwoord op de derde" in article_page(article, page=2)
    answer = Comment.objects.get(text="Antwoord op de derde")
    located = Client().get(answer.get_absolute_url())
    assert located["Location"].endswith(f"?page=2#reactie-{answer.pk}")


def test_answering_a_waiting_reaction_approves_it_first(article, editor):
    question = CommentFactory(
        item=article, status=CommentStatus.PENDING, text="Nog niet gezien"
    )
    action, field = answer_form(editor, question)
    editor.post(action, {field: "Goed punt"})
    page = article_page(article)
    assert "Nog niet gezien" in page
    assert "Goed punt" in page
    question.refresh_from_db()
    assert question.status == CommentStatus.APPROVED


def test_an_empty_answer_shows_the_form_again(article, editor):
    question = CommentFactory(item=article)
    action, field = answer_form(editor, question)
    response = editor.post(action, {field: ""})
    assert response.status_code == 400
    assert "Schrijf een antwoord." in response.content.decode()
    assert Comment.objects.count() == 1


def test_no_answer_where_reactions_are_closed(article, editor):
    question = CommentFactory(item=article)
    action, field = answer_form(editor, question)
    type(article).objects.filter(pk=article.pk).update(reactions="closed")
    response = editor.post(action, {field: "Te laat"})
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
    assert not Comment.objects.filter(text="Te laat").exists()


def test_only_moderators_can_answer_or_shorten(article):
    question = CommentFactory(item=article, text="Blijft zo")
    outsider = Client()
    outsider.force_login(StaffUserFactory())  # staff, but not in the Redactie
    for name in ("answer", "redact"):
        url = reverse(f"admin:comments_comment_{name}", args=[question.pk])
        assert outsider.post(url, {"text": "Iets anders"}).status_code == 403
    question.refresh_from_db()
    assert question.text == "Blijft zo"
    assert Comment.objects.count() == 1


# --- The writer's history in the queue -----------------------------------------------


def test_the_queue_shows_each_writers_history(article, editor):
    anna = "anna@example.nl"
    for status in ("approved", "approved", "rejected", "spam"):
        CommentFactory(item=article, email=anna, status=status)
    withdrawn = CommentFactory(
        item=article,
        email=anna.upper(),
        moderated_at=timezone.now(),
        moderated_by=StaffUserFactory(),
    )
    withdrawn.status = CommentStatus.REJECTED
    withdrawn.withdrawn_at = withdrawn.created_at
    withdrawn.save()  # taken off the site by its writer: a moderator approved it
    # Withdrawn while it waited: no moderator approved it, so it counts nowhere.
    CommentFactory(
        item=article,
        email=anna,
        status=CommentStatus.REJECTED,
        withdrawn_at=timezone.now(),
    )
    CommentFactory(
        item=article, email=anna, status="pending", text="Annas nieuwe vraag"
    )
    CommentFactory(
        item=article, email="bert@example.nl", status="pending", text="Bert vraagt"
    )
    queue = editor.get(reverse(CHANGELIST), {"status__exact": "pending"})
    html = queue.content.decode()
    assert cell(html, "Annas nieuwe vraag", "moderation-writer__history") == (
        "3 goedgekeurd, 1 afgewezen, 1 spam"
    )
    assert cell(html, "Bert vraagt", "moderation-writer__history") == (
        "0 goedgekeurd, 0 afgewezen, 0 spam"
    )


def test_the_history_says_when_a_writer_is_trusted(article, editor, capture, settings):
    settings.COMMENTS_TRUSTED_WRITERS = True
    settings.COMMENTS_TRUSTED_AFTER = 1
    earn_trust(article, editor, capture, count=1)
    html = editor.get(reverse(CHANGELIST)).content.decode()
    assert cell(html, "Eerdere reactie 0", "moderation-writer__history") == (
        "1 goedgekeurd, 0 afgewezen, 0 spam · vertrouwde schrijver"
    )


def test_the_history_costs_the_same_queries_for_a_few_writers_or_many(article, editor):
    def queue_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor.get(reverse(CHANGELIST)).status_code == 200
        return len(queries)

    for n in range(3):
        CommentFactory(item=article, email=f"lezer{n}@example.nl")
    few = queue_queries()
    for n in range(3, 30):
        CommentFactory(item=article, email=f"lezer{n}@example.nl", status="pending")
    assert queue_queries() == few


def test_an_editor_chooses_a_display_name_before_answering_and_readers_see_it(
    article,
):
    """Never the username under an answer: without a display name the answer
    is refused with the way to choose one; with it, readers see that name."""
    user = make_editor(username="ckuiper", display_name=None)
    editor = Client()
    editor.force_login(user)
    question = CommentFactory(item=article, name="Ruud", text="Mijn vraag")
    action, field = answer_form(editor, question)
    refused = editor.post(action, {field: "Antwoord zonder naam"})
    assert refused.status_code == 400
    assert "Kies eerst de naam die lezers" in refused.content.decode()
    assert not Comment.objects.filter(text="Antwoord zonder naam").exists()

    chosen = editor.post(
        "/admin/weergavenaam/", {"name": "Christine Kuiper, Movisie"}, follow=True
    )
    assert "Lezers zien nu" in chosen.content.decode()
    assert editor.post(action, {field: "Antwoord met naam"}).status_code == 302
    answer = Comment.objects.get(text="Antwoord met naam")
    assert answer.name == "Christine Kuiper, Movisie"
    page = article_page(article)
    assert "Christine Kuiper, Movisie" in page
    assert "ckuiper" not in page
