"""Migration 0010: the hand-typed revision log becomes numbered versions."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.migrations import latest, migrate

BEFORE = [("dossiers", "0009_review_dates")]
AFTER = [("dossiers", "0011_revision_log_removed")]


@pytest.mark.django_db(transaction=True)
def test_existing_revision_logs_become_versions():
    apps = migrate(BEFORE)
    try:
        Dossier = apps.get_model("dossiers", "Dossier")
        Revision = apps.get_model("dossiers", "DossierRevision")
        Element = apps.get_model("dossiers", "EffectiveElement")
        Author = apps.get_model("authors", "Author")
        published = timezone.make_aware(dt.datetime(2017, 1, 12, 9))
        dossier = Dossier.objects.create(
            title="Wat werkt bij armoede",
            slug="armoede",
            status="published",
            published_at=published,
            definition="<p>Zoals het nu is.</p>",
            last_revised_at=timezone.make_aware(dt.datetime(2023, 9, 4, 14, 30)),
        )
        Element.objects.create(dossier=dossier, title="Vroeg signaleren")
        # Credits (dossiers 0008) are part of what a version shows.
        sanne = Author.objects.create(name="Sanne Verbeek", slug="sanne-verbeek")
        piet = Author.objects.create(name="P. Jansen", slug="p-jansen")
        credits = apps.get_model("dossiers", "DossierAuthor").objects
        credits.create(dossier=dossier, author=piet, position=2)
        credits.create(dossier=dossier, author=sanne, position=1)
        apps.get_model("dossiers", "DossierContact").objects.create(
            dossier=dossier, author=sanne
        )
        Revision.objects.create(
            dossier=dossier, revised_on=dt.date(2023, 9, 4), note="Beleid herschreven."
        )
        Revision.objects.create(
            dossier=dossier, revised_on=dt.date(2019, 3, 18), note="Cijfers erbij."
        )
        Dossier.objects.create(title="Concept", slug="concept", status="draft")

        apps = migrate(AFTER)
        Version = apps.get_model("dossiers", "DossierVersion")
        versions = list(
            Version.objects.filter(dossier__slug="armoede").order_by("number")
        )
        assert [(v.number, v.note) for v in versions] == [
            (1, ""),
            (2, "Cijfers erbij."),
            (3, "Beleid herschreven."),
        ]
        assert versions[0].published_at == published
        assert timezone.localdate(versions[1].published_at) == dt.date(2019, 3, 18)
        # The entry on the day of last_revised_at takes its moment.
        assert versions[2].published_at == dossier.last_revised_at
        # Only the newest holds the text: the log never kept the older ones.
        assert [v.content is None for v in versions] == [True, True, False]
        content = versions[2].content
        assert content["definition"] == "<p>Zoals het nu is.</p>"
        assert [e["title"] for e in content["effective_elements"]] == [
            "Vroeg signaleren"
        ]
        assert content["authors"] == [
            {"id": sanne.pk, "name": "Sanne Verbeek", "slug": "sanne-verbeek"},
            {"id": piet.pk, "name": "P. Jansen", "slug": "p-jansen"},
        ]
        assert [c["name"] for c in content["contacts"]] == ["Sanne Verbeek"]
        assert "contact" not in content  # the text field went in 0008
        assert not Version.objects.filter(dossier__slug="concept").exists()
    finally:
        migrate(latest())
