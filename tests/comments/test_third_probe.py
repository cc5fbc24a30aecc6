"""Defects a third independent probe found in reactions (issue 26).

Each test acts the way the probe did (posting through the reaction page,
following the writer's links, saving the moderator's page) and checks what
a writer, a reader or a moderator would notice.
"""

import re

import pytest
from django.test import Client

from comments.models import Comment, CommentStatus, TrustedWriter

from .helpers import post_reaction, reply_url, visitor

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
