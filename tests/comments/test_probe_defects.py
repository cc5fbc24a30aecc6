"""Defects an independent probe found in posting reactions (issue 18, part A).

Each test posts the way the probe did, through the reaction page, and checks
what a visitor or a reader of the thread would notice.
"""

import time

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.test import Client
from django.utils import timezone

from comments.models import BlocklistEntry, Comment, CommentStatus
from comments.services import approve
from tests.factories import make_editor

from .helpers import REFUSED, form_html, reaction_data, reply_url, visitor

pytestmark = pytest.mark.django_db


def post_text(client, item, text):
    return client.post(
        reply_url(item), reaction_data(form_html(client, item), text=text)
    )


# --- 1. The minimum time belongs to the question --------------------------------


def test_an_old_form_does_not_let_fresh_questions_through_at_once(article, settings):
    """Fetch one form, wait, then post fresh forms at once with the old form's
    fields: each is posted faster than a person could, and refused."""
    settings.COMMENTS_MIN_SECONDS = 3
    client = visitor()
    with time_machine.travel(time.time(), tick=False) as clock:
        old = reaction_data(form_html(client, article))
        clock.shift(4)
        for _ in range(4):
            fresh = reaction_data(form_html(client, article))
            data = {**old, **{k: fresh[k] for k in ("question_key", "answer")}}
            response = client.post(reply_url(article), data)
            assert response.status_code == 400
            assert REFUSED in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_question_answered_after_the_minimum_time_is_accepted(article, settings):
    settings.COMMENTS_MIN_SECONDS = 3
    client = visitor()
    with time_machine.travel(time.time(), tick=False) as clock:
        data = reaction_data(form_html(client, article))
        clock.shift(3.1)
        response = client.post(reply_url(article), data)
    assert response.status_code == 302
    assert Comment.objects.count() == 1


# --- 2. Links counted as the thread shows them -----------------------------------


def test_bare_domains_with_real_top_level_domains_count_as_links(article):
    client = visitor()
    text = "Kijk op spamcasino.com, spamcasino.com, spamcasino.com en spamcasino.com"
    post_text(client, article, text)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.SPAM
    assert comment.spam_reason == "4 links (hooguit 2 toegestaan)"


def test_email_addresses_count_as_links(article):
    client = visitor()
    text = "Mail info@spamcasino.com of sales@spamcasino.net of a@b-shop.org"
    post_text(client, article, text)
    assert Comment.objects.get().spam_reason == "3 links (hooguit 2 toegestaan)"


def test_link_count_equals_the_links_a_reader_sees(article):
    client = visitor()
    text = "Zie spamcasino.com en mail info@voorbeeld.org"
    post_text(client, article, text)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING  # two: within the limit
    approve(comment=comment, moderator=make_editor())
    page = Client().get(article.get_absolute_url()).content.decode()
    thread = page[page.index('<section class="reactions"') :]
    assert thread.count("<a rel=") == 2
    assert 'href="https://spamcasino.com"' in thread
    assert 'href="mailto:info@voorbeeld.org"' in thread


@pytest.mark.parametrize(
    "text",
    [
        "Alles over spamcasino.com",
        "Schrijf naar winst@spamcasino.com",
        "Zie http://www.spamcasino.com/bonus",
    ],
)
def test_blocklisted_domain_is_caught_when_the_thread_would_link_it(article, text):
    BlocklistEntry.objects.create(kind="domain", value="spamcasino.com")
    client = visitor()
    post_text(client, article, text)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.SPAM
    assert comment.spam_reason == "Blokkeerlijst (domein): spamcasino.com"


# --- 5. Numbers compared as numbers -----------------------------------------------


@pytest.mark.parametrize(
    "write",
    [
        lambda n: f"0{n}",
        lambda n: f"+{n}",
        lambda n: f" {n} ",
        lambda n: "".join(chr(0x0660 + int(d)) for d in str(n)),  # ٠١٢…
        lambda n: "".join(chr(0x06F0 + int(d)) for d in str(n)),  # Persian ۰۱۲…
        lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),  # full width
    ],
    ids=["leading zero", "plus sign", "spaces", "arabic-indic", "persian", "wide"],
)
def test_the_right_number_written_another_way_is_right(article, write):
    client = visitor()
    data = reaction_data(form_html(client, article))
    data["answer"] = write(int(data["answer"]))
    response = client.post(reply_url(article), data)
    assert response.status_code == 302
    assert Comment.objects.count() == 1


# An empty answer is no attempt: it is named with the other fields' errors
# and keeps its question (test_question.py, the empty form).
@pytest.mark.parametrize("answer", ["zeven", "7a", "7.0", "--7", "1_0"])
def test_an_answer_that_is_no_number_is_refused_in_dutch(article, answer):
    client = visitor()
    data = reaction_data(form_html(client, article))
    data["answer"] = answer
    response = client.post(reply_url(article), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul het antwoord in cijfers in" in page
    assert Comment.objects.count() == 0


def test_a_wrong_number_is_still_wrong(article):
    client = visitor()
    data = reaction_data(form_html(client, article))
    data["answer"] = "0" + str(int(data["answer"]) + 1)
    response = client.post(reply_url(article), data)
    assert response.status_code == 400
    assert "Dat antwoord klopt niet" in response.content.decode()


# --- 6. Bidi overrides -------------------------------------------------------------

BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067",
        "\u2068", "\u2069"]  # fmt: skip


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
@pytest.mark.parametrize("field", ["name", "text"])
def test_bidi_controls_are_refused_in_dutch_and_the_text_kept(article, field, char):
    client = visitor()
    value = f"Jan{char}gnp.exe"
    data = reaction_data(form_html(client, article), **{field: value})
    response = client.post(reply_url(article), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "tekens die de schrijfrichting omdraaien" in page
    assert Comment.objects.count() == 0


def test_visitor_names_are_isolated_in_the_thread(article):
    client = visitor()
    client.post(
        reply_url(article),
        reaction_data(form_html(client, article), name="שרה כהן"),
    )
    approve(comment=Comment.objects.get(), moderator=make_editor())
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "<bdi>שרה כהן</bdi>" in page


# --- 11. Question issuance has a bound ----------------------------------------------


def test_a_script_fetching_forms_cannot_fill_the_question_table(article, settings):
    """The probe's 2,000 GETs, scaled down: beyond the limit per address no
    question is made, and the form says why in Dutch (429)."""
    settings.COMMENTS_QUESTION_LIMIT = 5
    script = visitor("203.0.113.66")
    statuses = [script.get(reply_url(article)).status_code for _ in range(12)]
    assert statuses == [200] * 5 + [429] * 7
    assert CaptchaStore.objects.count() == 5
    refused = script.get(reply_url(article)).content.decode()
    assert "erg veel reactieformulieren geopend" in refused
    assert 'name="question_key"' not in refused


def test_a_person_on_another_address_still_gets_a_question(article, settings):
    settings.COMMENTS_QUESTION_LIMIT = 4
    script = visitor("203.0.113.66")
    for _ in range(6):
        script.get(reply_url(article))
    person = visitor("198.51.100.7")
    for _ in range(3):  # a few forms, as a person opens them (form_html: 200)
        assert 'name="question_key"' in form_html(person, article)
    # The fourth form, posted: within the limit.
    assert post_text(person, article, "Een gewone vraag.").status_code == 302
    assert Comment.objects.get().text == "Een gewone vraag."


def test_expired_questions_disappear_without_cron(article, settings):
    settings.CAPTCHA_TIMEOUT = 2
    client = visitor()
    with time_machine.travel(time.time(), tick=False) as clock:
        for n in range(25):
            visitor(f"192.0.2.{n + 100}").get(reply_url(article))
        assert CaptchaStore.objects.count() == 25
        clock.shift(settings.CAPTCHA_TIMEOUT * 60 + 1)
        for _ in range(3):  # each new question clears up to ten expired ones
            form_html(client, article)
        assert CaptchaStore.objects.count() == 3
        assert not CaptchaStore.objects.filter(expiration__lte=timezone.now()).exists()
