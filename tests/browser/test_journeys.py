"""What readers, visitors and editors do on the site, click by click, in a
real browser against the live server on PostgreSQL with the demo content.

Each journey moves by clicking links and buttons (or, for the keyboard
journey, by keys alone); ``page.goto`` only opens the first page.
"""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment, CommentStatus
from tests.page_types import demo_article, demo_site

from .accessibility import assert_page_problems_free, focus_indicator
from .visitor import (
    answer_box,
    approve_in_admin,
    expect_thanks,
    fill_reaction,
    log_in_editor,
    reaction_form,
    reaction_with_text,
    reactions,
    send,
    solve,
    tab_to,
)

pytestmark = pytest.mark.django_db(transaction=True)


def quoted(text: str) -> str:
    """Between Dutch single quotation marks, as the site quotes titles."""
    return f"\u2018{text}\u2019"


DOSSIER_TITLE = "Wat werkt bij sociale innovatie"
ARTICLE_TITLE = quoted(
    "Sociale innovatie werkt het best in een krachtig sociaal ecosysteem"
)


def h1(page):
    return page.get_by_role("heading", level=1)


def open_article(page):
    page.goto(demo_article().get_absolute_url())
    expect(h1(page)).to_have_text(ARTICLE_TITLE)


def start_reaction(page):
    """Follow "Schrijf een reactie" under the article."""
    reactions(page).get_by_role("link", name="Schrijf een reactie").click()
    return reaction_form(page)


def test_reader_goes_from_home_through_theme_and_dossier_to_an_article_and_back(
    page,
):
    demo_site()
    page.goto("/")
    page.get_by_role("region", name="Thema's").get_by_role(
        "link", name="Sociale innovatie"
    ).click()
    expect(h1(page)).to_have_text("Sociale innovatie")
    expect(page).to_have_url(re.compile(r"/themas/sociale-innovatie/$"))

    page.get_by_role("region", name="Dossiers").get_by_role(
        "link", name=DOSSIER_TITLE
    ).click()
    expect(h1(page)).to_have_text(DOSSIER_TITLE)

    # The table of contents leads to each section: the URL gets its anchor
    # and the section's heading scrolls into view.
    toc = page.get_by_role("navigation", name="Inhoud")
    links = toc.get_by_role("link")
    expect(links).not_to_have_count(0)
    for link in [links.nth(2), links.last]:
        anchor = link.get_attribute("href")
        heading_text = link.inner_text()
        heading = page.locator(f"{anchor} h2").first
        expect(heading).not_to_be_in_viewport()
        link.click()
        expect(page).to_have_url(re.compile(re.escape(anchor) + "$"))
        expect(heading).to_have_text(heading_text)
        expect(heading).to_be_in_viewport()

    first = (
        page.get_by_role("region", name="Artikelen in dit dossier")
        .get_by_role("listitem")
        .first.get_by_role("link")
    )
    title = first.inner_text()
    first.click()
    expect(h1(page)).to_have_text(title)

    page.get_by_role(
        "link", name="Terug naar het dossier " + quoted(DOSSIER_TITLE)
    ).click()
    expect(h1(page)).to_have_text(DOSSIER_TITLE)
    assert_page_problems_free(page)


def test_visitor_reacts_to_an_article_and_is_told_it_awaits_moderation(page):
    text = "Werkt een sociaal ecosysteem ook in een dorp zonder wijkcentrum?"
    open_article(page)
    form = start_reaction(page)
    # With JavaScript the form opens in place, under the article.
    expect(h1(page)).to_have_text(ARTICLE_TITLE)
    expect(form.get_by_label("Naam", exact=True)).to_be_focused()
    fill_reaction(form, text=text)
    response = send(page, form)

    assert response.status == 200
    expect_thanks(page)
    page.get_by_role("link", name="Terug naar " + ARTICLE_TITLE).click()
    expect(h1(page)).to_have_text(ARTICLE_TITLE)
    expect(reactions(page)).not_to_contain_text(text)
    assert Comment.objects.get(text=text).status == CommentStatus.PENDING
    assert_page_problems_free(page)


def test_wrong_answer_keeps_the_text_and_asks_a_new_question(page):
    text = "Welke rol speelt de gemeente als er geen geld meer is?"
    open_article(page)
    form = start_reaction(page)
    fill_reaction(form, text=text)
    wrong = str(int(solve(form)) + 1)
    answer_box(form).fill(wrong)
    first_key = form.locator("input[name=question_key]").input_value()
    response = send(page, form)

    assert response.status == 400
    form = reaction_form(page)
    summary = page.locator(".form-errors")
    expect(summary).to_contain_text(
        "Uw reactie is nog niet verstuurd. Controleer het volgende:"
    )
    expect(summary).to_contain_text(
        "Dat antwoord klopt niet. Probeer de nieuwe rekenvraag."
    )
    expect(summary).to_be_focused()
    expect(form.get_by_label("Naam", exact=True)).to_have_value("Ruud Jansen")
    expect(form.get_by_label("E-mailadres", exact=True)).to_have_value(
        "ruud@example.nl"
    )
    expect(form.get_by_label("Uw reactie", exact=True)).to_have_value(text)
    expect(answer_box(form)).to_have_value("")
    assert form.locator("input[name=question_key]").input_value() != first_key

    answer_box(form).fill(solve(form))
    response = send(page, form)
    assert response.status == 200
    expect_thanks(page)
    assert Comment.objects.filter(text=text, status=CommentStatus.PENDING).count() == 1


def test_editor_approves_a_reaction_and_a_reply_appears_indented_under_it(
    page, browser, live_server
):
    question = "Wie neemt het initiatief als bewoners en gemeente elkaar niet kennen?"
    reply = "Bij ons begon het met een buurtbudget dat bewoners zelf verdeelden."
    open_article(page)
    fill_reaction(start_reaction(page), text=question)
    send(page, page.locator("form.reaction-form"))
    expect_thanks(page)

    editor_context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    editor_context.set_default_timeout(5_000)
    try:
        editor = editor_context.new_page()
        log_in_editor(editor)
        approve_in_admin(editor, question)

        # The reader reloads the article and finds the reaction.
        open_article(page)
        posted = reaction_with_text(page, question)
        expect(posted).to_be_visible()
        expect(posted).to_contain_text("Ruud Jansen")

        # The visitor replies to it ("Reageer").
        posted.get_by_role("link", name="Reageer op Ruud Jansen").click()
        form = reaction_form(page)
        expect(form).to_contain_text("U reageert op Ruud Jansen:")
        fill_reaction(form, name="Fatma Yilmaz", email="fatma@example.nl", text=reply)
        send(page, form)
        expect_thanks(page)
        open_article(page)
        expect(reaction_with_text(page, reply)).to_have_count(0)

        approve_in_admin(editor, reply)
    finally:
        editor_context.close()

    page.reload()
    answer = reaction_with_text(page, reply)
    expect(answer).to_contain_text("Fatma Yilmaz")
    parent = reaction_with_text(page, question).first
    # In the DOM: the reply's list item sits in a replies list inside the
    # list item of the reaction it answers.
    nested = answer.evaluate(
        """(el, parentId) => {
          const list = el.closest('li').parentElement;
          return list.matches('ol.reactions__replies')
            && list.closest('li').querySelector(':scope > article').id === parentId;
        }""",
        parent.get_attribute("id"),
    )
    assert nested, "The reply is not nested under the reaction it answers"
    # On screen: indented.
    indent = answer.bounding_box()["x"] - parent.bounding_box()["x"]
    assert indent >= 16, f"The reply is indented only {indent}px"
    assert_page_problems_free(page)


def test_visitor_without_javascript_reacts_on_the_reaction_page(page_without_js):
    page = page_without_js
    text = "Zijn er voorbeelden van sociale innovatie buiten de grote steden?"
    open_article(page)
    start_reaction(page)
    # Without JavaScript the link leads to a page of its own.
    expect(page).to_have_url(re.compile(r"/reacties/artikel/\d+/reageer/$"))
    expect(h1(page)).to_have_text("Reageer op dit artikel")
    form = reaction_form(page)

    fill_reaction(form, text=text, answer="0")
    assert send(page, form).status == 400
    form = reaction_form(page)
    expect(page.locator(".form-errors")).to_contain_text("Dat antwoord klopt niet")
    expect(form.get_by_label("Uw reactie", exact=True)).to_have_value(text)

    answer_box(form).fill(solve(form))
    assert send(page, form).status == 200
    expect_thanks(page)
    page.get_by_role("link", name="Terug naar " + ARTICLE_TITLE).click()
    expect(reactions(page)).not_to_contain_text(text)
    assert Comment.objects.get(text=text).status == CommentStatus.PENDING


def test_keyboard_user_reaches_fills_and_sends_the_reaction_form(page):
    text = "Hoe houd je een initiatief overeind als de trekker vertrekt?"
    open_article(page)

    tab_to(page, "a.reactions__start")
    page.keyboard.press("Enter")
    form = reaction_form(page)
    name = form.get_by_label("Naam", exact=True)
    expect(name).to_be_focused()  # the script moves focus into the form
    state = focus_indicator(page)
    assert state["outline"] or state["shadow"], f"No visible focus: {state}"
    page.keyboard.type("Ruud Jansen")

    tab_to(page, "#veld-email", limit=5)
    page.keyboard.type("ruud@example.nl")
    tab_to(page, "#veld-text", limit=5)
    page.keyboard.type(text)
    tab_to(page, "#veld-answer", limit=5)
    page.keyboard.type(solve(form))
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")

    assert navigation.value.status == 200
    expect_thanks(page)
    assert Comment.objects.get(text=text).name == "Ruud Jansen"
    assert_page_problems_free(page)
