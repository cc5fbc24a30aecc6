"""Acting in the browser as a reader, a visitor who reacts, and an editor.

Visitors fill only the fields a person sees and fills (name, e-mail address,
text, the answer to the sum); whatever else the form carries (hidden fields,
a honeypot) is left as the page sends it. The sum is read from the visible
label text, the way a visitor reads it.
"""

import importlib
import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import Locator, Page, expect

from tests.factories import PASSWORD, StaffUserFactory, make_editor

from .accessibility import focus_indicator

EDITOR_PASSWORD = PASSWORD  # what tests/factories.py gives every user
SUM = re.compile(r"(\d+)\s*\+\s*(\d+)\s*=")
ANSWER_NAME = re.compile(SUM.pattern)
WAITING = re.compile(r"^\d+ reacties? wacht(en)? op moderatie$")


def reaction_form(page: Page) -> Locator:
    form = page.locator("form.reaction-form")
    expect(form).to_be_visible()
    return form


def answer_box(form: Locator) -> Locator:
    """The answer field, found by its label: the sum, "7 + 5 =" ."""
    return form.get_by_role("textbox", name=ANSWER_NAME)


def read_sum(field: Locator) -> tuple[int, int]:
    """The two terms from the visible text of the field's <label>."""
    label = field.evaluate("el => el.labels.length ? el.labels[0].innerText : ''")
    match = SUM.search(label)
    assert match, f"No sum in the answer field's label: {label!r}"
    return int(match.group(1)), int(match.group(2))


def solve(form: Locator) -> str:
    a, b = read_sum(answer_box(form))
    return str(a + b)


def fill_reaction(
    form: Locator,
    *,
    name="Ruud Jansen",
    email="ruud@example.nl",
    text="Werkt dit ook in een kleine gemeente?",
    answer: str | None = None,
) -> None:
    form.get_by_label("Naam", exact=True).fill(name)
    form.get_by_label("E-mailadres", exact=True).fill(email)
    form.get_by_label("Uw reactie", exact=True).fill(text)
    answer_box(form).fill(solve(form) if answer is None else answer)


def send(page: Page, form: Locator):
    """Click "Reactie versturen"; the response to the post (after redirects)."""
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Reactie versturen").click()
    return navigation.value


def expect_thanks(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw reactie")
    expect(page.get_by_role("status")).to_contain_text(
        "Uw reactie verschijnt op de site zodra de redactie haar heeft goedgekeurd"
    )


def reactions(page: Page) -> Locator:
    return page.locator("section#reacties")


def reaction_with_text(page: Page, text: str) -> Locator:
    return reactions(page).locator("article.reaction").filter(has_text=text)


# Editors -----------------------------------------------------------------


def restore_editors_group() -> None:
    """The "Redactie" group as the migrations create it. Live-server tests
    empty every table after each test, so the group made by the data
    migrations is gone for the next one; the migrations' own functions bring
    it back exactly."""
    from django.apps import apps

    # Models a later migration removed (dossiers 0011: the revision log;
    # comments 0009: the old mail table) are left out of those grants, as the
    # migrations leave the group.
    first = importlib.import_module("core.migrations.0001_redactie_group")

    def grant_existing(app_label, models):
        existing = apps.all_models[app_label]
        first.grant_editor_permissions(
            apps, app_label, {m: a for m, a in models.items() if m in existing}
        )

    for app_label, models in first.PERMISSIONS.items():
        grant_existing(app_label, models)
    spam_privacy = importlib.import_module(
        "comments.migrations.0004_redactie_spam_privacy_permissions"
    )
    grant_existing("comments", spam_privacy.PERMISSIONS)
    pages = importlib.import_module("pages.migrations.0002_seed_pages")
    grant_existing("pages", pages.PERMISSIONS)
    for migration in (
        "authors.migrations.0002_redactie_permissions",
        "comments.migrations.0002_redactie_permissions",
        "dossiers.migrations.0008_authors",
        "dossiers.migrations.0013_redactie_version_permissions",
        "outbox.migrations.0002_redactie_permissions",
        "comments.migrations.0011_moderators_hand",
        "dossiers.migrations.0025_reviewers_group",
        "dossiers.migrations.0023_redactie_pdf_failure_permissions",
    ):
        importlib.import_module(migration).grant(apps, None)


def log_in_editor(page: Page):
    """A member of the "Redactie" group (no superuser) logs in to the admin."""
    restore_editors_group()
    user = make_editor(username="christine")
    page.goto("/admin/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(EDITOR_PASSWORD)
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("Christine")
    return user


def sign_in_editor(page: Page):
    """The same editor as ``log_in_editor``, signed in without the login
    page: Django's own ``force_login`` makes the session, the browser gets
    its cookie. For tests about another admin page (the page types), so a
    busy machine's slow login page (5 s timeouts seen under load) is not in
    their way; the login page itself has its own page type and journeys."""
    restore_editors_group()
    return _sign_in(page, make_editor(username="christine"))


def sign_in_superuser(page: Page):
    """An operator (a superuser, not in the Redactie group), signed in as
    ``sign_in_editor`` signs in: for the pages only they see (the purge
    queue)."""
    user = StaffUserFactory(username="beheerder", first_name="Bram", is_superuser=True)
    return _sign_in(page, user)


def _sign_in(page: Page, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.value,
                "domain": "localhost",
                "path": "/",
                "httpOnly": True,
            }
        ]
    )
    return user


def approve_in_admin(page: Page, text: str) -> None:
    """From the admin home page: follow "1 reactie wacht op moderatie" to the
    queue, tick the reaction with ``text``, apply the "approve" bulk action."""
    page.goto("/admin/")
    page.get_by_role("link", name=WAITING).click()
    row = page.locator("#result_list tbody tr").filter(has_text=text[:30])
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Wacht op moderatie")
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(
        label="Geselecteerde reacties goedkeuren"
    )
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "1 reactie goedgekeurd."
    )
    # The queue shows only what waits; the approved reaction has left it.
    expect(row).to_have_count(0)


# Keyboard ----------------------------------------------------------------


def tab_to(page: Page, matches: str, *, limit: int = 200) -> list[str]:
    """Press Tab until the focused element matches the CSS selector
    ``matches``; every element passed on the way must show its focus.
    Returns the focus stops passed (for messages)."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_indicator(page)
        assert state["outline"] or state["shadow"], (
            f"No visible focus on {state['element']} (after {len(passed)} Tabs)"
        )
        if page.evaluate("s => document.activeElement.matches(s)", matches):
            return passed
        passed.append(state["element"])
    raise AssertionError(f"{limit} Tabs never reached {matches}: {passed[-5:]}")
