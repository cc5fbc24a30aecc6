"""A thread's counts, kept by PostgreSQL (comments.models.ThreadCounts): right
after every kind of write, and never missing a concurrent writer's reaction."""

import threading

import pytest
from django.db import connection, transaction
from django.db.models import Max, Q
from django.test import Client
from django.utils import timezone

from comments import services
from comments.models import Comment, CommentStatus, ThreadCounts, item_field
from comments.thread import thread_stats
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    DossierFactory,
    make_editor,
    make_thread,
)

APPROVED = CommentStatus.APPROVED


def counted(item) -> tuple[int, int, int]:
    """(all, approved, top-level slots) as the reactions themselves say."""
    rows = Comment.objects.filter(**{item_field(item): item})
    approved = rows.filter(status=APPROVED)
    roots = {path[0] for path in approved.values_list("path", flat=True)}
    return rows.count(), approved.count(), len(roots)


def kept(item) -> tuple[int, int, int]:
    stats = thread_stats(item)
    return stats.total, stats.count, stats.roots


@pytest.mark.django_db
@pytest.mark.parametrize("make_item", [ArticleFactory, DossierFactory])
def test_counts_follow_every_kind_of_write(make_item):
    item = make_item()
    other = make_item()
    assert kept(item) == (0, 0, 0)  # no reactions: no row, zeros

    question = CommentFactory(item=item, status=CommentStatus.PENDING)
    assert kept(item) == counted(item) == (1, 0, 0)
    services.approve(comment=question, moderator=make_editor())
    assert kept(item) == (1, 1, 1)
    answer = CommentFactory(parent=question)
    CommentFactory(item=other)
    assert kept(item) == counted(item) == (2, 2, 1)

    # The writer withdraws the question: its answer keeps the slot.
    services.withdraw_own(comment=question)
    assert kept(item) == counted(item) == (2, 1, 1)

    # A bulk write that bypasses every service (an admin action, a script).
    make_thread(item, 10)
    assert kept(item) == counted(item) == (12, 11, 3)
    Comment.objects.filter(Q(**{item_field(other): other}) | Q(pk=answer.pk)).update(
        status="spam"
    )
    assert kept(item) == counted(item) == (12, 10, 2)
    assert kept(other) == counted(other) == (1, 0, 0)

    Comment.objects.filter(pk=answer.pk).delete()
    assert kept(item) == counted(item) == (11, 10, 2)
    changed = Comment.objects.filter(**{item_field(item): item}).aggregate(
        latest=Max("updated_at")
    )["latest"]
    assert thread_stats(item).changed == changed.timestamp()

    item.delete()
    assert not ThreadCounts.objects.filter(**{item_field(item): item.pk}).exists()


@pytest.mark.django_db
def test_the_page_shows_counts_changed_by_a_bulk_update(client: Client):
    article = ArticleFactory()
    make_thread(article, 5)
    count = '<span class="reactions__count">({})</span>'.format
    assert count(5) in client.get(article.get_absolute_url()).content.decode()
    Comment.objects.filter(article=article, parent__isnull=False).update(
        status="spam", updated_at=timezone.now()
    )
    assert count(1) in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_are_both_counted():
    """The first writer holds the item's lock until it commits; the second
    counts after that, so its count includes the first one's reaction
    (without the lock it would miss it and overwrite the counts)."""
    article = ArticleFactory()
    first_wrote, second_started = threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                Comment.objects.create(article=article, name="Een", text="Eerste")
                first_wrote.set()
                second_started.wait(5)
                # Give the second writer time to run into the lock.
                connection.cursor().execute("SELECT pg_sleep(0.3)")
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    def second():
        try:
            first_wrote.wait(5)
            second_started.set()
            with transaction.atomic():
                Comment.objects.create(article=article, name="Twee", text="Tweede")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    counts = ThreadCounts.objects.get(article=article)
    assert (counts.total, counts.approved) == (2, 0)
    assert counts.total == Comment.objects.filter(article=article).count()
