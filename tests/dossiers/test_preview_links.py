# ruff: noqa: RUF001 -- Dutch text uses typographic quotes and dashes on purpose.
"""Preview links for an outside expert: the draft without an account."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from dossiers import services
from dossiers.preview_links import url_for
from tests.factories import DossierFactory, EditorFactory

pytestmark = pytest.mark.django_db


def make_link(dossier, **kwargs):
    return services.make_preview_link(
        dossier=dossier, user=EditorFactory(), for_whom="Prof. A. de Vries", **kwargs
    )


def test_an_expert_reads_the_draft_marked_as_such_without_cookies(client):
    dossier = DossierFactory(summary="Gepubliceerd.")
    dossier.summary = "Nog in concept."
    dossier.save()
    response = client.get(url_for(make_link(dossier)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "CONCEPT – niet citeren" in html
    assert "Nog in concept." in html
    assert '<meta name="robots" content="noindex">' in html
    assert response.headers["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response.headers["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie
    assert "csrfmiddlewaretoken" not in html  # no reactions form
    # A reader page's policy: no nonce, nothing inline, nothing third-party.
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe" not in csp


def test_a_revoked_or_expired_link_is_gone(client):
    dossier = DossierFactory()
    link = make_link(dossier)
    url = url_for(link)
    services.revoke_preview_link(link=link)
    assert client.get(url).status_code == 404
    expired = make_link(dossier)
    expired.expires_at = timezone.now() - dt.timedelta(minutes=1)
    expired.save()
    assert client.get(url_for(expired)).status_code == 404


def test_a_link_shows_only_its_own_dossier_and_cannot_be_forged(client):
    mine, other = DossierFactory(), DossierFactory()
    other.summary = "Geheim concept van een ander dossier."
    other.save()
    url = url_for(make_link(mine))
    html = client.get(url).content.decode()
    assert "Geheim concept" not in html
    # Another id with the same signature part, or a made-up token: 404.
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = f"{other.pk}:" + token.split(":", 1)[1]
    assert client.get(f"/dossiers/concept/{forged}/").status_code == 404
    assert client.get("/dossiers/concept/onzin/").status_code == 404


def test_an_editor_makes_and_revokes_a_link_in_the_admin():
    dossier = DossierFactory()
    editor = Client()
    editor.force_login(EditorFactory())
    page = f"/admin/dossiers/dossier/{dossier.pk}/voorbeeldlinks/"
    made = {"for_whom": "Dr. B. Bakker", "days": "7"}
    response = editor.post(page, made, follow=True)
    html = response.content.decode()
    assert "De voorbeeldlink voor Dr. B. Bakker is gemaakt" in html
    link = dossier.preview_links.get()
    # The link as the page shows it: its signature carries the second it was
    # made (url_for a second later differs), so the test follows that one.
    shown = re.search(r'/dossiers/concept/[^"<\s]+/', html).group(0)
    assert shown.split(":")[0] == url_for(link).split(":")[0]  # the same link
    assert Client().get(shown).status_code == 200
    assert 6 <= (link.expires_at - timezone.now()).days <= 7
    revoke = f"{page}{link.pk}/intrekken/"
    assert editor.get(revoke).status_code == 405  # a POST, with CSRF
    html = editor.post(revoke, follow=True).content.decode()
    assert "werkt niet meer" in html
    assert Client().get(shown).status_code == 404
