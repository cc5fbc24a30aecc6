"""Posting reactions as a visitor and as an editor, and moderating them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentStatus
from tests.factories import CommentFactory, UserFactory, make_editor

from .helpers import post_reaction, reaction_data, reply_url

pytestmark = pytest.mark.django_db


def test_visitor_posts_reaction_that_appears_after_approval_by_redactie(article):
    visitor = Client(enforce_csrf_checks=True)
    item_page = visitor.get(article.get_absolute_url()).content.decode()
    # The article page only links to the form; following it gives the question.
    link = re.search(r'class="button reactions__start" href="([^"]+)"', item_page)
    response = post_reaction(visitor, link.group(1), text="Mijn vraag\nover MOOC's")

    assert response.status_code == 302
    confirmation = visitor.get(response["Location"])
    assert "verschijnt op de site zodra de redactie" in confirmation.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.name == "Ruud"
    assert "Mijn vraag" not in visitor.get(article.get_absolute_url()).content.decode()

    editor = make_editor()
    moderator = Client()
    moderator.force_login(editor)
    changelist = reverse("admin:comments_comment_changelist")
    assert "Ruud" in moderator.get(changelist).content.decode()
    result = moderator.post(
        changelist,
        {"action": "approve", "_selected_action": [comment.pk]},
        follow=True,
    )
    assert result.status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderated_by == editor

    page = visitor.get(article.get_absolute_url()).content.decode()
    assert f'id="reactie-{comment.pk}"' in page
    assert "Mijn vraag<br>over MOOC&#x27;s" in page
    assert 'Reacties <span class="reactions__count">(1)</span>' in page


def test_reloading_the_confirmation_does_not_post_twice(article):
    visitor = Client(enforce_csrf_checks=True)
    response = post_reaction(visitor, reply_url(article))
    visitor.get(response["Location"])
    visitor.get(response["Location"])
    assert Comment.objects.count() == 1


def test_visitor_replies_to_an_approved_reaction(article):
    question = CommentFactory(item=article, name="Ruud")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(reply_url(article, question)).content.decode()
    assert "U reageert op <bdi>Ruud</bdi>" in page
    response = visitor.post(
        reply_url(article), reaction_data(page, text="Een antwoord", name="Anna")
    )
    assert response.status_code == 302
    reply = Comment.objects.get(name="Anna")
    assert reply.parent == question
    assert reply.path == [question.pk, reply.pk]


def test_dossier_takes_reactions_too(dossier):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(dossier.get_absolute_url()).content.decode()
    assert "Reageer op dit dossier" in page
    response = post_reaction(visitor, reply_url(dossier))
    assert response.status_code == 302
    assert Comment.objects.get().dossier == dossier


def test_editor_reaction_is_published_at_once_and_marked_as_editorial(article):
    question = CommentFactory(item=article, name="Ruud")
    editor = make_editor()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    form = client.get(reply_url(article, question)).content.decode()
    # No arithmetic question and no name or address for the editorial team.
    assert 'name="question_key"' not in form
    assert 'name="email"' not in form
    response = client.post(
        reply_url(article), reaction_data(form, text="Dank voor uw vraag.")
    )
    answer = Comment.objects.get(text="Dank voor uw vraag.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reactie-{answer.pk}")
    assert answer.status == CommentStatus.APPROVED
    assert answer.is_staff_reply
    assert answer.name == "Christine de Vries, Movisie"  # the display name
    assert answer.parent == question

    page = Client().get(article.get_absolute_url()).content.decode()
    staff_block = page[page.index(f'id="reactie-{answer.pk}"') :]
    assert '<span class="badge">redactie</span>' in staff_block[:600]


def test_logged_in_non_staff_user_still_gets_the_question(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    form = client.get(reply_url(article)).content.decode()
    assert 'name="question_key"' in form
    client.post(reply_url(article), reaction_data(form))
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_form_fragment_has_question_label_and_instruction(article):
    response = Client().get(
        reverse("comments:form", kwargs={"kind": "artikel", "pk": article.pk})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    label = re.search(r'<label for="veld-answer">(.*?)</label>', html, re.S).group(1)
    assert re.search(r'<span class="question">\d+ \+ \d+ =</span>', label)
    assert "voor 1 + 3 vult u bijvoorbeeld 4 in" in html
    assert "nooit op de site getoond" in html.lower()
    assert response["Cache-Control"].startswith("max-age=0")
