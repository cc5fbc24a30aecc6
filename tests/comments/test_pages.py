"""Long threads: reactions in pages, and the short address of a reaction."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments import services
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    DossierFactory,
    UserFactory,
    make_thread,
)

from .helpers import thread_shape

pytestmark = pytest.mark.django_db


def get(url, **headers):
    response = Client().get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def ids_on(html: str) -> list[str]:
    return thread_shape(html)[0]


def rid(comment) -> str:
    return f"reactie-{comment.pk}"


def canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


@pytest.fixture
def three_pages(article, settings):
    """Two top-level reactions per page; the reply to the second one comes
    after the third one, so by date it would belong on page 2."""
    settings.COMMENTS_PER_PAGE = 2
    first = CommentFactory(item=article, name="Ruud")
    second = CommentFactory(item=article, name="Anna")
    third = CommentFactory(item=article, name="Piet")
    late_reply = CommentFactory(parent=second, name="Karin")
    deeper = CommentFactory(parent=late_reply, name="Jan")
    rest = [CommentFactory(item=article, name=f"Lezer {n}") for n in range(3)]
    return [first, second, third, late_reply, deeper, *rest]


def test_replies_stay_on_the_page_of_the_reaction_they_answer(article, three_pages):
    first, second, third, late_reply, deeper, fourth, fifth, sixth = three_pages
    url = article.get_absolute_url()
    page_1 = get(url).content.decode()
    assert ids_on(page_1) == [rid(c) for c in (first, second, late_reply, deeper)]
    assert thread_shape(page_1)[1][rid(deeper)] == 3
    page_2 = get(f"{url}?page=2").content.decode()
    assert ids_on(page_2) == [rid(third), rid(fourth)]
    page_3 = get(f"{url}?page=3").content.decode()
    assert ids_on(page_3) == [rid(fifth), rid(sixth)]
    # Every page counts the whole thread.
    for html in (page_1, page_2, page_3):
        assert 'Reacties <span class="reactions__count">(8)</span>' in html
        assert "Pagina" in html


def test_page_links_are_real_links_with_rel_and_the_number_in_the_address(
    article, three_pages
):
    url = article.get_absolute_url()
    html = get(f"{url}?page=2").content.decode()
    nav = html[html.index('<nav class="pagination reactions__pages"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'<a href="{url}#reacties" rel="prev">Vorige pagina</a>' in nav
    assert f'<a href="{url}?page=3#reacties" rel="next">Volgende pagina</a>' in nav
    assert f'<a href="{url}?page=2#reacties" aria-current="page">' in nav
    assert "<title>Sociale innovatie werkt (reacties, pagina 2) | Movisie" in html
    first = get(url).content.decode()
    assert 'rel="prev"' not in first
    assert f'href="{url}?page=2#reacties" rel="next"' in first


def test_later_pages_are_noindex_and_their_own_canonical(article, three_pages):
    url = article.get_absolute_url()
    first = get(url).content.decode()
    assert canonical(first) == f"http://testserver{url}"
    assert "noindex" not in first
    later = get(f"{url}?page=3").content.decode()
    assert canonical(later) == f"http://testserver{url}?page=3"
    assert '<meta name="robots" content="noindex, follow">' in later


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0", 1),
        ("-1", 1),
        ("-99999999999999999999", 1),
        ("1", 1),
        ("", 1),
        ("abc", 1),
        ("1.5", 1),
        ("²", 1),
        ("%00", 1),
        ("02", 2),
        ("+3", 3),
        ("4", 3),
        ("99999999999999999999999999", 3),
    ],
)
def test_a_bad_page_value_shows_the_nearest_real_page(
    article, three_pages, value, shown
):
    url = article.get_absolute_url()
    html = get(f"{url}?page={value}").content.decode()
    expected = get(url if shown == 1 else f"{url}?page={shown}").content.decode()
    assert ids_on(html) == ids_on(expected)
    # Search engines are told which real page this is.
    assert canonical(html) == canonical(expected)


def test_an_item_without_reactions_has_one_page(article):
    html = get(f"{article.get_absolute_url()}?page=7").content.decode()
    assert "Er zijn nog geen reacties." in html
    assert canonical(html) == f"http://testserver{article.get_absolute_url()}"


def test_short_address_redirects_to_the_later_page_and_its_anchor(article, three_pages):
    sixth = three_pages[-1]
    response = Client().get(f"/reacties/{sixth.pk}/")
    assert response.status_code == 302
    target = f"{article.get_absolute_url()}?page=3#{rid(sixth)}"
    assert response["Location"] == target
    assert f'id="{rid(sixth)}"' in get(target).content.decode()
    # A reply on page 1 posted late leads to page 1, where its parent is.
    late = three_pages[3]
    assert Client().get(f"/reacties/{late.pk}/")["Location"] == (
        f"{article.get_absolute_url()}#{rid(late)}"
    )


def test_mails_and_the_admin_use_the_short_address():
    comment = CommentFactory()
    assert comment.get_absolute_url() == f"/reacties/{comment.pk}/"


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999"])
def test_an_unknown_reaction_address_is_a_404(db, pk):
    assert Client().get(f"/reacties/{pk}/").status_code == 404


def test_a_reaction_on_a_hidden_or_unpublished_item_is_a_404():
    hidden = CommentFactory(item=ArticleFactory(reactions="hidden"))
    draft = CommentFactory(item=DossierFactory(status="draft"))
    for comment in (hidden, draft):
        assert Client().get(f"/reacties/{comment.pk}/").status_code == 404


@pytest.mark.parametrize("how", ["withdrawn", "rejected"])
def test_a_reaction_no_longer_shown_leads_to_the_item_with_a_note(article, how):
    editor = UserFactory(is_staff=True)
    if how == "withdrawn":
        comment = CommentFactory(item=article, text="Was te zien")
        services.withdraw(comment=comment, moderator=editor)
    else:
        comment = CommentFactory(item=article, text="Nooit", status="pending")
        services.reject(comment=comment, moderator=editor)
    html = get(f"/reacties/{comment.pk}/").content.decode()
    assert "<h1>Sociale innovatie werkt</h1>" in html
    assert "De reactie waar deze link naar verwijst, wordt niet meer getoond." in html
    assert comment.text not in html
    assert canonical(html) == f"http://testserver{article.get_absolute_url()}"
    # The item's own address carries no such note.
    assert "niet meer getoond" not in get(article.get_absolute_url()).content.decode()


def test_each_page_is_cached_and_a_new_reaction_changes_its_page_and_counts(
    article, three_pages
):
    url = article.get_absolute_url()
    pages = {n: f"{url}?page={n}" if n > 1 else url for n in (1, 2, 3)}
    before = {}
    for n, address in pages.items():
        response = get(address)
        assert not response.cookies
        assert "public" in response["Cache-Control"]
        before[n] = response
        # Unchanged: the same ETag, and a conditional GET gets 304.
        again = Client().get(address, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    assert len({r["ETag"] for r in before.values()}) == 3

    fifth = three_pages[6]
    waiting = CommentFactory(parent=fifth, status="pending", text="Nieuw antwoord")
    services.approve(comment=waiting, moderator=UserFactory(is_staff=True))

    after = {n: get(address).content.decode() for n, address in pages.items()}
    assert rid(waiting) in ids_on(after[3])
    assert "Nieuw antwoord" in after[3]
    for n in (1, 2):
        assert rid(waiting) not in ids_on(after[n])
    for n, html in after.items():
        assert 'Reacties <span class="reactions__count">(9)</span>' in html
        response = Client().get(pages[n], HTTP_IF_NONE_MATCH=before[n]["ETag"])
        assert response.status_code == 200  # nothing stale
    assert Client().get(f"/reacties/{waiting.pk}/")["Location"] == (
        f"{url}?page=3#{rid(waiting)}"
    )


@pytest.mark.parametrize("item_factory", [ArticleFactory, DossierFactory])
def test_first_page_costs_the_same_queries_at_200_and_5000_reactions(
    item_factory, django_assert_num_queries
):
    counts = []
    for size in (200, 5000):
        item = item_factory()
        make_thread(item, size)
        CommentFactory(item=item, status="pending")
        url = item.get_absolute_url()
        with CaptureQueriesContext(connection) as queries:
            html = get(url).content.decode()
        # 200: all forty threads of five; 5,000: the first fifty of them.
        assert html.count('class="reaction"') == min(size, 250)
        assert f'<span class="reactions__count">({size})</span>' in html
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        get(f"{url}?page=20")


def _rows_read(plan: dict) -> int:
    """Rows every node of an EXPLAIN ANALYZE plan produced, loops counted."""
    own = plan.get("Actual Rows", 0) * plan.get("Actual Loops", 1)
    return own + sum(_rows_read(child) for child in plan.get("Plans", []))


def test_a_page_reads_its_own_reactions_not_the_whole_thread(article):
    """Right after a bulk insert (no statistics yet), the page query walked
    every reaction of the item once per reaction: 25 million rows at 5,000.
    It must read about the page's rows, however long the thread."""
    make_thread(article, 2000)  # 400 threads of five; a page shows 50 of them
    with CaptureQueriesContext(connection) as queries:
        get(f"{article.get_absolute_url()}?page=3")
    (sql,) = [q["sql"] for q in queries.captured_queries if "page_roots" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    # The page's 250 reactions, its roots and the roots skipped before it.
    assert _rows_read(plan["Plan"]) < 2000


def test_stored_html_never_goes_stale(article):
    comment = CommentFactory(item=article, name="Ruud", text="Eerste versie")
    assert Comment.objects.get(pk=comment.pk).html_key
    # A write that forgets comments.rendering: the trigger marks it stale,
    # and the page renders it afresh (escaped like everything else).
    Comment.objects.filter(pk=comment.pk).update(text="<b>Tweede</b> versie")
    assert Comment.objects.get(pk=comment.pk).html_key == ""
    html = get(article.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Tweede&lt;/b&gt; versie" in html
    assert "Eerste versie" not in html


@pytest.mark.parametrize(
    ("field", "note"),
    [("edited_at", "bewerkt op"), ("redacted_at", "[ingekort door de redactie]")],
)
def test_stored_html_goes_stale_when_an_edit_or_redaction_date_changes(
    article, field, note
):
    comment = CommentFactory(item=article, text="Tekst")
    Comment.objects.filter(pk=comment.pk).update(**{field: timezone.now()})
    assert Comment.objects.get(pk=comment.pk).html_key == ""
    assert note in get(article.get_absolute_url()).content.decode()


def test_erasure_rerenders_the_stored_html(article):
    comment = CommentFactory(item=article, name="Ruud Klerks", email="r@example.nl")
    services.erase_personal_data(email="r@example.nl", remove_text=True)
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.html_key
    assert "Ruud Klerks" not in stored.html
    assert "Anoniem" in stored.html


def test_render_reactions_command_stores_what_is_stale(article):
    fresh = CommentFactory(item=article, text="Vers")
    stale = CommentFactory(item=article, text="Oud")
    Comment.objects.filter(pk=stale.pk).update(html="", html_key="")
    out = io.StringIO()
    call_command("render_reactions", stdout=out)
    assert out.getvalue().strip() == "1 reacties opnieuw opgeslagen."
    stored = Comment.objects.get(pk=stale.pk)
    assert stored.html_key == Comment.objects.get(pk=fresh.pk).html_key
    assert "<p>Oud</p>" in stored.html
