"""A version credits the authors and contact persons who were credited when
it was published: its page, its JSON-LD and the diff read them from the
version's snapshot, and loading an old version brings them back."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dossiers.models import DossierAuthor, DossierContact
from dossiers.services import revert_dossier
from tests.factories import AuthorFactory, DossierFactory, publish

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def credited(html, label):
    """The names after <dt>label</dt>, as the dossier header shows them."""
    found = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", html, re.S)
    return re.findall(r">([^<]+)</a>", found.group(1)) if found else []


def json_ld_authors(html):
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    graph = json.loads(script.group(1))["@graph"]
    work = next(item for item in graph if item["@type"] == "CreativeWork")
    return [person["name"] for person in work["author"]]


@pytest.fixture
def people():
    return {
        name: AuthorFactory(name=name, slug=name.lower().replace(" ", "-"))
        for name in ("Sanne Verbeek", "Piet de Vries", "Fatma Yilmaz")
    }


@pytest.fixture
def dossier(people):
    """Version 1 by Sanne (also the contact); version 2 by Piet and Sanne,
    with Fatma as contact; in the draft, Fatma alone."""
    sanne, piet, fatma = people.values()
    dossier = DossierFactory(
        slug="armoede",
        published_at=days_ago(20),
        authors=[sanne],
        contacts=[sanne],
    )
    DossierAuthor.objects.filter(dossier=dossier).delete()
    DossierAuthor.objects.create(dossier=dossier, author=piet, position=1)
    DossierAuthor.objects.create(dossier=dossier, author=sanne, position=2)
    DossierContact.objects.filter(dossier=dossier).update(author=fatma)
    publish(dossier, note="Piet schreef mee.", at=days_ago(10))
    DossierAuthor.objects.filter(dossier=dossier).delete()
    DossierAuthor.objects.create(dossier=dossier, author=fatma)
    return dossier


def test_each_version_credits_who_was_credited_then(client, dossier):
    first = page(client, "/dossiers/armoede/versies/1/")
    assert credited(first, "Auteur") == ["Sanne Verbeek"]
    assert credited(first, "Contactpersoon") == ["Sanne Verbeek"]
    current = page(client, "/dossiers/armoede/")
    assert credited(current, "Auteurs") == ["Piet de Vries", "Sanne Verbeek"]
    assert credited(current, "Contactpersoon") == ["Fatma Yilmaz"]
    # The names link to the profiles as they were then.
    assert 'href="/auteurs/sanne-verbeek/"' in first


def test_json_ld_names_the_authors_of_the_version_shown(client, dossier):
    current = page(client, "/dossiers/armoede/")
    # The draft credits Fatma alone: search engines read the published version.
    assert json_ld_authors(current) == ["Piet de Vries", "Sanne Verbeek"]


def test_a_version_page_costs_the_same_queries_with_one_or_three_authors(
    client, people
):
    def queries(authors):
        dossier = DossierFactory(authors=authors, contacts=authors)
        with CaptureQueriesContext(connection) as captured:
            html = page(client, f"{dossier.get_absolute_url()}versies/1/")
        assert credited(html, "Auteurs" if len(authors) > 1 else "Auteur") == [
            a.name for a in authors
        ]
        return len(captured)

    sanne, piet, fatma = people.values()
    assert queries([sanne]) == queries([piet, fatma, sanne])


def test_the_diff_shows_a_change_of_authors(client, dossier):
    html = page(client, "/dossiers/armoede/versies/1...2/")
    header = html.split('id="verschil-algemeen"', 1)[1].split("</section>")[0]
    assert re.search(r"<ins><span[^>]*>\[ingevoegd:\] </span>Piet", header)
    assert "Fatma" in header


def test_loading_an_old_version_brings_back_its_credits(dossier, people):
    revert_dossier(dossier=dossier, version=dossier.versions.get(number=1))
    assert [a.name for a in dossier.credited_authors] == ["Sanne Verbeek"]
    assert [a.name for a in dossier.contact_persons] == ["Sanne Verbeek"]
    # An author deleted since is left out, the others stay in order.
    revert_dossier(dossier=dossier, version=dossier.versions.get(number=2))
    DossierAuthor.objects.filter(author=people["Piet de Vries"]).delete()
    people["Piet de Vries"].delete()
    revert_dossier(dossier=dossier, version=dossier.versions.get(number=2))
    assert [a.name for a in dossier.credited_authors] == ["Sanne Verbeek"]
