"""Moderation by the "Redactie" group in the Django admin."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentStatus
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    DossierFactory,
    UserFactory,
    make_editor,
)

from .helpers import moderation_post

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:comments_comment_changelist"


@pytest.fixture
def moderator():
    client = Client()
    client.force_login(make_editor())
    return client


def aged(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    return comment


def test_redactie_group_may_view_and_change_reactions():
    group = Group.objects.get(name="Redactie")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_comment", "change_comment"} <= codenames


def test_queue_lists_pending_first_then_oldest_first(moderator):
    old_approved = aged(CommentFactory(name="Oud goedgekeurd"), 300)
    new_pending = aged(CommentFactory(name="Nieuw wachtend", status="pending"), 5)
    old_pending = aged(CommentFactory(name="Oud wachtend", status="pending"), 200)
    html = moderator.get(reverse(CHANGELIST)).content.decode()
    positions = [html.index(c.name) for c in (old_pending, new_pending, old_approved)]
    assert positions == sorted(positions)


def test_queue_shows_item_link_full_text_name_and_date(moderator):
    article = ArticleFactory(title="Sociale innovatie")
    comment = CommentFactory(item=article, name="Ruud", text="x" * 200)
    html = moderator.get(reverse(CHANGELIST)).content.decode()
    # The short address, which leads to the page of the thread that holds it.
    assert f'href="/reacties/{comment.pk}/"' in html
    assert "Sociale innovatie" in html
    # The whole text: a moderator decides on what readers would see.
    assert "x" * 200 in html
    assert "Ruud" in html
    assert "Geplaatst <time" in html


def test_queue_filters_by_status_and_item_type_and_searches(moderator):
    on_article = CommentFactory(item=ArticleFactory(), name="Artikellezer")
    on_dossier = CommentFactory(
        item=DossierFactory(), name="Dossierlezer", status="pending"
    )
    url = reverse(CHANGELIST)
    by_type = moderator.get(url, {"soort": "dossier"}).content.decode()
    assert on_dossier.name in by_type
    assert on_article.name not in by_type
    by_status = moderator.get(url, {"status__exact": "approved"}).content.decode()
    assert on_article.name in by_status
    assert on_dossier.name not in by_status
    CommentFactory(email="geheim@example.nl", name="Zoekbaar")
    found = moderator.get(url, {"q": "geheim@example"}).content.decode()
    assert "Zoekbaar" in found
    assert on_article.name not in found


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", "pending", "approved"),
        ("reject", "pending", "rejected"),
        ("mark_spam", "pending", "spam"),
        ("withdraw", "approved", "rejected"),
    ],
)
def test_bulk_actions_change_status_and_record_the_moderator(
    moderator, action, before, after
):
    comments = CommentFactory.create_batch(2, status=before)
    response = moderator.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in comments]},
    )
    assert response.status_code == 302
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == after
        assert comment.moderated_by.first_name == "Christine"
        assert comment.moderated_at is not None


def test_bulk_reject_leaves_published_reactions_alone(moderator):
    published = CommentFactory(status="approved")
    waiting = CommentFactory(status="pending")
    moderator.post(
        reverse(CHANGELIST),
        {"action": "reject", "_selected_action": [published.pk, waiting.pk]},
    )
    published.refresh_from_db()
    waiting.refresh_from_db()
    assert published.status == CommentStatus.APPROVED
    assert waiting.status == CommentStatus.REJECTED


def test_moderator_note_is_editable_and_internal(moderator):
    comment = CommentFactory(item=ArticleFactory(), name="Ruud")
    response = moderation_post(moderator, comment, moderator_note="Twijfel, nagevraagd")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.moderator_note == "Twijfel, nagevraagd"
    assert comment.status == CommentStatus.APPROVED
    page = Client().get(comment.item.get_absolute_url()).content.decode()
    assert "Twijfel" not in page


def test_admin_index_shows_how_many_wait(moderator):
    CommentFactory.create_batch(3, status="pending")
    CommentFactory(status="approved")
    html = moderator.get(reverse("admin:index")).content.decode()
    # The Redactie's index: "3 reacties wachten op moderatie" on a work card.
    assert re.search(r">3</span>\s*reacties wachten op moderatie", html)


def test_staff_without_the_group_cannot_moderate():
    outsider = Client()
    outsider.force_login(UserFactory(is_staff=True))
    assert outsider.get(reverse(CHANGELIST)).status_code == 403
    index = outsider.get(reverse("admin:index")).content.decode()
    assert "wachten op moderatie" not in index
