"""A writer withdraws their reaction from the link in the approval mail, or
from the thank-you page while it awaits approval, in a real browser, with and
without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from comments import services
from comments.models import Comment, CommentStatus
from tests.factories import ArticleFactory, CommentFactory, make_editor

from .accessibility import assert_page_problems_free
from .visitor import (
    expect_thanks,
    fill_reaction,
    reaction_form,
    reaction_with_text,
    reactions,
    restore_editors_group,
    send,
)

pytestmark = pytest.mark.django_db(transaction=True)


def withdraw_from_the_mail(page, mailoutbox):
    article = ArticleFactory(title="Buurtteams in de praktijk")
    mine = CommentFactory(
        article=article,
        name="Bert",
        email="bert@example.nl",
        text="Mijn eerste gedachte",
        status=CommentStatus.PENDING,
    )
    restore_editors_group()  # emptied by the previous live-server test
    services.approve(comment=mine, moderator=make_editor())
    CommentFactory(parent=mine, name="Carla", text="Een antwoord aan Bert")
    (mail,) = [m for m in mailoutbox if m.to == ["bert@example.nl"]]
    assert mail.subject == "Uw reactie staat online"
    link = re.search(r"https://www\.example\.nl(/reacties/intrekken/\S+/)", mail.body)

    page.goto(link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw reactie intrekken")
    expect(page.get_by_text("hun antwoorden blijven staan")).to_be_visible()
    assert_page_problems_free(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, trek mijn reactie in").click()
    expect(page.get_by_role("status")).to_contain_text("Uw reactie is ingetrokken")
    assert Comment.objects.get(pk=mine.pk).status == CommentStatus.REJECTED

    page.get_by_role("link", name=re.compile("Terug naar")).click()
    expect(reaction_with_text(page, "Mijn eerste gedachte")).to_have_count(0)
    expect(reactions(page).get_by_text("Deze reactie is verwijderd")).to_be_visible()
    expect(reaction_with_text(page, "Een antwoord aan Bert")).to_be_visible()


def test_writer_withdraws_a_reaction_from_the_mail(page, mailoutbox):
    withdraw_from_the_mail(page, mailoutbox)


def test_writer_withdraws_a_reaction_from_the_mail_without_javascript(
    page_without_js, mailoutbox
):
    withdraw_from_the_mail(page_without_js, mailoutbox)


def withdraw_from_the_thank_you_page(page):
    article = ArticleFactory(title="Buurtteams in de praktijk")
    page.goto(article.get_absolute_url())
    reactions(page).get_by_role("link", name="Schrijf een reactie").click()
    form = reaction_form(page)
    fill_reaction(form, email="els@example.nl", text="Bij nader inzien niet")
    assert send(page, form).status == 200
    expect_thanks(page)
    assert_page_problems_free(page)

    page.get_by_role("link", name="Trek mijn reactie in").click()
    expect(page.get_by_text("wacht op goedkeuring")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, trek mijn reactie in").click()
    expect(page.get_by_role("status")).to_contain_text("zij wordt niet gepubliceerd")
    mine = Comment.objects.get(text="Bij nader inzien niet")
    assert (mine.status, mine.withdrawn_at is not None) == (
        CommentStatus.REJECTED,
        True,
    )


def test_writer_withdraws_a_pending_reaction_from_the_thank_you_page(page):
    withdraw_from_the_thank_you_page(page)


def test_writer_withdraws_a_pending_reaction_without_javascript(page_without_js):
    withdraw_from_the_thank_you_page(page_without_js)
