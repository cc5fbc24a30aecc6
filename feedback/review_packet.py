"""A dossier's review packet: everything readers said since its latest
version, for the editors who revise it (on its review date, linked from the
weekly review digest, and on demand from its admin page).

- reactions marked "relevant voor herziening" and not yet taken into a
  version, and how many reactions came since the version;
- the studies readers reported since;
- the "nuttig?" answers since (yes and no) with their remarks;
- literature links of the current version that no longer answer, as the
  latest ``manage.py check_literature_links`` found them.

A handful of queries, whatever the number of reactions or answers.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from dossiers.models import Dossier, DossierVersion

from .models import LinkCheck, StudySuggestion, Usefulness


@dataclass
class ReviewPacket:
    dossier: Dossier
    version: DossierVersion | None
    since: object  # the moment of the version, or None
    relevant: list = field(default_factory=list)
    new_reactions: int = 0
    studies: list = field(default_factory=list)
    useful: int = 0
    not_useful: int = 0
    remarks: list = field(default_factory=list)
    dead_links: list = field(default_factory=list)
    unchecked_links: int = 0


def literature_urls(version: DossierVersion | None) -> list[str]:
    """The web addresses of the version's literature list, in its order."""
    if version is None or version.content is None:
        return []
    urls = []
    for row in version.content.get("references", []):
        url = (row.get("url") or "").strip()
        if url and url not in urls:
            urls.append(url)
    return urls


def review_packet(dossier: Dossier) -> ReviewPacket:
    version = (
        dossier.versions.current()
        .only("id", "dossier_id", "number", "published_at", "content")
        .first()
    )
    since = version.published_at if version else None
    packet = ReviewPacket(dossier=dossier, version=version, since=since)
    # Reactions through the reverse relation (comments sit beside feedback).
    reactions = dossier.comments.all()
    packet.relevant = list(
        reactions.filter(relevant_for_review=True, incorporated_in__isnull=True)
        .exclude(status="spam")
        .order_by("created_at")
    )
    packet.new_reactions = (
        reactions.filter(status="approved", created_at__gt=since).count()
        if since
        else reactions.filter(status="approved").count()
    )
    packet.studies = list(
        StudySuggestion.objects.filter(dossier=dossier)
        .since(since)
        .order_by("created_at")
    )
    answers = Usefulness.objects.filter(dossier=dossier).since(since)
    counts = answers.aggregate(
        yes=Count("pk", filter=Q(useful=True)),
        no=Count("pk", filter=Q(useful=False)),
    )
    packet.useful, packet.not_useful = counts["yes"], counts["no"]
    packet.remarks = list(answers.exclude(remark="").order_by("created_at"))
    urls = literature_urls(version)
    checks = {check.url: check for check in LinkCheck.objects.filter(url__in=urls)}
    packet.dead_links = [
        checks[url] for url in urls if url in checks and not checks[url].answers
    ]
    packet.unchecked_links = sum(1 for url in urls if url not in checks)
    return packet
