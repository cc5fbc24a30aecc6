"""'Verwerkt in versie n': an editor marks reactions as taken into the
version being published; the reaction shows the badge with a link, the
version's page and its "Wat is er nieuw" name the reaction, and a writer
who asked for mail gets exactly one."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from comments import incorporation
from comments.models import Comment
from scripts.forms import form_data
from tests.factories import CommentFactory, DossierFactory, EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return DossierFactory(slug="armoede", title="Wat werkt bij armoede")


def publish_in_admin(dossier, reactions, run):
    editor = Client()
    editor.force_login(EditorFactory())
    change = f"/admin/dossiers/dossier/{dossier.pk}/change/"
    page = editor.get(change).content.decode()
    # The publish form offers the dossier's published reactions.
    for reaction in reactions:
        assert f'value="{reaction.pk}"' in page
    data = form_data(page, "dossier_form")
    data.update(
        definition=["<p>Herschreven na reacties van lezers.</p>"],
        version_note=["Definitie herschreven."],
        whats_new=["Definitie herschreven na reacties"],
        substantive=["on"],
        incorporated_reactions=[str(reaction.pk) for reaction in reactions],
        _publish=["Publiceren"],
    )
    response = run(editor.post, change, data, follow=True)
    assert "Versie 2 is gepubliceerd" in response.content.decode()


def test_a_reaction_taken_into_a_version_shows_the_badge_and_mails_its_writer_once(
    client, dossier, mailoutbox, django_capture_on_commit_callbacks, settings
):
    # About the reactions a version took in, not the review round before
    # publishing (tests/dossiers/test_admin_versions.py).
    settings.DOSSIER_PUBLISH_NEEDS_APPROVAL = False

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    asked = CommentFactory(
        item=dossier,
        name="Fatma Yilmaz",
        email="fatma@example.nl",
        version_number=1,
        notify_replies=True,
        notify_confirmed_at=timezone.now(),
    )
    silent = CommentFactory(item=dossier, name="Ruud Jansen", version_number=1)
    publish_in_admin(dossier, [asked, silent], run)

    assert set(Comment.objects.values_list("incorporated_in", flat=True)) == {2}
    html = client.get("/dossiers/armoede/").content.decode()
    for reaction in (asked, silent):
        article = re.search(
            rf'id="reactie-{reaction.pk}".*?</article>', html, re.S
        ).group(0)
        assert (
            '<a class="badge badge--done" href="/dossiers/armoede/versies/2/">'
            "verwerkt in versie 2</a>"
        ) in article
    status = html.split('id="actualiteit"', 1)[1].split("</div>", 1)[0]
    assert "Reacties van lezers die in deze versie zijn verwerkt:" in status
    assert f'<a href="/reacties/{asked.pk}/"><bdi>Fatma Yilmaz</bdi></a>' in status
    version_page = client.get("/dossiers/armoede/versies/2/").content.decode()
    assert "<bdi>Ruud Jansen</bdi>" in version_page

    (mail,) = [m for m in mailoutbox if "verwerkt" in m.subject]
    assert mail.to == ["fatma@example.nl"]
    assert "/dossiers/armoede/versies/2/" in mail.body
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Marked again (another version, a retry): no second mail.
    run(
        incorporation.mark_incorporated,
        dossier.versions.get(number=2),
        reactions=[asked.pk],
    )
    assert len([m for m in mailoutbox if "verwerkt" in m.subject]) == 1


def test_a_version_that_took_no_reactions_names_none(client, dossier):
    CommentFactory(item=dossier, name="Ruud Jansen")
    html = client.get("/dossiers/armoede/").content.decode()
    assert "verwerkt in versie" not in html
    assert "in deze versie zijn verwerkt" not in html
