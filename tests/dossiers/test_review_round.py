"""A second reader: a draft goes "ter review", a reviewer approves it or
sends it back with a remark, and publishing needs that approval."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from dossiers import services
from dossiers.models import ReviewStep
from scripts.forms import form_data
from tests.factories import (
    DossierFactory,
    EditorFactory,
    ReviewerFactory,
    StaffUserFactory,
)
from tests.races import second_waits_for_first

pytestmark = pytest.mark.django_db


def review_url(dossier):
    return f"/admin/dossiers/dossier/{dossier.pk}/review/"


def test_a_reviewer_sends_a_draft_back_with_a_remark_and_then_approves_it():
    dossier = DossierFactory(summary="Oud.")
    editor, reviewer = EditorFactory(), ReviewerFactory()
    services.submit_for_review(dossier=dossier, user=editor)
    reviewing = Client()
    reviewing.force_login(reviewer)
    page = reviewing.get(review_url(dossier)).content.decode()
    data = form_data(page, None)
    data["remark"] = ["Bron bij de cijfers ontbreekt."]
    data["_send_back"] = ["Terugsturen met opmerking"]
    html = reviewing.post(review_url(dossier), data, follow=True).content.decode()
    assert "met uw opmerking teruggestuurd naar de redactie" in html
    # The dossier's form shows the step and its remark.
    assert "Bron bij de cijfers ontbreekt." in html
    assert "teruggestuurd door" in html

    dossier.summary = "Nieuw, met bron."
    dossier.save()
    services.submit_for_review(dossier=dossier, user=editor)
    data = form_data(reviewing.get(review_url(dossier)).content.decode(), None)
    data["_approve"] = ["Goedkeuren"]
    html = reviewing.post(review_url(dossier), data, follow=True).content.decode()
    assert "is goedgekeurd" in html
    version = services.publish_dossier(
        dossier=dossier, editor=editor, note="Bron toegevoegd.", approval_required=True
    )
    assert version.number == 2
    steps = list(dossier.review_steps.order_by("at", "pk").values_list("step", "user"))
    assert [step for step, _user in steps] == [
        ReviewStep.PUBLISHED,  # version 1, by the factory
        ReviewStep.SUBMITTED,
        ReviewStep.SENT_BACK,
        ReviewStep.SUBMITTED,
        ReviewStep.APPROVED,
        ReviewStep.PUBLISHED,
    ]


def test_sending_back_needs_a_remark():
    dossier = DossierFactory()
    services.submit_for_review(dossier=dossier, user=EditorFactory())
    with pytest.raises(ValidationError) as error:
        services.send_back_draft(
            dossier=dossier,
            user=ReviewerFactory(),
            fingerprint=services.draft_fingerprint(dossier),
            remark=" ",
        )
    assert "remark" in error.value.error_dict


def test_an_approval_holds_for_the_draft_read_not_for_later_changes():
    dossier = DossierFactory(summary="Oud.")
    services.submit_for_review(dossier=dossier, user=EditorFactory())
    services.approve_draft(
        dossier=dossier,
        user=ReviewerFactory(),
        fingerprint=services.draft_fingerprint(dossier),
    )
    dossier.summary = "Stiekem nog iets anders."
    dossier.save()
    with pytest.raises(ValidationError, match="gewijzigd nadat de beoordelaar"):
        services.publish_dossier(dossier=dossier, note="x", approval_required=True)
    assert dossier.versions.count() == 1


def test_a_reviewer_who_read_an_older_draft_records_nothing():
    """The stale-form check: the draft changed while the reviewer read it."""
    dossier = DossierFactory(summary="Oud.")
    services.submit_for_review(dossier=dossier, user=EditorFactory())
    read = services.draft_fingerprint(dossier)
    dossier.summary = "Intussen gewijzigd."
    dossier.save()
    with pytest.raises(ValidationError, match="gewijzigd nadat u het opende"):
        services.approve_draft(
            dossier=dossier, user=ReviewerFactory(), fingerprint=read
        )
    assert dossier.review_steps.latest("at").step == ReviewStep.SUBMITTED


def test_the_editor_who_sent_the_draft_cannot_approve_it_and_editors_cannot_at_all():
    dossier = DossierFactory()
    reviewer = ReviewerFactory()
    services.submit_for_review(dossier=dossier, user=reviewer)
    fingerprint = services.draft_fingerprint(dossier)
    with pytest.raises(ValidationError, match="tweede lezer"):
        services.approve_draft(dossier=dossier, user=reviewer, fingerprint=fingerprint)
    with pytest.raises(PermissionDenied):
        services.approve_draft(
            dossier=dossier, user=EditorFactory(), fingerprint=fingerprint
        )
    editor = Client()
    editor.force_login(EditorFactory())
    assert editor.get(review_url(dossier)).status_code == 403


def test_the_reviewers_group_has_a_dutch_name_and_may_review():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Beoordelaars")
    assert group.permissions.filter(codename="review_dossier").exists()


@pytest.mark.django_db(transaction=True)
def test_approving_waits_for_a_save_that_holds_the_dossier():
    """Approval takes the dossier's row lock: a save in progress finishes
    first, and the approval then sees that the draft changed."""
    from dossiers.models import Dossier

    dossier = DossierFactory(summary="Oud.")
    # Superusers: a real transaction here, and an earlier one may have flushed
    # the Redactie and Beoordelaars groups the migrations made.
    services.submit_for_review(
        dossier=dossier, user=StaffUserFactory(is_superuser=True)
    )
    read = services.draft_fingerprint(dossier)
    reviewer = StaffUserFactory(is_superuser=True)

    def save():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        Dossier.objects.filter(pk=dossier.pk).update(summary="Net gewijzigd.")

    def approve():
        try:
            services.approve_draft(dossier=dossier, user=reviewer, fingerprint=read)
        except ValidationError as error:
            return error

    _saved, refused = second_waits_for_first(save, approve)
    assert isinstance(refused, ValidationError)
    assert dossier.review_steps.latest("at").step == ReviewStep.SUBMITTED
