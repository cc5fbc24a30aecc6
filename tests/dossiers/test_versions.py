"""Living dossiers: drafts, numbered public versions, what changed, revert."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dossiers.models import DossierVersion
from dossiers.services import (
    carry_over_revision_log,
    discard_draft,
    publish_dossier,
    revert_dossier,
)
from tests.factories import (
    CommentFactory,
    DossierFactory,
    EditorFactory,
    EffectiveElementFactory,
    ReferenceFactory,
    publish,
)

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def dossier():
    """Version 1 forty days ago, version 2 (with an element) ten days ago."""
    dossier = DossierFactory(
        title="Wat werkt bij armoede",
        slug="armoede",
        published_at=days_ago(40),
        definition="<p>Armoede is een tekort aan middelen.</p>",
        policy="<p>Gemeenten voeren beleid.</p>",
    )
    dossier.definition = "<p>Armoede is een structureel tekort aan middelen.</p>"
    dossier.save()
    EffectiveElementFactory(dossier=dossier, title="Schulden vroeg signaleren")
    publish(dossier, note="Definitie aangescherpt.", at=days_ago(10))
    return dossier


def test_a_saved_draft_changes_nothing_for_readers(client, dossier):
    dossier.definition = "<p>Een zin die alleen in het concept staat.</p>"
    dossier.title = "Conceptitel"
    dossier.save()
    EffectiveElementFactory(dossier=dossier, title="Nieuw conceptelement")
    body = page(client, "/dossiers/armoede/")
    assert "Wat werkt bij armoede" in body
    assert "structureel tekort" in body
    assert "Schulden vroeg signaleren" in body
    assert "alleen in het concept" not in body
    assert "Conceptitel" not in body
    assert "Nieuw conceptelement" not in body


def test_staff_preview_shows_the_draft_with_the_voorbeeld_banner(client, dossier):
    dossier.definition = "<p>Een zin die alleen in het concept staat.</p>"
    dossier.save()
    assert client.get("/dossiers/armoede/voorbeeld/").status_code == 404
    client.force_login(EditorFactory())
    body = page(client, "/dossiers/armoede/voorbeeld/")
    assert "alleen in het concept" in body
    assert "Voorbeeld" in body
    assert "lezers zien nog de gepubliceerde versie" in body
    # The dossier page itself shows staff what readers see.
    assert "alleen in het concept" not in page(client, "/dossiers/armoede/")


def test_dossier_page_says_which_version_and_links_to_the_versions(client, dossier):
    body = page(client, "/dossiers/armoede/")
    date = timezone.localdate(days_ago(10))
    assert re.search(
        r'<a href="/dossiers/armoede/versies/">versie 2, bijgewerkt op '
        rf'<time datetime="{date.isoformat()}">[^<]+</time></a>',
        body,
    )
    assert "Definitie aangescherpt." in body


def test_version_list_shows_versions_newest_first_with_date_and_note(client, dossier):
    body = page(client, "/dossiers/armoede/versies/")
    assert body.index("Versie 2") < body.index("Versie 1")
    assert "Definitie aangescherpt." in body
    assert 'href="/dossiers/armoede/versies/1...2/"' in body


def test_version_page_shows_the_dossier_as_published_then(client, dossier):
    CommentFactory(item=dossier, text="Een reactie onder het dossier.")
    body = page(client, "/dossiers/armoede/versies/1/")
    assert "Armoede is een tekort aan middelen." in body
    assert "structureel" not in body
    assert "Schulden vroeg signaleren" not in body
    date = timezone.localdate(days_ago(40))
    assert "U leest versie 1 van" in body
    assert f"{date.day} " in body
    assert '<a href="/dossiers/armoede/">Bekijk de huidige versie.</a>' in body
    # Search engines are pointed at the dossier, by the canonical link alone.
    assert "noindex" not in body
    assert '<link rel="canonical" href="http://testserver/dossiers/armoede/">' in body
    # One thread for every version of the dossier.
    assert "Een reactie onder het dossier." in body
    assert "Een reactie onder het dossier." in page(client, "/dossiers/armoede/")
    assert "noindex" not in page(client, "/dossiers/armoede/")


@pytest.mark.parametrize(
    "url",
    [
        "/dossiers/armoede/versies/3/",
        "/dossiers/armoede/versies/0/",
        "/dossiers/armoede/versies/twee/",
        "/dossiers/armoede/versies/1...9/",
        "/dossiers/armoede/versies/a...b/",
        "/dossiers/onbekend/versies/",
    ],
)
def test_unknown_or_non_numeric_versions_are_not_found(client, dossier, url):
    assert client.get(url).status_code == 404


def test_a_scheduled_version_goes_live_at_its_moment_without_cron(
    client, dossier, time_machine
):
    dossier.policy = "<p>Nieuw beleid vanaf volgende week.</p>"
    dossier.save()
    publish(
        dossier, note="Beleid herschreven.", at=timezone.now() + dt.timedelta(days=7)
    )
    body = page(client, "/dossiers/armoede/")
    assert "Nieuw beleid" not in body
    assert "versie 2," in body
    assert client.get("/dossiers/armoede/versies/3/").status_code == 404
    time_machine.move_to(timezone.now() + dt.timedelta(days=8))
    body = page(client, "/dossiers/armoede/")
    assert "Nieuw beleid vanaf volgende week." in body
    assert "versie 3," in body
    assert "Beleid herschreven." in page(client, "/dossiers/armoede/versies/")


def test_publishing_again_replaces_a_version_that_is_only_scheduled(dossier):
    publish(dossier, note="Later.", at=timezone.now() + dt.timedelta(days=7))
    version = publish(dossier, note="Toch nu.")
    assert version.number == 3
    assert list(dossier.versions.values_list("note", flat=True)) == [
        "Toch nu.",
        "Definitie aangescherpt.",
        "",
    ]


def test_a_note_is_required_after_the_first_version(dossier):
    with pytest.raises(ValidationError) as error:
        publish_dossier(dossier=dossier, note="  ")
    assert "Beschrijf voor lezers wat er" in str(error.value)
    assert dossier.versions.count() == 2


def test_a_draft_that_fails_validation_cannot_be_published(dossier):
    reference = ReferenceFactory(dossier=dossier)
    # Written past the forms (an import, say): not a valid web address.
    type(reference).objects.filter(pk=reference.pk).update(url="https://geen adres")
    with pytest.raises(ValidationError) as error:
        publish(dossier, note="Literatuur.")
    assert error.value.messages == [
        "Literatuurverwijzing 1, URL: Voer een geldige URL in."
    ]
    assert dossier.versions.count() == 2


def test_discarding_the_draft_brings_back_the_published_text(dossier):
    dossier.definition = "<p>Weg ermee.</p>"
    dossier.save()
    EffectiveElementFactory(dossier=dossier, title="Ook weg")
    discard_draft(dossier=dossier)
    dossier.refresh_from_db()
    assert "structureel" in dossier.definition
    assert [e.title for e in dossier.effective_elements.all()] == [
        "Schulden vroeg signaleren"
    ]


def test_revert_loads_an_old_version_and_publishing_makes_a_new_one(client, dossier):
    revert_dossier(dossier=dossier, version=dossier.versions.get(number=1))
    dossier.refresh_from_db()
    assert dossier.definition == "<p>Armoede is een tekort aan middelen.</p>"
    assert not dossier.effective_elements.exists()
    # Readers still see version 2 until the editor publishes.
    assert "Schulden vroeg signaleren" in page(client, "/dossiers/armoede/")
    version = publish(dossier, note="Terug naar versie 1.")
    assert version.number == 3
    assert "Schulden vroeg signaleren" not in page(client, "/dossiers/armoede/")
    # History is not rewritten: version 2 still reads as it did.
    assert "Schulden vroeg signaleren" in page(client, "/dossiers/armoede/versies/2/")


def test_a_published_version_cannot_be_changed(dossier):
    version = dossier.versions.get(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierVersion.objects.filter(pk=version.pk).update(note="Herschreven.")


def test_diff_marks_words_inserted_and_deleted_and_sections_added(client, dossier):
    body = page(client, "/dossiers/armoede/versies/1...2/")
    definition = body.split('id="verschil-definitie"', 1)[1].split("</section>")[0]
    assert re.search(r"<ins><span[^>]*>\[ingevoegd:\] </span>structureel", definition)
    elements = body.split('id="verschil-werkzame-elementen"', 1)[1]
    assert "onderdeel toegevoegd" in elements.split("</h2>")[0]
    assert "Schulden vroeg signaleren" in elements.split("</section>")[0]
    # Unchanged sections are folded away.
    assert re.search(r"<details[^>]*>\s*<summary>Beleid", body)
    assert "noindex" not in body
    assert '<link rel="canonical" href="http://testserver/dossiers/armoede/">' in body


def test_diff_marks_a_removed_element_as_deleted(client, dossier):
    dossier.effective_elements.all().delete()
    publish(dossier, note="Element geschrapt.")
    body = page(client, "/dossiers/armoede/versies/2...3/")
    elements = body.split('id="verschil-werkzame-elementen"', 1)[1].split("</section>")[
        0
    ]
    assert "onderdeel verwijderd" in elements
    assert re.search(r"<del><span[^>]*>\[verwijderd:\] </span>Schulden", elements)


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/dossiers/armoede/versies/2...2/", "dezelfde versie"),
        ("/dossiers/armoede/versies/2...1/", "versies/1...2/"),
    ],
)
def test_diff_of_a_version_with_itself_or_reversed_is_a_friendly_page(
    client, dossier, url, text
):
    assert text in page(client, url)


# Readers' ceilings: the page's own queries, the reactions block (2) and the
# content version of the server-side page cache (1).
VERSION_PAGES = {
    # dossier, versions, current snapshot, themes, the reactions taken into
    # the version shown ("verwerkt", marked from the moderation list after
    # it was published), articles, reactions, cache
    "": 8,
    "versies/": 4,
    "versies/2/": 6,
    "versies/1...2/": 6,  # + the kept comparison (read; the first one writes it)
}


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize("suffix", VERSION_PAGES)
def test_pages_cost_fixed_queries_at_2_and_30_versions(
    client, django_assert_max_num_queries, size, suffix
):
    dossier = DossierFactory(published_at=days_ago(100))
    for n in range(size - 1):
        dossier.definition = f"<p>Tekst {n}.</p>"
        dossier.save()
        publish(dossier, note=f"Versie {n + 2}.", at=days_ago(90 - n))
    with django_assert_max_num_queries(VERSION_PAGES[suffix]):
        response = client.get(dossier.get_absolute_url() + suffix)
    assert response.status_code == 200


def test_a_comparison_that_cannot_be_shown_is_never_linked(client, admin_client):
    """Versions carried over from a revision log kept no text: readers and
    editors get no link to a comparison that would say so; the first version
    that can be compared with the one before it is linked everywhere."""
    dossier = DossierFactory(
        title="Wat werkt bij schulden",
        slug="schulden",
        published_at=days_ago(400),
        version=False,
    )
    carry_over_revision_log(
        dossier=dossier, entries=[(days_ago(300).date(), "Cijfers bijgewerkt.")]
    )
    # Versions 1 and 2 from the log; 2 holds the text. Version 3 is compared.
    dossier.summary = "Een nieuwe samenvatting."
    dossier.save()
    publish(dossier, note="Samenvatting herschreven.")
    versions = page(client, "/dossiers/schulden/versies/")
    linked = re.findall(
        r'href="/dossiers/schulden/versies/(\d+)\.\.\.(\d+)/"', versions
    )
    assert linked == [("2", "3")]
    assert linked == re.findall(
        r'href="/dossiers/schulden/versies/(\d+)\.\.\.(\d+)/"',
        page(client, "/dossiers/schulden/"),
    )
    assert "<ins>" in page(client, "/dossiers/schulden/versies/2...3/")
    # The feed of updates links the versions it cannot compare to their page.
    feed = page(client, "/feeds/bijgewerkt/")
    assert "/dossiers/schulden/versies/2...3/" in feed
    assert "/dossiers/schulden/versies/1...2/" not in feed
    assert "/dossiers/schulden/versies/2/" in feed
    # The admin's list of versions: "Wijzigingen" only for version 3.
    admin = page(admin_client, f"/admin/dossiers/dossier/{dossier.pk}/change/")
    assert re.findall(r"verschil/\?a=(\d+)&amp;b=(\d+)", admin) == [("2", "3")]
