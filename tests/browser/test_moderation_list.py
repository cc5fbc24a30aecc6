"""The moderation list in a real browser (issue 25): a row approved and
answered without leaving the list, with and without JavaScript; the bulk
action's message; the keyboard shortcuts; a phone's width."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, CommentStatus
from tests.factories import ArticleFactory, CommentFactory

from .visitor import log_in_editor

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = "/admin/comments/comment/?status__exact=pending"


def waiting(count=2):
    article = ArticleFactory(title="Meedoen met weinig geld")
    return [
        CommentFactory(
            item=article,
            name=name,
            text=f"{name} vraagt of dit ook in een kleine gemeente werkt.",
            status="pending",
        )
        for name in ["Ruud Jansen", "Fatma Yilmaz", "Karel Visser"][:count]
    ]


def row(page, comment):
    return page.locator(f"#reactie-{comment.pk}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_row_is_approved_and_another_answered_in_the_list(
    page, page_without_js, javascript
):
    browser_page = page if javascript else page_without_js
    first, second = waiting()
    log_in_editor(browser_page)
    browser_page.goto(QUEUE)

    row(browser_page, first).get_by_role("button", name="Goedkeuren").click()
    expect(browser_page.locator(".messagelist .success")).to_contain_text(
        "De reactie is goedgekeurd."
    )
    expect(row(browser_page, first)).to_have_count(0)  # it left the tab
    assert Comment.objects.get(pk=first.pk).status == CommentStatus.APPROVED

    answer = row(browser_page, second)
    answer.get_by_text("Beantwoorden").click()
    answer.get_by_label("Antwoord van de redactie").fill("Ja, zie paragraaf 3.")
    answer.get_by_role("button", name="Antwoord publiceren").click()
    expect(browser_page.locator(".messagelist .success")).to_contain_text(
        "Uw antwoord staat op de site."
    )
    reply = Comment.objects.get(parent=second)
    assert reply.text == "Ja, zie paragraaf 3."
    assert reply.name == "Christine de Vries, Movisie"


def test_a_bulk_action_says_how_many_in_dutch(page):
    comments = waiting(3)
    log_in_editor(page)
    page.goto(QUEUE)
    for comment in comments[:2]:
        row(page, comment).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(
        label="Geselecteerde reacties afwijzen"
    )
    page.locator("button[name=index]").click()
    messages = page.locator(".messagelist")
    expect(messages).to_have_text("2 reacties afgewezen.")
    expect(row(page, comments[2])).to_be_visible()


def test_keyboard_shortcuts_move_approve_and_open_the_answer(page):
    first, second, third = waiting(3)
    log_in_editor(page)
    page.goto(QUEUE)
    expect(page.get_by_text("Sneltoetsen")).to_be_visible()
    page.keyboard.press("j")
    expect(row(page, first)).to_be_focused()
    page.keyboard.press("j")
    expect(row(page, second)).to_be_focused()
    page.keyboard.press("a")
    expect(page.locator(".messagelist .success")).to_contain_text("goedgekeurd")
    assert Comment.objects.get(pk=second.pk).status == CommentStatus.APPROVED
    assert Comment.objects.get(pk=first.pk).status == CommentStatus.PENDING
    # Back at the row after the approved one.
    page.keyboard.press("r")
    expect(row(page, third).get_by_label("Antwoord van de redactie")).to_be_focused()
    # Typing in the answer is typing, not a shortcut.
    page.keyboard.type("sad")
    assert Comment.objects.get(pk=third.pk).status == CommentStatus.PENDING


def test_the_list_fits_a_phone_without_sideways_scrolling(page):
    waiting(3)
    CommentFactory(
        name="Lange Naam " * 4,
        text="Eenheelerglangwoordzonderspaties" * 6,
        status="pending",
    )
    page.set_viewport_size({"width": 375, "height": 800})
    log_in_editor(page)
    page.goto(QUEUE)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    button = page.locator(".moderation-row").first.get_by_role(
        "button", name="Goedkeuren"
    )
    box = button.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 375
