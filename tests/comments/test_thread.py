"""What readers see under an article or dossier."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, DossierFactory, UserFactory

from .helpers import reply_url, thread_shape

pytestmark = pytest.mark.django_db


def page(item) -> str:
    response = Client().get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def rid(comment) -> str:
    return f"reactie-{comment.pk}"


def test_thread_is_oldest_first_with_replies_under_their_parent(article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    first = CommentFactory(item=article, name="Ruud")
    second = CommentFactory(item=article, name="Anna")
    answer = CommentFactory(parent=first, name="Christine")
    follow_up = CommentFactory(parent=answer, name="Ruud")
    deepest = CommentFactory(parent=follow_up, name="Piet")
    deeper_still = CommentFactory(parent=deepest, name="Karin")
    late_reply = CommentFactory(parent=first, name="Jan")

    html = page(article)
    order, levels = thread_shape(html)
    assert order == [
        rid(c)
        for c in (first, answer, follow_up, deepest, deeper_still, late_reply, second)
    ]
    assert levels[rid(first)] == 1
    assert levels[rid(answer)] == 2
    assert levels[rid(follow_up)] == 3
    # Past the maximum depth, replies join the deepest level...
    assert levels[rid(deepest)] == 3
    assert levels[rid(deeper_still)] == 3
    assert levels[rid(late_reply)] == 2
    assert levels[rid(second)] == 1
    # ... and say whom they answer.
    deepest_html = html[html.index(f'id="{rid(deepest)}"') :][:1200]
    assert f'reactie op <a href="#{rid(follow_up)}"><bdi>Ruud</bdi></a>' in deepest_html
    follow_up_html = html[html.index(f'id="{rid(follow_up)}"') :][:1200]
    assert "reactie op" not in follow_up_html.split("</article>")[0]


def test_depth_limit_is_configurable(article, settings):
    settings.COMMENTS_MAX_DEPTH = 1
    first = CommentFactory(item=article, name="Ruud")
    reply = CommentFactory(parent=first, name="Anna")
    html = page(article)
    _order, levels = thread_shape(html)
    assert levels[rid(reply)] == 1
    assert f'reactie op <a href="#{rid(first)}"><bdi>Ruud</bdi></a>' in html


def test_each_reaction_shows_name_date_text_anchor_and_reply_link(article):
    moment = datetime(2017, 1, 14, 10, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    comment = CommentFactory(item=article, name="Ruud Klerks")
    Comment.objects.filter(pk=comment.pk).update(created_at=moment)
    html = page(article)
    block = html[html.index(f'id="{rid(comment)}"') :].split("</article>")[0]
    assert "Ruud Klerks" in block
    assert "14 januari 2017 om 10:12" in block
    assert f'href="#{rid(comment)}"' in block
    assert f'href="{reply_url(article, comment)}"' in block
    assert ">Reageer<" in block


def test_text_is_plain_with_line_breaks_and_safe_links(article):
    CommentFactory(
        item=article,
        text=(
            "Zie: https://www.example.org/video?v=1&t=2\n"
            "<script>alert(1)</script> <b>vet</b>\n\n"
            'Nieuwe alinea <a href="https://evil.example">klik</a>'
        ),
    )
    html = page(article)
    assert (
        '<a rel="nofollow ugc noopener" '
        'href="https://www.example.org/video?v=1&amp;t=2">'
        "https://www.example.org/video?v=1&amp;t=2</a><br>" in html
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<p>Nieuwe alinea &lt;a href=" in html
    # The visitor's own anchor is text; only the bare address becomes our link.
    assert '<a href="https://evil.example">' not in html
    assert "&quot;&gt;klik&lt;/a&gt;" in html


def test_staff_reaction_carries_the_editorial_badge(article):
    CommentFactory(item=article, name="Christine", is_staff_reply=True)
    CommentFactory(item=article, name="Ruud")
    html = page(article)
    assert html.count('<span class="badge">redactie</span>') == 1


def test_pending_rejected_and_spam_reactions_are_not_shown(article):
    CommentFactory(item=article, text="Goedgekeurd")
    for status in ("pending", "rejected", "spam"):
        CommentFactory(item=article, text=f"Status {status}", status=status)
    html = page(article)
    assert "Goedgekeurd" in html
    assert "Status" not in html
    assert 'Reacties <span class="reactions__count">(1)</span>' in html


def test_removed_reaction_with_replies_leaves_a_placeholder(article):
    removed = CommentFactory(item=article, name="Weg", text="Ongepast")
    reply = CommentFactory(parent=removed, name="Anna", text="Ik reageer")
    lonely = CommentFactory(item=article, name="Eenzaam", text="Zonder antwoord")
    editor = UserFactory(is_staff=True)
    from comments import services

    services.withdraw(comment=removed, moderator=editor)
    services.reject(
        comment=CommentFactory(parent=reply, status="pending"), moderator=editor
    )
    services.mark_spam(comment=lonely, moderator=editor)

    html = page(article)
    order, levels = thread_shape(html)
    assert order == [rid(removed), rid(reply)]
    assert levels[rid(reply)] == 2
    assert "Deze reactie is verwijderd." in html
    assert "Ongepast" not in html
    assert "Weg" not in html
    assert "Zonder antwoord" not in html
    assert 'Reacties <span class="reactions__count">(1)</span>' in html


def test_open_item_offers_the_form_link_but_no_form_or_token(article):
    html = page(article)
    assert "Reageer op dit artikel" in html
    assert f'href="{reply_url(article)}"' in html
    assert 'method="post"' not in html
    assert "csrfmiddlewaretoken" not in html
    assert "question_key" not in html
    assert 'src="/static/js/reactions.js"' in html


def test_closed_item_shows_the_thread_without_form_or_reply_links(article):
    comment = CommentFactory(item=article, text="Eerdere reactie")
    article.reactions = "closed"
    article.save()
    html = page(article)
    assert "Eerdere reactie" in html
    assert "Reageer op dit artikel" not in html
    assert f'href="{reply_url(article, comment)}"' not in html
    assert "Reageren op deze pagina is gesloten." in html
    assert Client().get(reply_url(article)).status_code == 403


def test_hidden_item_shows_no_reactions_at_all(article):
    CommentFactory(item=article, text="Eerdere reactie")
    article.reactions = "hidden"
    article.save()
    html = page(article)
    assert "Eerdere reactie" not in html
    assert 'id="reacties"' not in html
    assert "Reageer op dit artikel" not in html
    assert Client().get(reply_url(article)).status_code == 404


@pytest.mark.parametrize(("age", "is_open"), [(29, True), (31, False)])
def test_reactions_close_automatically_after_the_configured_days(
    settings, age, is_open
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    item = ArticleFactory(published_at=timezone.now() - timedelta(days=age))
    CommentFactory(item=item, text="Bestaande reactie")
    html = page(item)
    assert "Bestaande reactie" in html
    assert ("Reageer op dit artikel" in html) is is_open
    assert Client().get(reply_url(item)).status_code == (200 if is_open else 403)


def test_reactions_never_close_by_default(settings):
    assert settings.COMMENTS_CLOSE_AFTER_DAYS is None
    item = ArticleFactory(published_at=timezone.now() - timedelta(days=3650))
    assert "Reageer op dit artikel" in page(item)


def test_readers_get_writes_nothing_and_sets_no_cookie(article):
    CommentFactory(item=article)
    for item in (article, DossierFactory()):
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(item.get_absolute_url())
        assert response.status_code == 200
        assert not response.cookies
        # Shared caches may keep it: public, and no session was touched.
        assert "public" in response["Cache-Control"]
        writes = [
            q["sql"]
            for q in queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []


def test_cards_show_approved_reaction_counts_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    """ "3 reacties" on a card; pending ones and hidden threads do not count."""
    ArticleFactory(title="Stil artikel")
    busy = ArticleFactory(title="Druk artikel")
    CommentFactory.create_batch(3, item=busy)
    CommentFactory(item=busy, status="pending")
    hidden = ArticleFactory(title="Verborgen discussie", reactions="hidden")
    CommentFactory(item=hidden)

    def card(html, title):
        return html.split(title, 1)[1].split("</li>", 1)[0]

    html = client.get("/artikelen/").content.decode()
    assert "3 reacties" in card(html, "Druk artikel")
    assert "reactie" not in card(html, "Stil artikel")
    assert "reactie" not in card(html, "Verborgen discussie")
    with CaptureQueriesContext(connection) as few:
        client.get("/artikelen/")
    for _ in range(5):
        CommentFactory(item=ArticleFactory())
    with django_assert_num_queries(len(few)):
        html = client.get("/artikelen/").content.decode()
    assert html.count("1 reactie<") == 5


def test_cached_thread_follows_moderation_and_closing(article):
    editor = UserFactory(is_staff=True)
    from comments import services

    shown = CommentFactory(item=article, text="Eerst zichtbaar")
    waiting = CommentFactory(item=article, text="Nog niet", status="pending")
    assert "Eerst zichtbaar" in page(article)
    services.approve(comment=waiting, moderator=editor)
    assert "Nog niet" in page(article)
    services.withdraw(comment=shown, moderator=editor)
    assert "Eerst zichtbaar" not in page(article)
    article.reactions = "closed"
    article.save()
    assert "Reageer op dit artikel" not in page(article)
