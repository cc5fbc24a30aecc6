"""Demo data for the reactions app: a starting privacy statement in Dutch.

Editors replace it in the admin (Privacyverklaring); loading again leaves an
edited statement alone.
"""

from .models import PrivacyStatement

PRIVACY_TITLE = "Privacy"
PRIVACY_TEXT = """\
Op deze website kunt u reageren op artikelen en dossiers. Daarvoor vragen wij
uw naam en uw e-mailadres. In deze verklaring leest u wat wij met die gegevens
doen.

Uw naam staat bij uw reactie zodra de redactie die heeft goedgekeurd. Uw
e-mailadres tonen wij nooit. Wij gebruiken het alleen om contact met u op te
nemen over uw reactie en, als u daarom vraagt, om u te laten weten dat iemand
op uw reactie heeft gereageerd. Elke e-mail bevat een link waarmee u dat
direct stopt.

Om misbruik en spam tegen te gaan, bewaren wij van uw internetadres en uw
e-mailadres alleen een versleutelde code (een hash), en niet langer dan 30
dagen. Uw internetadres zelf slaan wij niet op.

Lezers krijgen van ons geen cookies. Wij gebruiken geen statistiek- of
advertentiediensten en laden niets van andere partijen.

U mag ons vragen welke reacties wij onder uw e-mailadres bewaren. U kunt ons
ook vragen uw naam en e-mailadres, en desgewenst uw teksten, te verwijderen.
De reacties van anderen blijven dan staan. Mail hiervoor naar de redactie.
"""


def load() -> int:
    """Create the statement when there is none; returns 1 if created."""
    _statement, created = PrivacyStatement.objects.get_or_create(
        singleton=True,
        defaults={
            "title": PRIVACY_TITLE,
            "text": "\n\n".join(
                " ".join(paragraph.split()) for paragraph in PRIVACY_TEXT.split("\n\n")
            ),
        },
    )
    return int(created)
