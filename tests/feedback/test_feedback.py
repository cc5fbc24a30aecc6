"""Quiet feedback under a dossier: "Was deze informatie nuttig? ja / nee"
with an optional remark, and "Meld nieuw onderzoek" with an optional DOI;
both post to their own address (no cookie on the dossier page), work
without JavaScript, are rate-limited like reactions and store plain text."""

import pytest
from django.test import Client

from comments.models import BlocklistEntry, BlocklistKind
from core import personal_data
from feedback.models import StudySuggestion, Usefulness
from scripts.forms import form_data
from scripts.visitor import solve
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def visitor(address="192.0.2.30") -> Client:
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def fill(client, url, form_class="feedback-form", **values):
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    data = {k: v[0] for k, v in form_data(html, form_class=form_class).items()}
    data.update(answer=solve(html), **values)
    return client.post(url, data)


@pytest.fixture
def dossier():
    return DossierFactory(slug="jeugd", title="Wat werkt bij jeugd")


def test_yes_or_no_from_the_cookie_free_page_then_a_remark(dossier):
    client = visitor()
    page = client.get("/dossiers/jeugd/")
    html = page.content.decode()
    assert "Was deze informatie nuttig?" in html
    assert not page.cookies
    assert "Set-Cookie" not in page.headers
    # The form as the page has it, "nee" pressed: no token, no cookie needed.
    data = {k: v[0] for k, v in form_data(html, form_class="feedback__form").items()}
    response = client.post("/dossiers/jeugd/nuttig/", {**data, "nuttig": "nee"})
    assert response.status_code == 302
    answer = Usefulness.objects.get()
    assert not answer.useful
    assert answer.version_number == 1
    thanks = response["Location"]
    remark = "Ik mis <b>cijfers</b> over 2025."
    response = fill(client, thanks, remark=remark)
    assert response.status_code == 200
    assert "doorgegeven aan de redactie" in response.content.decode()
    answer.refresh_from_db()
    assert answer.remark == remark  # plain text, kept as typed
    # The link does its work once.
    again = client.post(thanks, {"remark": "Nog iets."})
    assert "doorgegeven aan de redactie" in again.content.decode()
    answer.refresh_from_db()
    assert answer.remark == remark


def test_a_filled_trap_or_a_strange_answer_is_not_counted(dossier):
    client = visitor()
    response = client.post("/dossiers/jeugd/nuttig/", {"nuttig": "ja", "website": "x"})
    assert response.status_code == 400
    response = client.post("/dossiers/jeugd/nuttig/", {"nuttig": "misschien"})
    assert response.status_code == 400
    assert not Usefulness.objects.exists()


def test_answers_are_rate_limited_like_reactions(dossier, settings):
    settings.COMMENTS_RATE_LIMIT = 3
    client = visitor()
    codes = [
        client.post("/dossiers/jeugd/nuttig/", {"nuttig": "ja"}).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert Usefulness.objects.count() == 3


def test_report_new_research_with_a_doi(dossier):
    client = visitor()
    html = client.get("/dossiers/jeugd/").content.decode()
    assert 'href="/dossiers/jeugd/onderzoek-melden/"' in html
    response = fill(
        client,
        "/dossiers/jeugd/onderzoek-melden/",
        reference="Jansen, P. (2025). Jongerenwerk werkt. Tijdschrift, 3(2).",
        doi="https://doi.org/10.1234/jw.2025.03",
        email="",
    )
    assert response.status_code == 302
    suggestion = StudySuggestion.objects.get()
    assert suggestion.doi_url == "https://doi.org/10.1234/jw.2025.03"
    assert suggestion.email == ""  # no personal data unless given


@pytest.mark.parametrize("doi", ["10.12/te", "geen doi", "javascript:alert(1)"])
def test_a_doi_field_takes_only_a_dois_syntax(dossier, doi):
    response = fill(
        visitor(),
        "/dossiers/jeugd/onderzoek-melden/",
        reference="Een studie.",
        doi=doi,
    )
    assert response.status_code == 400
    assert "Dit is geen DOI" in response.content.decode()
    assert not StudySuggestion.objects.exists()


def test_a_wrong_answer_stores_no_study(dossier):
    client = visitor()
    page = client.get("/dossiers/jeugd/onderzoek-melden/").content.decode()
    data = {k: v[0] for k, v in form_data(page, form_class="feedback-form").items()}
    data.update(reference="Een studie.", answer="999")
    response = client.post("/dossiers/jeugd/onderzoek-melden/", data)
    assert response.status_code == 400
    assert "Een studie." in response.content.decode()  # the text given back
    assert not StudySuggestion.objects.exists()


def test_a_blocklisted_study_is_thanked_and_not_stored(dossier):
    BlocklistEntry.objects.create(kind=BlocklistKind.WORD, value="casino")
    response = fill(
        visitor(), "/dossiers/jeugd/onderzoek-melden/", reference="Beste casino!"
    )
    assert response.status_code == 302
    assert not StudySuggestion.objects.exists()


def test_a_readers_address_is_exported_and_erased(dossier):
    fill(
        visitor(),
        "/dossiers/jeugd/onderzoek-melden/",
        reference="Een studie.",
        email="lezer@example.nl",
    )
    assert personal_data.export("lezer@example.nl")["onderzoek"][0]["reference"] == (
        "Een studie."
    )
    personal_data.erase("lezer@example.nl")
    assert StudySuggestion.objects.get().email == ""
