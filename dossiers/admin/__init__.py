"""Dossiers in the Django admin; importing this package registers them.

- ``dossier``: DossierAdmin, the list and the editing page (its custom pages
  are views in dossiers/admin_views.py, its form in dossiers/admin_forms.py)
- ``inlines``: the ordered parts and people, the versions table
- ``filters``: the review filters of the list
- ``themes``, ``review``: themes, review digest mails, failed PDFs
"""

from .dossier import DossierAdmin
from .review import ReviewDigestMailAdmin, VersionPdfFailureAdmin
from .themes import ThemeAdmin

__all__ = [
    "DossierAdmin",
    "ReviewDigestMailAdmin",
    "ThemeAdmin",
    "VersionPdfFailureAdmin",
]
