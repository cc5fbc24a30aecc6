"""The arithmetic question: text-only additions, one question, one answer."""

import re
import threading
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from comments.captcha import Outcome, addition_challenge, consume_question
from comments.models import Comment
from tests.races import second_waits_for_first

from .helpers import KEY_RE, reaction_data, reply_url


def test_questions_are_additions_with_a_sum_from_1_to_20():
    seen = set()
    for _ in range(2000):
        challenge, response = addition_challenge()
        first, second = map(int, re.fullmatch(r"(\d+) \+ (\d+) =", challenge).groups())
        assert first >= 1
        assert second >= 1
        assert 1 <= first + second <= 20
        assert response == str(first + second)
        seen.add(first + second)
    assert seen == set(range(2, 21))


@pytest.mark.django_db
def test_wrong_answer_keeps_the_typed_text_and_asks_a_new_question(article):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    data = reaction_data(html, text="Een lange reactie\nmet twee regels")
    data["answer"] = str(int(data["answer"]) + 1)
    response = visitor.post(reply_url(article), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Dat antwoord klopt niet. Probeer de nieuwe rekenvraag." in page
    assert ">Een lange reactie\nmet twee regels</textarea>" in page
    assert 'value="ruud@example.nl"' in page
    new_key = KEY_RE.search(page).group(1)
    assert new_key != data["question_key"]
    assert not CaptchaStore.objects.filter(hashkey=data["question_key"]).exists()
    assert not Comment.objects.exists()
    # The new question works.
    retry = visitor.post(reply_url(article), reaction_data(page, text="Tweede poging"))
    assert retry.status_code == 302
    assert Comment.objects.get().text == "Tweede poging"


@pytest.mark.django_db
def test_a_form_that_fails_on_another_field_keeps_the_answered_question(article):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    data = reaction_data(html, text="")
    first = visitor.post(reply_url(article), data)
    page = first.content.decode()
    assert first.status_code == 400
    assert "Schrijf uw reactie" in page
    # The same question, with the visitor's answer still in its field.
    assert KEY_RE.search(page).group(1) == data["question_key"]
    assert f'id="veld-answer" value="{data["answer"]}"' in page
    assert 'id="veld-answer-fout"' not in page  # no word on the question
    second = visitor.post(reply_url(article), {**data, "text": "Nu wel tekst"})
    assert second.status_code == 302
    assert Comment.objects.get().text == "Nu wel tekst"
    # Used up now.
    again = visitor.post(reply_url(article), {**data, "text": "Nog een keer"})
    assert "Deze rekenvraag is verlopen of al gebruikt" in again.content.decode()


@pytest.mark.django_db
def test_a_reused_question_is_refused(article):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    data = reaction_data(html)
    assert visitor.post(reply_url(article), data).status_code == 302
    again = visitor.post(reply_url(article), data)
    assert again.status_code == 400
    assert "Deze rekenvraag is verlopen of al gebruikt" in again.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_question_is_refused(article):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    data = reaction_data(html)
    CaptchaStore.objects.filter(hashkey=data["question_key"]).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )
    response = visitor.post(reply_url(article), data)
    assert response.status_code == 400
    assert "Deze rekenvraag is verlopen of al gebruikt" in response.content.decode()
    assert not Comment.objects.exists()


def test_an_empty_form_says_the_sum_is_unanswered_and_keeps_the_question(article):
    """All errors at once, the sum's among them; a blank is no attempt, so
    the same question stays on the page."""
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    data = reaction_data(html, name="", email="", text="", answer="")
    page = visitor.post(reply_url(article), data).content.decode()
    assert "Schrijf uw reactie" in page
    assert "Beantwoord de rekenvraag: reken de som uit" in page
    assert 'id="veld-answer-fout"' in page
    assert KEY_RE.search(page).group(1) == data["question_key"]
    # Only the answer left blank: refused in Dutch, the same question kept.
    blank = reaction_data(html, answer="")
    response = visitor.post(reply_url(article), blank)
    assert response.status_code == 400
    assert "Beantwoord de rekenvraag" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"question_key": ""},
        {"question_key": "0" * 40},
        {"question_key": "x\x00"},
        {"answer": ""},
        {"answer": "elf"},
    ],
)
def test_missing_or_made_up_question_is_refused(article, overrides):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    response = visitor.post(reply_url(article), reaction_data(html, **overrides))
    assert response.status_code == 400
    assert "rekenvraag" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_question_allows_time_for_a_long_reaction(settings):
    assert settings.CAPTCHA_TIMEOUT >= 30
    assert not getattr(settings, "CAPTCHA_TEST_MODE", False)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_with_the_same_right_answer_give_one_reaction(article):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(reply_url(article)).content.decode()
    data = reaction_data(html)
    cookies = visitor.cookies
    start = threading.Barrier(2)
    statuses = []

    def post(text):
        from django.db import connection as thread_connection

        client = Client(enforce_csrf_checks=True)
        client.cookies = cookies
        try:
            start.wait(timeout=10)
            statuses.append(
                client.post(reply_url(article), {**data, "text": text}).status_code
            )
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=post, args=(f"Poging {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [302, 400]
    assert Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_consuming_waits_for_a_concurrent_consumer_and_then_finds_nothing():
    """Deterministic version of the race: B's DELETE waits on A's row lock."""
    question = CaptchaStore.objects.create(challenge="2 + 3 =", response="5")
    outcomes = second_waits_for_first(
        lambda: consume_question(question.hashkey, "5"),
        lambda: consume_question(question.hashkey, "5"),
    )
    assert [outcome.outcome for outcome in outcomes] == [Outcome.RIGHT, Outcome.GONE]
    connection.close()


@pytest.mark.django_db
def test_captcha_clean_deletes_only_expired_questions():
    now = timezone.now()
    old = CaptchaStore.objects.create(
        challenge="1 + 1 =", response="2", expiration=now - timedelta(minutes=1)
    )
    fresh = CaptchaStore.objects.create(
        challenge="1 + 2 =", response="3", expiration=now + timedelta(minutes=30)
    )
    call_command("captcha_clean", verbosity=0)
    call_command("captcha_clean", verbosity=0)  # harmless when run again
    assert not CaptchaStore.objects.filter(pk=old.pk).exists()
    assert CaptchaStore.objects.filter(pk=fresh.pk).exists()
