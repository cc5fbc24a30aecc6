"""Writes with rules on feedback: each counts against the rate limit of the
client (and address) like a reaction, and a study suggestion that breaks a
content rule (too many links, the blocklist) is not stored."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from comments import spam
from dossiers.models import Dossier

from .models import StudySuggestion, Usefulness

# A reader's address on a study suggestion is kept this long: time for the
# editors to look at the study and tell them.
ADDRESS_DAYS = 365


def _version_number(dossier: Dossier) -> int | None:
    return dossier.versions.current().values_list("number", flat=True).first()


@transaction.atomic
def record_usefulness(
    *, dossier: Dossier, useful: bool, client_address: str | None
) -> Usefulness:
    """Raises ``spam.RateLimited`` beyond the limit (nothing stored)."""
    spam.check_and_record_rate(client_address=client_address, email="")
    return Usefulness.objects.create(
        dossier=dossier, useful=useful, version_number=_version_number(dossier)
    )


@transaction.atomic
def add_remark(*, answer: Usefulness, remark: str) -> bool:
    """The remark a reader adds to their answer, once; False when it has one
    (a link used twice) or it breaks a content rule (kept out quietly)."""
    locked = Usefulness.objects.select_for_update().get(pk=answer.pk)
    if locked.remark:
        return False
    if spam.content_spam_reason(name="", email="", text=remark):
        return True  # said "thank you"; the editors never see it
    locked.remark = remark
    locked.full_clean()
    locked.save(update_fields=["remark"])
    return True


@transaction.atomic
def suggest_study(
    *,
    dossier: Dossier,
    reference: str,
    doi: str = "",
    email: str = "",
    client_address: str | None,
) -> StudySuggestion | None:
    """Store a study suggestion; None when it breaks a content rule (the
    reader is thanked all the same). Raises ``spam.RateLimited``."""
    spam.check_and_record_rate(client_address=client_address, email=email)
    if spam.content_spam_reason(name="", email=email, text=reference):
        return None
    suggestion = StudySuggestion(
        dossier=dossier,
        reference=reference,
        doi=doi.strip(),
        email=email.strip(),
        version_number=_version_number(dossier),
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


# --- Personal data (core.personal_data) --------------------------------------


def export_suggestions(email: str) -> list[dict]:
    if not email.strip():
        return []
    return [
        {
            "dossier": str(suggestion.dossier),
            "reference": suggestion.reference,
            "doi": suggestion.doi,
            "email": suggestion.email,
            "reported": suggestion.created_at.isoformat(),
        }
        for suggestion in StudySuggestion.objects.filter(
            email__iexact=email.strip()
        ).select_related("dossier")
    ]


def erase_suggestions(email: str) -> int:
    """The address goes; the suggestion itself stays for the editors."""
    if not email.strip():
        return 0
    return StudySuggestion.objects.filter(email__iexact=email.strip()).update(email="")


def forget_old_addresses() -> int:
    cutoff = timezone.now() - timedelta(days=ADDRESS_DAYS)
    return (
        StudySuggestion.objects.filter(created_at__lt=cutoff)
        .exclude(email="")
        .update(email="")
    )
