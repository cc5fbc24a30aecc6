"""Defects a third independent probe found in reactions (issue 26).

Each test acts the way the probe did (posting through the reaction page,
following the writer's links, saving the moderator's page) and checks what
a writer, a reader or a moderator would notice.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments import services, signed_links
from comments.models import BlocklistEntry, Comment, CommentStatus, TrustedWriter
from tests.factories import CommentFactory, StaffUserFactory, make_editor
from tests.races import second_waits_for_first

from .helpers import moderation_post, post_reaction, reply_url, seen_on, visitor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.COMMENTS_RATE_LIMIT = 50  # one writer posts a few times here
    settings.COMMENTS_MODERATOR_EMAILS = []


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def post(article, **fields):
    return post_reaction(visitor("192.0.2.60"), reply_url(article), **fields)


def writer_links(response) -> dict[str, str]:
    """The edit and withdraw links on the thank-you page a post leads to."""
    page = Client().get(response["Location"]).content.decode()
    found = re.findall(r'<a href="(/reacties/(wijzigen|intrekken)/[^"]+/)"', page)
    return {action: href for href, action in found}


def article_page(article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


# --- 2. Trust only from what a moderator approved -------------------------------


def test_withdrawn_reactions_no_moderator_saw_earn_no_trust(article, settings, capture):
    settings.COMMENTS_TRUSTED_WRITERS = True
    settings.COMMENTS_TRUSTED_AFTER = 3
    for n in range(3):
        with capture():
            response = post(article, email="gast@example.nl", text=f"Poging {n}")
        withdrawn = Client().post(writer_links(response)["intrekken"])
        assert withdrawn.status_code == 200
    with capture():
        post(article, email="gast@example.nl", text="Nu meteen online?")
    fourth = Comment.objects.get(text="Nu meteen online?")
    assert fourth.status == CommentStatus.PENDING
    assert "Nu meteen online?" not in article_page(article)
    assert not TrustedWriter.objects.exists()


# --- 3. A moderator's save never undoes what happened since the page opened -----


def moderator_client(*, superuser=False):
    """A logged-in moderator: an editor, or (where the test's transaction is
    real and the Redactie group was flushed) a superuser."""
    client = Client()
    client.force_login(
        StaffUserFactory(is_superuser=True) if superuser else make_editor()
    )
    return client


def change_url(comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def withdraw(comment):
    assert services.withdraw_own(comment=comment) is services.Outcome.DONE


def edit(comment):
    assert services.edit_own(comment=comment, text="Mijn betere tekst") is (
        services.Outcome.DONE
    )


def erase(comment):
    assert services.erase_personal_data(email="ria@example.nl") == 1


WRITER_ACTIONS = {"withdraw": withdraw, "edit": edit, "erase": erase}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", WRITER_ACTIONS)
def test_a_moderator_save_during_a_writers_change_is_refused(action, article):
    """The writer's change holds the row lock while the moderator's "Opslaan
    en goedkeuren" arrives; when it commits, the moderator's form (shown
    before it) is refused and the writer's change stands."""
    comment = CommentFactory(
        item=article,
        status=CommentStatus.PENDING,
        name="Ria",
        email="ria@example.nl",
        text="Mijn eerste tekst",
    )
    moderator = moderator_client(superuser=True)
    seen = seen_on(moderator.get(change_url(comment)).content.decode())

    _first, response = second_waits_for_first(
        lambda: WRITER_ACTIONS[action](comment),
        lambda: moderator.post(
            change_url(comment),
            {"seen": seen, "moderator_note": "Nagekeken", "_approve": "1"},
        ),
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "Deze reactie is gewijzigd nadat u haar opende" in (
        response.content.decode()
    )
    comment.refresh_from_db()
    assert "Nagekeken" not in comment.moderator_note
    assert comment.moderated_by is None
    if action == "withdraw":
        assert comment.status == CommentStatus.REJECTED
        assert comment.withdrawn_at is not None
        assert "Ingetrokken door de schrijver" in comment.moderator_note
    elif action == "edit":
        assert comment.status == CommentStatus.PENDING
        assert comment.text == "Mijn betere tekst"
    else:
        assert (comment.name, comment.email) == ("Anoniem", "")
    assert "Mijn eerste tekst" not in article_page(article)


def redact_url(comment) -> str:
    return reverse("admin:comments_comment_redact", args=[comment.pk])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", WRITER_ACTIONS)
def test_a_shortening_during_a_writers_change_is_refused(action, article):
    """The same window on the "shorten or redact" form: the writer's change
    holds the row lock while the moderator's shortened text arrives; the
    form, opened before, is refused and the writer's change stands."""
    comment = CommentFactory(
        item=article,
        status=CommentStatus.APPROVED,
        name="Ria",
        email="ria@example.nl",
        text="Mijn eerste tekst, met een adres",
    )
    moderator = moderator_client(superuser=True)
    seen = seen_on(moderator.get(redact_url(comment)).content.decode())

    _first, response = second_waits_for_first(
        lambda: WRITER_ACTIONS[action](comment),
        lambda: moderator.post(
            redact_url(comment), {"seen": seen, "text": "Mijn eerste tekst"}
        ),
    )
    assert response.status_code == 400  # the form again, with the reason
    assert "Deze reactie is gewijzigd nadat u haar opende" in (
        response.content.decode()
    )
    comment.refresh_from_db()
    assert comment.redacted_at is None
    assert not comment.revisions.filter(kind="redacted").exists()
    if action == "withdraw":
        assert comment.withdrawn_at is not None
        assert comment.status == CommentStatus.REJECTED
    elif action == "edit":
        assert comment.pending_text == "Mijn betere tekst"
    else:
        assert (comment.name, comment.email) == ("Anoniem", "")


def test_a_shortening_sent_after_the_writer_withdrew_changes_nothing(article):
    comment = CommentFactory(
        item=article, status=CommentStatus.APPROVED, text="Lang verhaal met adres"
    )
    moderator = moderator_client()
    seen = seen_on(moderator.get(redact_url(comment)).content.decode())
    services.withdraw_own(comment=comment)
    response = moderator.post(
        redact_url(comment), {"seen": seen, "text": "Lang verhaal"}
    )
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.text == "Lang verhaal met adres"
    assert comment.redacted_at is None


def test_a_note_saved_on_a_page_opened_before_a_withdrawal_changes_nothing(article):
    comment = CommentFactory(item=article, status=CommentStatus.APPROVED)
    moderator = moderator_client()
    seen = seen_on(moderator.get(change_url(comment)).content.decode())
    services.withdraw_own(comment=comment)
    response = moderator.post(
        change_url(comment), {"seen": seen, "moderator_note": "Mag blijven"}
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "Mag blijven" not in comment.moderator_note


def test_a_note_alone_changes_only_the_note(article):
    comment = CommentFactory(item=article, status=CommentStatus.PENDING)
    moderator = moderator_client()
    response = moderation_post(moderator, comment, moderator_note="Even navragen")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.moderator_note, comment.status) == (
        "Even navragen",
        CommentStatus.PENDING,
    )


def test_approving_a_change_publishes_only_the_text_the_moderator_saw(article):
    comment = CommentFactory(item=article, text="Tekst A")
    services.edit_own(comment=comment, text="Tekst B")
    moderator = moderator_client()
    seen = seen_on(moderator.get(change_url(comment)).content.decode())
    services.edit_own(comment=comment, text="Tekst C, met iets anders erin")
    response = moderator.post(
        change_url(comment), {"seen": seen, "moderator_note": "", "_approve_edit": "1"}
    )
    assert response.status_code == 200
    page = article_page(article)
    assert "Tekst A" in page
    assert "Tekst C" not in page
    comment.refresh_from_db()
    assert comment.pending_text == "Tekst C, met iets anders erin"
    # The service itself publishes only the text it was given.
    assert not services.approve_edit(
        comment=comment, moderator=make_editor(username="m2"), text="Tekst B"
    )
    assert "Tekst A" in article_page(article)


def test_a_bulk_action_from_the_pending_filter_counts_once(article):
    first, second = (
        CommentFactory(item=article, status=CommentStatus.PENDING) for _ in range(2)
    )
    approved = CommentFactory(item=article)
    moderator = moderator_client()
    url = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    response = moderator.post(
        url,
        {"action": "reject", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    said = [str(m) for m in response.context["messages"]]
    assert said == ["2 reacties afgewezen."]
    response = moderator.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "reject", "_selected_action": [approved.pk, first.pk]},
        follow=True,
    )
    said = [str(m) for m in response.context["messages"]]
    assert said == [
        "2 reacties hadden geen status waarop deze actie van toepassing is."
    ]


# --- 6. The writer's edit link: the rate limit and every content rule -----------


def edit_link(comment) -> str:
    token = signed_links.make_token(comment, signed_links.EDIT)
    return reverse("comments:edit", kwargs={"token": token})


def test_edits_count_against_the_rate_limit(article, settings, mailoutbox, capture):
    settings.COMMENTS_RATE_LIMIT = 3
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@movisie.example"]
    comment = CommentFactory(item=article, email="snel@example.nl")
    link = edit_link(comment)
    statuses = []
    for n in range(10):
        with capture():
            response = visitor("192.0.2.61").post(link, {"text": f"Versie {n}"})
        statuses.append(response.status_code)
    assert statuses[:3] == [200, 200, 200]
    assert set(statuses[3:]) == {429}
    assert "te veel reacties" in response.content.decode()
    assert comment.revisions.count() == 3
    assert len(mailoutbox) == 3  # one moderator mail per accepted change


def test_an_edit_that_breaks_a_content_rule_is_spam_with_its_rule(
    article, mailoutbox, capture, settings
):
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@movisie.example"]
    BlocklistEntry.objects.create(kind="word", value="viagra")
    BlocklistEntry.objects.create(kind="domain", value="pillen.com")
    waiting = CommentFactory(item=article, status=CommentStatus.PENDING)
    with capture():
        Client().post(edit_link(waiting), {"text": "Koop viagra op pillen.com"})
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.SPAM
    assert waiting.spam_reason.startswith("Blokkeerlijst")  # the rule that fired

    published = CommentFactory(item=article, text="Een nette reactie")
    with capture():
        Client().post(edit_link(published), {"text": "Nu op pillen.com"})
    published.refresh_from_db()
    assert published.pending_text == ""  # never put before the moderators
    assert "Blokkeerlijst (domein): pillen.com" in published.spam_reason
    assert "Een nette reactie" in article_page(article)
    assert mailoutbox == []  # no moderator is asked to approve spam


# --- 9. Names that show blank are refused -----------------------------------------


@pytest.mark.parametrize("field", ["name", "text"])
@pytest.mark.parametrize("value", ["\u200b\u200b\u200b", "\u200d \ufeff", "\u2060"])
def test_a_name_or_text_of_only_invisible_characters_is_refused(article, field, value):
    response = post(article, **{field: value})
    assert response.status_code == 400
    assert "alleen onzichtbare tekens" in response.content.decode()
    assert not Comment.objects.exists()
