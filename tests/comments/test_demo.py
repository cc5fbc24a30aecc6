"""The demo reactions ``make run`` loads: the core of the site is visible."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from comments.models import Comment, CommentStatus

from .helpers import thread_shape

pytestmark = pytest.mark.django_db


def test_the_13_january_2017_article_carries_the_seed_shaped_thread(demo_content):
    article = Article.objects.published().get(published_at__date="2017-01-13")
    html = Client().get(article.get_absolute_url()).content.decode()
    order, levels = thread_shape(html)
    question, answer, follow_up = Comment.objects.thread(article)
    assert order == [f"reactie-{c.pk}" for c in (question, answer, follow_up)]
    # The author's answer is nested under the question, the follow-up under it.
    assert [levels[a] for a in order] == [1, 2, 3]
    assert answer.is_staff_reply
    # The dossier author answers.
    assert answer.name in [a.name for a in article.dossiers.get().credited_authors]
    assert not question.is_staff_reply
    assert follow_up.name == question.name
    answer_html = html.split(f'id="reactie-{answer.pk}"', 1)[1].split("</article>")[0]
    assert "redactie" in answer_html  # the editorial team's badge
    follow_up_html = html.split(f'id="reactie-{follow_up.pk}"', 1)[1]
    assert 'href="https://www.movisie.nl/"' in follow_up_html.split("</article>")[0]
    assert "Reacties <span" in html
    assert "(3)" in html


def test_more_items_carry_small_threads(demo_content):
    items_with_reactions = (
        Comment.objects.approved().values("article", "dossier").distinct().count()
    )
    assert items_with_reactions >= 4


def test_the_moderation_queue_holds_work_and_one_caught_as_spam(demo_content):
    assert Comment.objects.pending().count() == 2
    spam = Comment.objects.get(status=CommentStatus.SPAM)
    assert spam.spam_reason.startswith("3 links")


def test_loading_the_demo_reactions_twice_adds_nothing(demo_content):
    before = list(Comment.objects.order_by("pk").values_list("pk", "path", "status"))
    call_command("load_demo", stdout=io.StringIO())
    after = list(Comment.objects.order_by("pk").values_list("pk", "path", "status"))
    assert after == before
