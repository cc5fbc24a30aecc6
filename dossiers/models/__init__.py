"""The dossier and what hangs off it, one module per concern:

- ``dossier``: the dossier itself (its sections, status and currency)
- ``queries``: its QuerySet, what pages and lists read through
- ``themes``: the themes that group dossiers and articles
- ``credits``: authors and contact persons credited on a dossier, in order
- ``elements``: effective elements and good examples, ordered parts edited
  inline
- ``references``: the literature as structured data
- ``versions``: published versions (snapshots) and comparisons between them
- ``pdfs``: a version's PDF file and a remembered failure to make it
- ``review``: the second reader's review steps, the review digest, preview
  links for outside experts

Everything is re-exported here: import from ``dossiers.models``.
"""

from .credits import Credit, DossierAuthor, DossierContact
from .dossier import SECTION_HEADINGS, Currency, Dossier
from .elements import DossierPart, EffectiveElement, GoodExample, web_link_only
from .pdfs import (
    VersionPdf,
    VersionPdfFailure,
    VersionPdfQuerySet,
    delete_files_on_commit,
)
from .queries import REVIEW_SOON_DAYS, AddMonths, DossierQuerySet
from .references import CONTAINED_KINDS, Reference, ReferenceKind
from .review import (
    DossierReview,
    DossierReviewQuerySet,
    PreviewLink,
    PreviewLinkQuerySet,
    ReviewDigestMail,
    ReviewStep,
)
from .themes import Theme
from .versions import DossierVersion, DossierVersionQuerySet, VersionComparison

__all__ = [
    "CONTAINED_KINDS",
    "REVIEW_SOON_DAYS",
    "SECTION_HEADINGS",
    "AddMonths",
    "Credit",
    "Currency",
    "Dossier",
    "DossierAuthor",
    "DossierContact",
    "DossierPart",
    "DossierQuerySet",
    "DossierReview",
    "DossierReviewQuerySet",
    "DossierVersion",
    "DossierVersionQuerySet",
    "EffectiveElement",
    "GoodExample",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "Reference",
    "ReferenceKind",
    "ReviewDigestMail",
    "ReviewStep",
    "Theme",
    "VersionComparison",
    "VersionPdf",
    "VersionPdfFailure",
    "VersionPdfQuerySet",
    "delete_files_on_commit",
    "web_link_only",
]
