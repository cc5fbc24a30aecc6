"""The honeypot as people meet it: not seen, not reached with Tab, not read
out; and a person (without JavaScript) still gets a reaction through."""

import re

from playwright.sync_api import expect

from comments.models import Comment, CommentStatus, reply_url
from tests.factories import ArticleFactory


def test_honeypot_is_out_of_sight_out_of_reach_and_not_read_out(page):
    article = ArticleFactory()
    page.goto(reply_url(article))
    trap = page.locator("#veld-website")
    box = trap.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 0, box  # off-screen to the left
    # Not in the accessibility tree: no textbox with the trap's label.
    expect(page.get_by_role("textbox", name=re.compile("leeg"))).to_have_count(0)
    expect(page.get_by_role("textbox", name="Naam")).to_have_count(1)
    # Tab from the top of the form to the button never lands on it.
    page.locator("#veld-name").focus()
    focused = []
    for _step in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id"))
    assert "veld-website" not in focused
    assert "veld-notify_replies" in focused


def test_person_without_javascript_posts_and_subscribes(page_without_js):
    page = page_without_js
    article = ArticleFactory()
    page.goto(reply_url(article))
    page.get_by_label("Naam").fill("Ruud")
    page.get_by_label("E-mailadres").fill("ruud@example.nl")
    page.get_by_label("Stuur mij een e-mail als iemand reageert").check()
    page.get_by_label("Uw reactie").fill("Een vraag uit de browser")
    question = page.locator(".question").inner_text()
    first, second = (int(n) for n in re.findall(r"\d+", question))
    page.locator("#veld-answer").fill(str(first + second))
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw reactie")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.notify_replies is True
    assert comment.text == "Een vraag uit de browser"
