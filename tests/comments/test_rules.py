"""Each rule has one home; these tests break when the rule does."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from comments import services
from core.editors import is_editor
from tests.factories import ArticleFactory, CommentFactory, DossierFactory, UserFactory

from .helpers import reply_url

pytestmark = pytest.mark.django_db


# --- The parent is an approved reaction on this item ---------------------------


@pytest.mark.parametrize("case", ["pending", "other item", "spam"])
def test_only_an_approved_reaction_on_the_same_item_can_be_answered(case):
    item = ArticleFactory()
    parent = {
        "pending": lambda: CommentFactory(item=item, status="pending"),
        "other item": lambda: CommentFactory(item=DossierFactory()),
        "spam": lambda: CommentFactory(item=item, status="spam"),
    }[case]()
    # The reaction page, the form and the service all refuse it.
    assert Client().get(reply_url(item, parent)).status_code == 404
    with pytest.raises(ValidationError):
        services.comment_submit(
            item=item, text="Eens!", name="Lezer", email="l@example.org", parent=parent
        )


def test_an_approved_reaction_on_the_item_can_be_answered():
    item = ArticleFactory()
    parent = CommentFactory(item=item)
    assert Client().get(reply_url(item, parent)).status_code == 200
    reply = services.comment_submit(
        item=item, text="Eens!", name="Lezer", email="l@example.org", parent=parent
    )
    assert reply.path == [parent.pk, reply.pk]


# --- This item takes reactions ---------------------------------------------------


@pytest.mark.parametrize("state", ["reactions hidden", "draft", "scheduled"])
def test_an_item_readers_cannot_see_takes_no_reactions(state):
    item = ArticleFactory(
        **{
            "reactions hidden": {"reactions": "hidden"},
            "draft": {"status": "draft"},
            "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
        }[state]
    )
    assert not item.takes_reactions
    assert Client().get(reply_url(item)).status_code == 404
    with pytest.raises(ValidationError):
        services.comment_submit(
            item=item, text="Hallo", name="Lezer", email="l@example.org"
        )


# --- Is an editor ------------------------------------------------------------------


def test_who_counts_as_the_editorial_team():
    assert is_editor(UserFactory(is_staff=True))
    assert not is_editor(UserFactory(is_staff=True, is_active=False))
    assert not is_editor(UserFactory(is_staff=False))
    assert not is_editor(AnonymousUser())
    assert not is_editor(None)


def test_an_inactive_staff_member_posts_as_a_visitor_would():
    item = ArticleFactory()
    comment = services.comment_submit(
        item=item,
        text="Hallo",
        name="Oud-redacteur",
        email="oud@example.org",
        user=UserFactory(is_staff=True, is_active=False),
    )
    assert comment.status == "pending"
    assert not comment.is_staff_reply


# --- The item kinds ------------------------------------------------------------


def test_reaction_pages_know_exactly_the_item_kinds():
    article, dossier = ArticleFactory(), DossierFactory()
    client = Client()
    assert client.get(f"/reacties/artikel/{article.pk}/reageer/").status_code == 200
    assert client.get(f"/reacties/dossier/{dossier.pk}/reageer/").status_code == 200
    assert client.get(f"/reacties/nieuws/{article.pk}/reageer/").status_code == 404
    missing = article.pk + dossier.pk + 10_000
    assert client.get(f"/reacties/dossier/{missing}/reageer/").status_code == 404
