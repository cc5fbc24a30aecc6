"""The "Redactie" group: editors, who are staff but not superusers.

Permissions are granted by data migrations, one per app, so that every app
states what its editors may do next to its own models. Each such migration
carries its own copy of the few lines that grant them (see
``core/migrations/0001_redactie_group.py``): a migration keeps the code it
runs rather than importing this module, which may change after it was
written (tests/site/test_migrations.py checks that none imports an app).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import EditorProfile

EDITORS_GROUP = "Redactie"
# The second readers: they approve a dossier's draft or send it back
# (dossiers/services.py). Members are staff; usually editors as well.
REVIEWERS_GROUP = "Beoordelaars"


def is_editor(user) -> bool:
    """Someone of the editorial team, logged in: previews drafts, posts
    reactions under their own name, approved at once. (Staff, active; the
    Redactie group or a superuser decides what they may change in the admin.)
    """
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.is_staff
    )


def display_name(user) -> str:
    """The name a member of staff chose for readers ("Christine Kuiper,
    Movisie"), or "" when they have not chosen one yet."""
    if user is None or not user.pk:
        return ""
    profile = EditorProfile.objects.filter(user=user).first()
    return profile.display_name if profile else ""


def set_display_name(*, user, name: str) -> str:
    """Store the display name a member of staff chose (one row per user;
    only that user writes it)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Fill in the name readers will see."))
    EditorProfile.objects.update_or_create(user=user, defaults={"display_name": name})
    return name


def editor_name(user) -> str:
    """How the admin names a member of staff: their display name, else their
    full name, else their username; a dash for nobody."""
    if user is None:
        return "\N{EN DASH}"
    return display_name(user) or user.get_full_name() or user.get_username()
