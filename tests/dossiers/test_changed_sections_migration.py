"""Migration 0027 fills ``changed_sections`` of versions published before it,
with the comparison's rule frozen into the migration: the same sections as
the live comparison (``dossiers.services._changed_sections``) names."""

import copy
import datetime as dt

import pytest
from django.utils import timezone

from dossiers.literature import version_citations
from dossiers.models import Dossier, DossierVersion
from dossiers.services import _changed_sections
from dossiers.versions import as_dossier
from tests.migrations import latest, migrate

BEFORE = [("dossiers", "0026_currency_and_whats_new")]
AFTER = [("dossiers", "0027_version_changed_sections")]


def _reference(position, title, authors="Verbeek, S."):
    return {
        "position": position,
        "kind": "report",
        "authors": authors,
        "year": 2021,
        "title": title,
        "container_title": "",
        "volume": "",
        "issue": "",
        "pages": "",
        "publisher": "Movisie",
        "edition": None,
        "url": "",
        "doi": "",
    }


def _first_content():
    return {
        "format": 1,
        "title": "Wat werkt bij armoede",
        "summary": "Wat helpt mensen met schulden.",
        "definition": "<p>Armoede is een tekort aan middelen.</p>",
        "facts_and_figures": "<p>Een op de tien huishoudens.</p>",
        "policy": "",
        "trends": "",
        "current_debates": "",
        "effective_elements_intro": "<p>Drie elementen.</p>",
        "promising_approaches": "",
        "themes": [{"id": 1, "name": "Armoede", "slug": "armoede"}],
        "effective_elements": [
            {
                "position": 1,
                "title": "Vroeg signaleren",
                "explanation": "<p>Op tijd.</p>",
                "presumed": False,
            },
            {
                "position": 2,
                "title": "Eén contactpersoon",
                "explanation": "",
                "presumed": True,
            },
        ],
        "good_examples": [
            {
                "position": 1,
                "name": "Schuldhulp aan huis",
                "description": "Thuis geholpen.",
                "organisation": "Gemeente Utrecht",
                "url": "",
            }
        ],
        "references": [_reference(1, "Armoede in Nederland")],
        # Older snapshots credit people without the organisation flag.
        "authors": [{"id": 7, "name": "Sanne Verbeek", "slug": "sanne-verbeek"}],
        "contacts": [],
    }


def _history():
    """Snapshots of one dossier's versions: (content, what changed)."""
    first = _first_content()

    second = copy.deepcopy(first)
    second["definition"] = "<p>Armoede is een structureel tekort aan middelen.</p>"
    # Renumbered rows and a credit with the flag later snapshots carry differ
    # in the snapshot but show the same: not a change a reader sees.
    for position, element in enumerate(second["effective_elements"], start=1):
        element["position"] = position * 10
    second["authors"] = [{**first["authors"][0], "is_organisation": False}]

    third = copy.deepcopy(second)
    third["title"] = "Wat werkt bij armoede en schulden"
    third["policy"] = "<p>De Participatiewet.</p>"
    third["good_examples"] = []
    third["references"].append(_reference(2, "Schulden en stress", "Jansen, P."))

    return [
        (first, []),
        (second, ["definitie"]),
        (third, ["algemeen", "beleid", "goede-voorbeelden", "literatuur"]),
        (None, None),  # a version whose text was not kept
        (third, None),  # nothing to compare it with
    ]


@pytest.mark.django_db(transaction=True)
def test_versions_published_before_get_the_sections_the_comparison_names():
    apps = migrate(BEFORE)
    try:
        OldDossier = apps.get_model("dossiers", "Dossier")
        OldVersion = apps.get_model("dossiers", "DossierVersion")
        published = timezone.make_aware(dt.datetime(2024, 3, 12, 10))
        dossier = OldDossier.objects.create(
            title="Wat werkt bij armoede",
            slug="armoede",
            status="published",
            published_at=published,
        )
        other = OldDossier.objects.create(
            title="Wat werkt bij eenzaamheid",
            slug="eenzaamheid",
            status="published",
            published_at=published,
        )
        expected = {}
        for item, history in ((dossier, _history()), (other, _history()[:1])):
            # The citations a version stored: the live formatter on the
            # snapshot, as publishing did (nothing of it touches the tables).
            shown = Dossier(pk=item.pk, slug=item.slug, status="published")
            for number, (content, changed) in enumerate(history, start=1):
                at = published + dt.timedelta(days=30 * number)
                citations = None
                if content is not None:
                    citations = version_citations(
                        as_dossier(content, shown), number=number, published_at=at
                    )
                version = OldVersion.objects.create(
                    dossier=item,
                    number=number,
                    published_at=at,
                    title=content["title"] if content else item.title,
                    content=content,
                    citations=citations,
                )
                expected[version.pk] = changed

        apps = migrate(AFTER)
        Version = apps.get_model("dossiers", "DossierVersion")
        filled = dict(Version.objects.values_list("pk", "changed_sections"))
        assert filled == expected

        # The same as the live comparison of each version with the one before.
        migrate(latest())
        for slug in ("armoede", "eenzaamheid"):
            previous = None
            versions = DossierVersion.objects.filter(dossier__slug=slug)
            for version in versions.select_related("dossier").order_by("number"):
                assert version.changed_sections == _changed_sections(
                    previous, version
                ), version.number
                previous = version
    finally:
        migrate(latest())
