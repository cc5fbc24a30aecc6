"""Whatever is posted to the reaction endpoint: never a 5xx, and nothing is
stored unless every rule was met.

Hypothesis posts arbitrary names, e-mail addresses, texts, parent ids and
answers (unicode, NUL, right-to-left marks, megabyte bodies), form-encoded
and multipart, on top of every field of the form as a browser would send it
(hidden fields included, so fields added later are posted back too). The
question is read from the page each time, and the answer is sometimes right,
so accepted posts happen as well and are checked against what was sent.
"""

import itertools
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from comments.models import Comment, CommentStatus
from scripts.visitor import reaction_form_fields, solve
from tests.factories import ArticleFactory, CommentFactory

from .helpers import reply_url

VISITORS = itertools.count(1)

pytestmark = pytest.mark.django_db

nasty = st.one_of(
    st.text(max_size=200),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60
    ),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "Ruud\x00",
            "\u202eRuud\u202c",
            "\u200f\u200e",
            "\ufeff",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\r\nBcc: x@example.nl",
            "é" * 101,
            "x" * 5001,
            "\U0001f600" * 50,
        ]
    ),
)
emails = st.one_of(
    nasty,
    st.emails(),
    st.sampled_from(
        ["ruud@example.nl", "ruud@", "@example.nl", "ruud@example.nl\x00", "a@b"]
    ),
)
answers = st.one_of(
    st.just("RIGHT"),
    st.just(" RIGHT "),
    st.sampled_from(["", "0", "-1", "21", "٣", "1e1", "999999999999", "\x00"]),
    st.text(max_size=20),
)
parents = st.one_of(
    st.sampled_from(["APPROVED", "PENDING", "", "0", "-1", "1.5", "abc"]),
    st.integers().map(str),
    st.text(max_size=30),
)
field_names = st.sampled_from(["name", "email", "text", "op", "answer", "question_key"])


def post(client, url, data, *, multipart, raw_extra=b""):
    if multipart:
        return client.post(url, data)
    body = "&".join(
        f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in data.items()
    ).encode()
    return client.post(
        url,
        body + raw_extra,
        content_type="application/x-www-form-urlencoded",
    )


@pytest.fixture
def setting():
    article = ArticleFactory()
    approved = CommentFactory(item=article)
    pending = CommentFactory(item=article, status=CommentStatus.PENDING)
    return article, approved, pending


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.one_of(st.just("Ruud"), nasty),
    email=st.one_of(st.just("ruud@example.nl"), emails),
    text=st.one_of(st.just("Mooi initiatief."), nasty),
    op=parents,
    answer=answers,
    drop=st.sets(field_names, max_size=2),
    multipart=st.booleans(),
    raw_extra=st.one_of(
        st.just(b""),
        st.binary(max_size=40).map(lambda b: b"&" + quote_from_bytes(b).encode()),
        st.binary(max_size=40).map(lambda b: b"&text=" + b),
    ),
)
def test_hostile_post_never_fails_and_stores_only_what_follows_the_rules(
    setting, name, email, text, op, answer, drop, multipart, raw_extra
):
    article, approved, pending = setting
    # A visitor of their own per example: the examples share one database,
    # and one address may only fetch COMMENTS_QUESTION_LIMIT forms.
    n = next(VISITORS)
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}")
    url = reply_url(article)
    html = client.get(url).content.decode()
    right = solve(html)
    data = reaction_form_fields(html)
    data.update(
        name=name,
        email=email,
        text=text,
        op={"APPROVED": str(approved.pk), "PENDING": str(pending.pk)}.get(op, op),
        answer=answer.replace("RIGHT", right),
    )
    for field in drop:
        data.pop(field, None)
    before = set(Comment.objects.values_list("pk", flat=True))

    response = post(
        client,
        url,
        data,
        multipart=multipart,
        raw_extra=b"" if multipart else raw_extra,
    )

    assert response.status_code < 500
    new = Comment.objects.exclude(pk__in=before)
    event(f"status {response.status_code}")
    if response.status_code != 302:
        assert not new.exists()
        return
    # Accepted: so every rule was met, and what was stored is what was sent.
    comment = new.get()
    assert data.get("answer", "").strip() == right
    assert comment.status == CommentStatus.PENDING
    assert comment.name == name.strip()
    assert comment.email == email.strip()
    assert "\x00" not in comment.name + comment.email + comment.text
    assert comment.parent in (None, approved)
    try:
        comment.full_clean(exclude=["path"])
    except ValidationError as error:  # pragma: no cover - a failing test
        pytest.fail(f"stored a reaction that breaks the rules: {error}")


@pytest.mark.parametrize("multipart", [False, True])
@pytest.mark.parametrize("size", [1_000_000, 3_000_000])
def test_megabyte_bodies_are_refused_without_storing(article, multipart, size):
    client = Client(enforce_csrf_checks=True)
    url = reply_url(article)
    html = client.get(url).content.decode()
    data = reaction_form_fields(html)
    data.update(name="Ruud", email="ruud@example.nl", text="x" * size)
    data["answer"] = solve(html)

    response = post(client, url, data, multipart=multipart)

    assert 400 <= response.status_code < 500
    assert not Comment.objects.filter(name="Ruud").exists()


def test_many_fields_are_refused_without_storing(article):
    """More fields than Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS)."""
    client = Client(enforce_csrf_checks=True)
    url = reply_url(article)
    html = client.get(url).content.decode()
    data = {**reaction_form_fields(html), "name": "Ruud", "answer": solve(html)}
    data.update({f"extra{n}": "x" for n in range(1200)})

    response = post(client, url, data, multipart=False)

    assert 400 <= response.status_code < 500
    assert not Comment.objects.exists()
