"""Writes with rules on dossiers: publish a version, revert, discard a draft,
record a review, the review round of a draft (send for review, approve,
send back) and preview links for outside experts.

The dossier's own rows (the dossier and its elements, examples, references
and themes) are the editors' working copy, the *draft*. Readers read the
newest visible ``DossierVersion``, a snapshot taken by ``publish_dossier``.
So saving in the admin changes nothing readers see until an editor
publishes; a version published for a later moment appears by itself at
that moment, because every read filters on ``now()`` (no cron job).
"""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import surrogates
from core.publishing import Status
from purges.queue import purge

from .literature import version_citations
from .models import Dossier, DossierReview, DossierVersion, PreviewLink, ReviewStep
from .versions import PARTS, as_dossier, load_into, snapshot, upgraded


def _validate_draft(dossier: Dossier) -> None:
    """Every row of the draft as the admin's forms would check it.

    Errors name the part and field in the editors' language, e.g.
    "Literatuurverwijzing 2, URL: Voer een geldige URL in." Constraints and
    uniqueness are not checked again: the rows are in the database, which
    enforces them; field validators (a well-formed web address) it does not.
    """
    errors = []
    checks = {"validate_unique": False, "validate_constraints": False}
    try:
        dossier.full_clean(exclude=["status", "published_at"], **checks)
    except ValidationError as error:
        errors += _named(Dossier, error)
    for model, _fields in PARTS.values():
        rows = model.objects.filter(dossier=dossier).order_by("position", "id")
        for index, row in enumerate(rows, start=1):
            try:
                row.full_clean(**checks)
            except ValidationError as error:
                errors += _named(model, error, index=index)
    if errors:
        raise ValidationError(errors)


def _named(model, error: ValidationError, *, index=None) -> list[str]:
    where = str(model._meta.verbose_name).capitalize()
    if index is not None:
        where = f"{where} {index}"
    messages = []
    for field, field_errors in error.message_dict.items():
        if field == "__all__":
            label = where
        else:
            label = f"{where}, {model._meta.get_field(field).verbose_name}"
        messages += [f"{label}: {message}" for message in field_errors]
    return messages


@transaction.atomic
def publish_dossier(
    *,
    dossier: Dossier,
    editor=None,
    note: str = "",
    at: dt.datetime | None = None,
    approval_required: bool = False,
) -> DossierVersion:
    """Publish the draft as the next version, now or at moment ``at``.

    A version that was scheduled and has not gone live yet is replaced (no
    reader ever saw it, so no history is rewritten). After version 1 a note
    "what changed" is required. With ``approval_required`` (the admin
    passes DOSSIER_PUBLISH_NEEDS_APPROVAL) a reviewer must have approved
    this very draft. The publication is a step of the review record.
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    now = timezone.now()
    at = at or now
    note = note.strip()
    fingerprint = draft_fingerprint(dossier)
    if approval_required:
        _check_approved(dossier, fingerprint)
    _validate_draft(dossier)
    versions = DossierVersion.objects.filter(dossier=dossier)
    versions.filter(published_at__gt=now).delete()
    latest = versions.order_by("-number").first()
    if latest is not None and at < latest.published_at:
        raise ValidationError(
            {"published_at": _("A new version cannot go live before the previous one.")}
        )
    number = latest.number + 1 if latest else 1
    if number > 1 and not note:
        raise ValidationError(
            {"note": _("Describe for readers what changed in this version.")}
        )
    content = snapshot(dossier)
    version = DossierVersion(
        dossier=dossier,
        number=number,
        published_at=at,
        editor=editor,
        note=note,
        title=dossier.title,
        summary=dossier.summary,
        content=content,
        citations=_citations(dossier, content, number=number, published_at=at),
    )
    version.full_clean(exclude=["dossier", "editor"], validate_constraints=False)
    version.save()
    if number == 1:
        dossier.status = Status.PUBLISHED
        dossier.published_at = at
    dossier.draft_differs = False
    # Saved in any case: updated_at is the version of cached reader pages.
    dossier.save(
        update_fields=["status", "published_at", "draft_differs", "updated_at"]
    )
    purge(surrogates.item_keys(dossier))
    if at > now:  # and again when it goes live
        purge(surrogates.item_keys(dossier), at=at)
    DossierReview.objects.create(
        dossier=dossier,
        step=ReviewStep.PUBLISHED,
        user=editor,
        at=now,
        remark=_("Version %(number)s") % {"number": number},
        fingerprint=fingerprint,
    )
    return version


def _check_approved(dossier: Dossier, fingerprint: str) -> None:
    latest = DossierReview.objects.latest_for(dossier)
    if latest is None or latest.step != ReviewStep.APPROVED:
        raise ValidationError(
            _(
                "This draft has not been approved by a reviewer yet. Send it "
                "for review first."
            ),
            code="not_approved",
        )
    if latest.fingerprint != fingerprint:
        raise ValidationError(
            _(
                "The draft was changed after the reviewer approved it. Send "
                "it for review again."
            ),
            code="changed_after_approval",
        )


@transaction.atomic
def revert_dossier(*, dossier: Dossier, version: DossierVersion) -> None:
    """Load an earlier version into the draft; publishing it makes a new one."""
    if version.dossier_id != dossier.pk or version.content is None:
        raise ValidationError(_("The text of this version was not kept."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    load_into(dossier, version.content)
    _store_draft_differs(dossier)


@transaction.atomic
def discard_draft(*, dossier: Dossier) -> None:
    """Throw away unpublished changes: the draft becomes the newest version."""
    latest = (
        DossierVersion.objects.filter(dossier=dossier)
        .exclude(content__isnull=True)
        .order_by("-number")
        .first()
    )
    if latest is None:
        raise ValidationError(_("This dossier has no published version yet."))
    revert_dossier(dossier=dossier, version=latest)


def has_unpublished_changes(dossier: Dossier) -> bool:
    latest = dossier.versions.order_by("-number").first()
    if latest is None or latest.content is None:
        return True
    return upgraded(latest.content) != snapshot(dossier)


@transaction.atomic
def carry_over_revision_log(
    *, dossier: Dossier, entries: list[tuple[dt.date | dt.datetime, str]]
) -> list[DossierVersion]:
    """Versions for history that was kept as a log: the hand-typed revision
    log of dossiers published before versions were kept (the demo; migration
    0010 applies the same rule), or a Drupal site's revision log messages.

    The versions come after the dossier's existing ones; for a dossier with
    none, version 1 is its first publication. Each entry (a day or a moment,
    and a note) becomes the next version: a day at its start, never before
    the version before it. An entry at the very moment of the first
    publication is that version's note. Only the newest version holds the
    text (the dossier as it is now); the others kept their date and note
    only. A dossier readers cannot see yet gets no versions.
    """
    if dossier.status != Status.PUBLISHED or dossier.published_at is None:
        return []
    latest = DossierVersion.objects.filter(dossier=dossier).order_by("-number").first()
    moments, notes = [], []
    if latest is None:
        moments, notes = [dossier.published_at], [""]
    previous = latest.published_at if latest else dossier.published_at
    for when, note in sorted(entries, key=lambda entry: _moment(entry[0])):
        start = _moment(when)
        if latest is None and len(moments) == 1 and start == moments[0]:
            notes[0] = note
            continue
        previous = max(start, previous)
        moments.append(previous)
        notes.append(note)
    first = latest.number + 1 if latest else 1
    versions = [
        DossierVersion(
            dossier=dossier,
            number=number,
            published_at=moment,
            note=note,
            title=dossier.title,
            summary=dossier.summary,
            content=None,
        )
        for number, moment, note in zip(
            range(first, first + len(moments)), moments, notes, strict=True
        )
    ]
    if versions:
        newest = versions[-1]
        newest.content = snapshot(dossier)
        newest.citations = _citations(
            dossier,
            newest.content,
            number=newest.number,
            published_at=newest.published_at,
        )
    return DossierVersion.objects.bulk_create(versions)


def _citations(dossier, content, *, number, published_at) -> dict:
    """The citations a version keeps, from the snapshot it keeps."""
    shown = as_dossier(content, dossier)
    return version_citations(shown, number=number, published_at=published_at)


def _moment(when: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(when, dt.datetime):
        return when
    return timezone.make_aware(dt.datetime.combine(when, dt.time()))


@transaction.atomic
def record_review(*, dossier: Dossier, today: dt.date | None = None) -> Dossier:
    """An editor checked the dossier and found nothing to change.

    Readers then see "laatst gecontroleerd op …", and the next review falls
    due DOSSIER_REVIEW_MONTHS from today: a date the editors set by hand is
    cleared, it was the date for this review. ``updated_at`` moves too, so
    cached reader pages show the new date at once.
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    dossier.last_reviewed_on = today or timezone.localdate()
    dossier.review_by = None
    dossier.save(update_fields=["last_reviewed_on", "review_by", "updated_at"])
    purge([surrogates.key(dossier)])
    return dossier


def draft_fingerprint(dossier: Dossier) -> str:
    """A hash of everything readers would see of the draft: an approval
    holds for the draft with this fingerprint only."""
    document = json.dumps(snapshot(dossier), sort_keys=True, default=str)
    return hashlib.sha256(document.encode()).hexdigest()


def _store_draft_differs(dossier: Dossier) -> None:
    differs = has_unpublished_changes(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(draft_differs=differs)
    dossier.draft_differs = differs


@transaction.atomic
def note_draft_saved(*, dossier: Dossier) -> Dossier:
    """An editor saved the draft: remember whether it now differs from the
    newest version (the "concept wijkt af" badge in the admin)."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _store_draft_differs(dossier)
    return dossier


def _locked_latest_step(dossier: Dossier) -> tuple[Dossier, DossierReview | None]:
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    return dossier, DossierReview.objects.latest_for(dossier)


def _record(dossier, step, user, remark="", fingerprint=None) -> DossierReview:
    return DossierReview.objects.create(
        dossier=dossier,
        step=step,
        user=user,
        remark=remark.strip(),
        fingerprint=fingerprint or draft_fingerprint(dossier),
    )


@transaction.atomic
def submit_for_review(*, dossier: Dossier, user, remark: str = "") -> DossierReview:
    """Send the draft for review ("ter review"): a reviewer reads it next."""
    dossier, latest = _locked_latest_step(dossier)
    if latest is not None and latest.step == ReviewStep.SUBMITTED:
        raise ValidationError(
            _("This draft is already waiting for review."), code="waiting"
        )
    return _record(dossier, ReviewStep.SUBMITTED, user, remark)


def _check_reviewer(dossier, user, latest, fingerprint: str) -> None:
    if not user.has_perm("dossiers.review_dossier"):
        raise PermissionDenied
    if latest is None or latest.step != ReviewStep.SUBMITTED:
        raise ValidationError(
            _("This draft is not waiting for review (any more)."), code="not_waiting"
        )
    if latest.user_id == user.pk:
        raise ValidationError(
            _("A second reader reviews the draft: not the editor who sent it."),
            code="own_draft",
        )
    if fingerprint != draft_fingerprint(dossier):
        raise ValidationError(
            _(
                "The draft was changed after you opened it. Nothing was "
                "recorded: read the draft again and decide."
            ),
            code="changed_meanwhile",
        )


@transaction.atomic
def approve_draft(
    *, dossier: Dossier, user, fingerprint: str, remark: str = ""
) -> DossierReview:
    """A reviewer approves the draft they read (its ``fingerprint``)."""
    dossier, latest = _locked_latest_step(dossier)
    _check_reviewer(dossier, user, latest, fingerprint)
    return _record(dossier, ReviewStep.APPROVED, user, remark, fingerprint)


@transaction.atomic
def send_back_draft(
    *, dossier: Dossier, user, fingerprint: str, remark: str
) -> DossierReview:
    """A reviewer sends the draft back to the editors, saying why."""
    if not remark.strip():
        raise ValidationError(
            {"remark": _("Tell the editors what needs to change.")}, code="required"
        )
    dossier, latest = _locked_latest_step(dossier)
    _check_reviewer(dossier, user, latest, fingerprint)
    return _record(dossier, ReviewStep.SENT_BACK, user, remark, fingerprint)


@transaction.atomic
def make_preview_link(
    *, dossier: Dossier, user, for_whom: str, days: int | None = None
) -> PreviewLink:
    """A link that shows this dossier's draft to someone without an account,
    valid for ``days`` (at most DOSSIER_PREVIEW_LINK_DAYS)."""
    limit = settings.DOSSIER_PREVIEW_LINK_DAYS
    days = min(days or limit, limit)
    link = PreviewLink(
        dossier=dossier,
        made_by=user,
        for_whom=for_whom.strip(),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    link.full_clean(exclude=["dossier", "made_by"])
    link.save()
    return link


@transaction.atomic
def revoke_preview_link(*, link: PreviewLink) -> PreviewLink:
    """The link stops working at once (404)."""
    link = PreviewLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link
