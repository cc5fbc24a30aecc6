"""Reactions that know their version: a reaction on a dossier records the
version it was written on and, from "Reageer op deze paragraaf", the section;
once a later version changes that section the thread says so, with a link to
the comparison of that section. Reactions on unchanged sections show
nothing extra, and the thread keeps its fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments import services
from comments.models import Comment
from scripts.forms import form_data
from scripts.visitor import solve
from tests.comments.helpers import visitor
from tests.factories import CommentFactory, DossierFactory, EditorFactory, publish

pytestmark = pytest.mark.django_db

CHANGED = "deze paragraaf is sindsdien gewijzigd"


@pytest.fixture
def dossier():
    return DossierFactory(
        slug="schulden",
        title="Wat werkt bij schulden",
        policy="<p>Gemeenten bieden schuldhulp.</p>",
        trends="<p>Meer jongeren met schulden.</p>",
    )


def post_on_section(client, dossier, anchor):
    url = f"/reacties/dossier/{dossier.pk}/reageer/?paragraaf={anchor}"
    page = client.get(url)
    html = page.content.decode()
    data = {k: v[0] for k, v in form_data(html, form_class="reaction-form").items()}
    data.update(
        answer=solve(html),
        name="Ruud",
        email="ruud@example.nl",
        text="Geldt dit ook voor kleine gemeenten?",
    )
    return page, client.post(f"/reacties/dossier/{dossier.pk}/reageer/", data)


def reaction_html(client, dossier, comment) -> str:
    html = client.get(dossier.get_absolute_url()).content.decode()
    found = re.search(
        rf'<article class="reaction[^"]*" id="reactie-{comment.pk}".*?</article>',
        html,
        re.S,
    )
    assert found, html
    return found.group(0)


def test_the_dossier_page_offers_to_react_to_each_section(client, dossier):
    html = client.get(dossier.get_absolute_url()).content.decode()
    links = re.findall(
        r'href="(/reacties/dossier/\d+/reageer/\?paragraaf=[^"]+)"', html
    )
    assert f"/reacties/dossier/{dossier.pk}/reageer/?paragraaf=beleid" in links
    assert f"/reacties/dossier/{dossier.pk}/reageer/?paragraaf=trends" in links


def test_a_reaction_on_a_section_shows_when_a_later_version_changed_it(client, dossier):
    page, response = post_on_section(visitor(), dossier, "beleid")
    assert "U reageert op de paragraaf \u2018Beleid\u2019." in page.content.decode()
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.version_number, comment.section) == (1, "beleid")
    services.approve(comment=comment, moderator=EditorFactory())

    # Version 2 changes another section: nothing extra.
    dossier.trends = "<p>Steeds meer jongeren met schulden.</p>"
    dossier.save()
    publish(dossier)
    assert CHANGED not in reaction_html(client, dossier, comment)

    # Version 3 changes the section the reaction is about.
    dossier.policy = "<p>Gemeenten moeten schuldhulp bieden.</p>"
    dossier.save()
    publish(dossier)
    shown = reaction_html(client, dossier, comment)
    assert "geschreven bij versie 1 · " in shown
    link = re.search(rf'<a href="([^"]+)">{CHANGED}</a>', shown).group(1)
    assert link == "/dossiers/schulden/versies/1...3/#verschil-beleid"
    diff = client.get(link).content.decode()
    assert 'id="verschil-beleid"' in diff


def test_a_reaction_on_the_whole_dossier_shows_nothing_extra(client, dossier):
    comment = CommentFactory(item=dossier)
    assert comment.section == ""
    dossier.policy = "<p>Anders.</p>"
    dossier.save()
    publish(dossier)
    assert "geschreven bij versie" not in reaction_html(client, dossier, comment)


def test_an_unknown_section_is_not_stored(dossier):
    _page, response = post_on_section(visitor(), dossier, "bestaat-niet")
    assert response.status_code == 302
    assert Comment.objects.get().section == ""


def test_the_thread_costs_the_same_queries_with_more_reactions_on_sections(
    client, dossier
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(dossier.get_absolute_url()).status_code == 200
        return len(captured)

    def react(n):
        for _ in range(n):
            comment = CommentFactory(item=dossier)
            Comment.objects.filter(pk=comment.pk).update(
                version_number=1, section="beleid"
            )

    react(1)
    dossier.policy = "<p>Anders.</p>"
    dossier.save()
    publish(dossier)
    few = queries()
    react(20)
    many = queries()
    assert many == few
