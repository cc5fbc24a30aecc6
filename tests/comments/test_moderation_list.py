"""The moderation list (issue 25): one row per reaction with its full text and
context, decisions per row without leaving the list, safe against a stale
list, tabs with counts, and "verwerkt in versie n" (issue 28)."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.models import Comment, CommentStatus
from purges.models import Purge
from scripts.forms import form_data
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    DossierFactory,
    EditorFactory,
    make_editor,
)
from tests.html_validation import html_errors

pytestmark = pytest.mark.django_db
LIST = "/admin/comments/comment/"


@pytest.fixture
def moderator():
    client = Client()
    client.force_login(make_editor())
    return client


def open_list(client, query=""):
    response = client.get(f"{LIST}{query}")
    assert response.status_code == 200
    return response.content.decode()


def row_of(html, comment) -> str:
    match = re.search(rf'<tr id="reactie-{comment.pk}".*?</tr>', html, re.S)
    assert match, f"reaction {comment.pk} has a row"
    return match.group(0)


def press(client, html, comment, formaction, **extra):
    """What a browser sends for a row's button: the list's whole form, to
    the button's own address, with the button's name and value."""
    row = row_of(html, comment)
    button = re.search(
        rf'formaction="({re.escape(formaction)})" name="then" value="(\d*)"', row
    )
    assert button, f"the row offers {formaction}"
    data = form_data(html, "changelist-form")
    data["then"] = [button.group(2)]
    for name, value in extra.items():
        data[name] = [value]
    return client.post(button.group(1), data)


def decide_url(comment, slug):
    return reverse("admin:comments_comment_decide", args=[comment.pk, slug])


def test_a_row_shows_the_full_text_the_item_the_reaction_it_answers_and_history():
    client = Client()
    client.force_login(make_editor())
    article = ArticleFactory(title="Sociale innovatie")
    CommentFactory(email="ruud@example.nl", status="approved")
    CommentFactory(email="ruud@example.nl", status="rejected")
    parent = CommentFactory(item=article, name="Fatma", text="Eerste vraag " * 30)
    long_text = "Een lange reactie. " * 40
    reply = CommentFactory(
        parent=parent,
        name="Ruud",
        email="ruud@example.nl",
        text=long_text,
        status="pending",
        spam_reason="",
    )
    held = CommentFactory(status="spam", spam_reason="te veel links (4)")
    html = open_list(client)
    row = row_of(html, reply)
    assert long_text.strip() in row  # whole, not cut
    assert f'href="/reacties/{reply.pk}/"' in row
    assert "Sociale innovatie" in row
    assert "In antwoord op" in row
    assert "<bdi>Fatma</bdi>" in row
    assert "Eerste vraag Eerste vraag" in row
    assert "…</q>" in row
    assert "1 goedgekeurd, 1 afgewezen, 0 spam" in row
    assert "te veel links (4)" in row_of(html, held)


def tabs_of(html):
    return html.split('class="moderation-tabs"', 1)[1].split("</nav>", 1)[0]


def test_tabs_count_each_status_and_mark_the_one_shown(moderator):
    CommentFactory.create_batch(3, status="pending")
    CommentFactory(status="spam")
    CommentFactory(status="approved")
    tabs = tabs_of(open_list(moderator, "?status__exact=spam"))
    assert re.search(r">Alle <span[^>]*>\(5\)", tabs)
    assert re.search(r">Wacht op moderatie <span[^>]*>\(3\)", tabs)
    assert re.search(r">Goedgekeurd <span[^>]*>\(1\)", tabs)
    assert re.search(r'aria-current="page">Spam <span[^>]*>\(1\)', tabs)
    assert re.search(r">Afgewezen <span[^>]*>\(0\)", tabs)


def test_the_waiting_tab_holds_writers_changes_as_the_dashboard_counts_them(
    moderator,
):
    """The first tab is the one rule of what awaits a moderator: a new
    reaction and a writer's change to a published one, the same number the
    dashboard shows, and it lists both."""
    new = CommentFactory(status="pending")
    changed = CommentFactory(status="approved", pending_text="Een betere zin.")
    CommentFactory(status="approved")
    html = open_list(moderator, "?wijziging=wacht")
    assert re.search(
        r'aria-current="page">Wacht op moderatie <span[^>]*>\(2\)', tabs_of(html)
    )
    assert f'id="reactie-{new.pk}"' in html
    assert f'id="reactie-{changed.pk}"' in html
    dashboard = moderator.get(reverse("admin:index")).content.decode()
    assert re.search(
        r'pending-reactions"><a href="[^"]*"><span class="desk-card__number">2<',
        dashboard,
    )


def test_approving_a_row_goes_back_to_the_list_at_the_next_row(moderator):
    first, second = CommentFactory.create_batch(2, status="pending")
    html = open_list(moderator, "?status__exact=pending")
    response = press(moderator, html, first, decide_url(first, "goedkeuren"))
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?status__exact=pending#reactie-{second.pk}"
    first.refresh_from_db()
    assert first.status == CommentStatus.APPROVED
    assert first.moderated_by.first_name == "Christine"
    page = moderator.get(response["Location"]).content.decode()
    assert "De reactie is goedgekeurd." in page
    assert f'id="reactie-{first.pk}"' not in page  # it left the tab


@pytest.mark.parametrize(
    ("slug", "status"), [("afwijzen", "rejected"), ("spam", "spam")]
)
def test_reject_and_spam_from_the_row(moderator, slug, status):
    comment = CommentFactory(status="pending")
    html = open_list(moderator)
    press(moderator, html, comment, decide_url(comment, slug))
    comment.refresh_from_db()
    assert comment.status == status


def test_a_row_that_changed_since_the_list_was_shown_is_refused(moderator):
    comment = CommentFactory(status="pending", text="Eerste versie.")
    html = open_list(moderator)
    # The writer changes it meanwhile (their own edit link).
    Comment.objects.filter(pk=comment.pk).update(text="Nu met een reclamelink.")
    response = press(moderator, html, comment, decide_url(comment, "goedkeuren"))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    page = moderator.get(response["Location"]).content.decode()
    assert "Deze reactie is gewijzigd nadat u haar opende" in page
    assert "Nu met een reclamelink." in page  # the list shows it as it is now


def test_a_bulk_action_leaves_a_row_that_changed_since_the_list_was_shown(
    moderator,
):
    kept, changed = CommentFactory.create_batch(2, status="pending")
    html = open_list(moderator, "?wijziging=wacht")
    # The writer of the second changes it meanwhile (their own edit link).
    Comment.objects.filter(pk=changed.pk).update(text="Nu met een reclamelink.")
    data = form_data(html, "changelist-form")
    data["action"] = ["approve"]
    data["_selected_action"] = [str(kept.pk), str(changed.pk)]
    response = moderator.post(f"{LIST}?wijziging=wacht", data, follow=True)
    page = response.content.decode()
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert kept.status == CommentStatus.APPROVED
    assert changed.status == CommentStatus.PENDING
    assert "1 reactie goedgekeurd." in page
    assert "1 reactie is gewijzigd nadat de lijst werd getoond" in page


def test_without_the_change_permission_no_buttons_and_a_post_is_refused():
    viewer = EditorFactory()
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client = Client()
    client.force_login(viewer)
    comment = CommentFactory(status="pending")
    html = open_list(client)
    row = row_of(html, comment)
    assert "formaction" not in row
    assert "seen-" not in row
    response = client.post(
        decide_url(comment, "goedkeuren"),
        {f"seen-{comment.pk}": services.state_token(comment)},
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_row_is_answered_in_the_list_and_signed_with_the_display_name(moderator):
    comment = CommentFactory(status="pending", name="Ruud")
    html = open_list(moderator)
    url = reverse("admin:comments_comment_answer_row", args=[comment.pk])
    response = press(
        moderator, html, comment, url, **{f"answer-{comment.pk}": "Dank, Ruud!"}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=comment)
    assert reply.text == "Dank, Ruud!"
    assert reply.name == "Christine de Vries, Movisie"
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED  # approved first


def test_an_answer_without_a_display_name_keeps_the_typed_text():
    client = Client()
    client.force_login(make_editor(display_name=None))
    comment = CommentFactory(status="approved")
    html = open_list(client)
    row = row_of(html, comment)
    assert "kies die eerst" in row.lower()
    url = reverse("admin:comments_comment_answer_row", args=[comment.pk])
    data = form_data(html, "changelist-form")
    data[f"answer-{comment.pk}"] = ["Mijn zorgvuldige antwoord."]
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn zorgvuldige antwoord." in page
    assert "Weergavenaam" in page
    assert not Comment.objects.filter(parent=comment).exists()


def test_a_published_reaction_on_a_dossier_is_marked_taken_into_a_version(
    moderator, mailoutbox, django_capture_on_commit_callbacks, settings
):
    # A caching proxy that is down: the purge waits in the queue for it.
    settings.CACHE_PROXY_URLS = ["http://127.0.0.1:9"]
    dossier = DossierFactory(slug="armoede")
    comment = CommentFactory(
        item=dossier,
        email="fatma@example.nl",
        version_number=1,
        notify_replies=True,
        notify_confirmed_at=timezone.now(),
    )
    html = open_list(moderator)
    row = row_of(html, comment)
    assert '<option value="1">versie 1</option>' in row
    url = reverse("admin:comments_comment_incorporate", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = press(
            moderator, html, comment, url, **{f"version-{comment.pk}": "1"}
        )
    comment.refresh_from_db()
    assert comment.incorporated_in == 1
    page = moderator.get(response["Location"]).content.decode()
    assert "Gemarkeerd als verwerkt in versie 1." in page
    assert "Verwerkt in versie 1" in row_of(page, comment)
    assert [m.to for m in mailoutbox if "verwerkt" in m.subject] == [
        ["fatma@example.nl"]
    ]
    # Readers see the badge; a caching proxy is told to drop the thread.
    thread = Client().get("/dossiers/armoede/").content.decode()
    assert "verwerkt in versie 1</a>" in thread
    # The version's own list names it, though it was published before.
    version_page = Client().get("/dossiers/armoede/versies/1/").content.decode()
    assert "in deze versie zijn verwerkt" in version_page
    assert f'<a href="/reacties/{comment.pk}/">' in version_page
    assert Purge.objects.filter(keys__contains=f"reactions-dossier-{dossier.pk}")


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_for_any_number_of_rows(
    moderator, django_assert_num_queries, count
):
    dossier = DossierFactory()
    parents = CommentFactory.create_batch(count, item=dossier)
    for parent in parents:
        CommentFactory(parent=parent, status="pending")
    # Session, user, permissions... the same for both sizes (measured).
    with django_assert_num_queries(QUERIES):
        open_list(moderator)


# What the list page costs, whatever the number of rows: counted once by
# hand (session, user, groups, messages, the count, the page, histories,
# versions, tabs, the filter's and date drill-down's own queries).
QUERIES = 14


def test_a_reactions_page_puts_the_decision_first_and_hides_empty_details(moderator):
    comment = CommentFactory(
        status="pending", name="Ruud <b>", text="Mijn vraag aan de redactie."
    )
    page = moderator.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    # Named for what is done here, not Django's "reactie wijzigen".
    assert "<h1>Reactie van Ruud &lt;b&gt; modereren</h1>" in page
    decision = page.index('id="besluit"')
    assert decision < page.index("<p>Mijn vraag aan de redactie.</p>", decision)
    assert page.index("<p>Mijn vraag aan de redactie.</p>") < page.index(
        'id="comment_form"'
    )
    assert page.index('form="comment_form" name="_approve"') < page.index(
        'id="comment_form"'
    )
    # One button bar: no Django save row under the form.
    assert 'name="_save"' not in page
    assert page.count('class="submit-row') == 1
    # Empty read-only details are left out; what matters stays.
    assert "Ingetrokken door de schrijver" not in page
    assert "Gemodereerd door" not in page
    assert "Notitie van de moderator" in page


def test_the_list_and_a_reactions_page_are_valid_html(moderator):
    """Our own markup in the admin (the rows, the decision): the Nu checker
    finds no errors (Django's admin pages are not in SITE_PAGE_TYPES)."""
    question = CommentFactory(text="Werkt dit ook hier?")
    reply = CommentFactory(parent=question, status="pending", text="Ja.")
    CommentFactory(status="spam", spam_reason="te veel links (4)")
    CommentFactory(item=DossierFactory(), version_number=1)
    documents = {
        "list": open_list(moderator),
        "reaction": moderator.get(
            reverse("admin:comments_comment_change", args=[reply.pk])
        ).content.decode(),
    }
    errors = {
        name: [message["message"] for message in found]
        for name, found in html_errors(documents).items()
        if name in documents
    }
    assert errors == {"list": [], "reaction": []}
