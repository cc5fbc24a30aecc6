"""Demo feedback on the demo dossier, for its review packet: a few "nuttig?"
answers, one with a remark, and a reported study. Added once."""

from dossiers.models import Dossier

from .models import StudySuggestion, Usefulness

DOSSIER = "wat-werkt-bij-sociale-innovatie"


def load() -> dict[str, int]:
    dossier = Dossier.objects.filter(slug=DOSSIER).first()
    if dossier is not None and not Usefulness.objects.filter(dossier=dossier).exists():
        number = dossier.versions.current().values_list("number", flat=True).first()
        Usefulness.objects.bulk_create(
            Usefulness(
                dossier=dossier, useful=useful, remark=remark, version_number=number
            )
            for useful, remark in [
                (True, ""),
                (True, ""),
                (False, "Ik mis voorbeelden uit kleine gemeenten."),
            ]
        )
        StudySuggestion.objects.create(
            dossier=dossier,
            version_number=number,
            reference=(
                "Voorberg, W. H., Bekkers, V. J. J. M., & Tummers, L. G. (2015). "
                "A systematic review of co-creation and co-production. "
                "Public Management Review, 17(9), 1333-1357."
            ),
            doi="10.1080/14719037.2014.930505",
        )
    return {"feedback": Usefulness.objects.count()}
