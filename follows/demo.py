"""A demo follower: someone who confirmed following the demo dossier, so the
admin's list of followers is not empty after ``make run``."""

from django.utils import timezone

from dossiers.models import Dossier

from .models import Follow

DOSSIER = "wat-werkt-bij-sociale-innovatie"


def load() -> dict[str, int]:
    dossier = Dossier.objects.filter(slug=DOSSIER).first()
    if dossier is not None:
        now = timezone.now()
        Follow.objects.get_or_create(
            dossier=dossier,
            email="volger@example.org",
            defaults={"created_at": now, "confirmed_at": now},
        )
    return {"follows": Follow.objects.count()}
