"""The write rules, as the views and admin actions rely on them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comments import services
from comments.models import Comment, CommentStatus
from tests.factories import ArticleFactory, CommentFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db


def submit(item, **kwargs):
    defaults = {"name": "Ruud", "email": "ruud@example.nl", "text": "Een vraag"}
    return services.comment_submit(item=item, **{**defaults, **kwargs})


def test_visitor_reaction_is_pending_with_its_path(article):
    parent = CommentFactory(item=article)
    comment = submit(article, parent=parent)
    assert comment.status == CommentStatus.PENDING
    assert comment.path == [parent.pk, comment.pk]
    assert not comment.is_staff_reply


@pytest.mark.parametrize("mode", ["closed", "hidden"])
def test_no_reaction_on_closed_or_hidden_item(article, mode):
    article.reactions = mode
    article.save()
    with pytest.raises(ValidationError):
        submit(article)
    assert not Comment.objects.exists()


def test_no_reaction_on_draft():
    with pytest.raises(ValidationError):
        submit(ArticleFactory(status="draft", published_at=None))


def test_parent_must_be_approved_and_on_the_same_item(article):
    for parent in (
        CommentFactory(item=article, status="pending"),
        CommentFactory(item=DossierFactory()),
    ):
        with pytest.raises(ValidationError):
            submit(article, parent=parent)
    assert Comment.objects.count() == 2


def test_staff_reaction_is_approved_and_marked(article):
    editor = UserFactory(is_staff=True, first_name="Christine", last_name="Kuiper")
    comment = submit(article, user=editor, name="", email="")
    assert comment.status == CommentStatus.APPROVED
    assert comment.is_staff_reply
    assert comment.name == "Christine Kuiper"
    assert comment.moderated_by == editor


def test_database_refuses_a_reaction_on_two_items_or_none():
    base = {"name": "x", "email": "x@example.nl", "text": "x", "path": [1]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            article=ArticleFactory(), dossier=DossierFactory(), **base
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(**base)


def test_moderation_transitions():
    editor = UserFactory(is_staff=True)
    comment = CommentFactory(status="pending")
    assert not services.withdraw(comment=comment, moderator=editor)
    assert services.approve(comment=comment, moderator=editor, note="prima")
    assert not services.reject(comment=comment, moderator=editor)
    assert services.withdraw(comment=comment, moderator=editor, note="toch niet")
    assert comment.status == CommentStatus.REJECTED
    assert comment.moderator_note == "prima\ntoch niet"
    assert services.mark_spam(comment=comment, moderator=editor)
    assert comment.status == CommentStatus.SPAM
