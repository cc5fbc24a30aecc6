"""The admin's index as the Redactie sees it: their work first, in Dutch,
without the technical apps."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from dossiers import services
from outbox.models import OutgoingMail
from tests.factories import CommentFactory, DossierFactory, EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client = Client()
    client.force_login(EditorFactory())
    return client


def test_the_index_counts_the_work_waiting(editor):
    CommentFactory(status="pending")
    CommentFactory(status="pending")
    waiting, late = DossierFactory(), DossierFactory()
    services.submit_for_review(dossier=waiting, user=EditorFactory())
    # Published 40 days ago, sent for review 30 days ago.
    late.review_steps.update(at=timezone.now() - dt.timedelta(days=40))
    step = services.submit_for_review(dossier=late, user=EditorFactory())
    step.at = timezone.now() - dt.timedelta(days=30)
    step.save()
    OutgoingMail.objects.create(kind="comments.confirm", recipient="a@example.nl")
    OutgoingMail.objects.create(
        kind="comments.confirm",
        recipient="b@example.nl",
        attempts=2,
        last_error="SMTP 451",
    )
    html = editor.get("/admin/").content.decode()
    assert "Uw werk" in html
    assert '<span class="desk-card__number">2</span> reacties wachten op' in html
    assert (
        '<span class="desk-card__number">2</span> concepten wachten op review' in html
    )
    assert "1 daarvan wacht te lang" in html
    assert (
        '<span class="desk-card__number">1</span> e-mail kon nog niet worden '
        "verstuurd" in html
    )
    # The link leads to those drafts.
    listing = editor.get("/admin/dossiers/dossier/?review=submitted").content.decode()
    assert waiting.title in listing
    assert late.title in listing


def test_technical_apps_are_for_superusers_only(editor, admin_client):
    for client in (editor, admin_client):
        client.get("/admin/")
    html = editor.get("/admin/").content.decode()
    for technical in ("Axes", "Websites", "Groepen", "Toegangspogingen"):
        assert technical not in html
    assert "Dossiers" in html
    superuser = admin_client.get("/admin/").content.decode()
    assert "Groepen" in superuser
    assert "Websites" in superuser
