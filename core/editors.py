"""The "Redactie" group: editors, who are staff but not superusers.

Permissions are granted by data migrations, one per app, through
``grant_editor_permissions`` so that every app states what its editors may do
next to its own models. The comments app adds its moderation permissions
the same way, e.g. in ``comments/migrations/000X_redactie_permissions.py``::

    from core.editors import grant_editor_permissions, revoke_editor_permissions

    def grant(apps, schema_editor):
        grant_editor_permissions(apps, "comments", {"comment": ("view", "change")})

    def revoke(apps, schema_editor):
        revoke_editor_permissions(apps, "comments", {"comment": ("view", "change")})

    class Migration(migrations.Migration):
        dependencies = [
            ("comments", "0001_initial"),
            ("core", "0001_redactie_group"),
        ]
        operations = [migrations.RunPython(grant, revoke)]
"""

from collections.abc import Iterable, Mapping

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


def _permissions(apps, app_label: str, models: Mapping[str, Iterable[str]]):
    codenames = [
        f"{action}_{model}" for model, actions in models.items() for action in actions
    ]
    return _named_permissions(apps, app_label, codenames)


def _named_permissions(apps, app_label: str, codenames: Iterable[str]):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after *all* migrations ran (post_migrate);
    # on a fresh database they do not exist yet, so create them now.
    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    codenames = list(codenames)
    permissions = list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    return permissions


def grant_editor_permissions(apps, app_label: str, models: Mapping[str, Iterable[str]]):
    """Give the Redactie group these permissions: ``{"model": ("view", ...)}``."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(*_permissions(apps, app_label, models))


def revoke_editor_permissions(
    apps, app_label: str, models: Mapping[str, Iterable[str]]
):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, models))


def grant_group_permissions(
    apps, group_name: str, app_label: str, codenames: Iterable[str]
):
    """Create the group if need be and give it these permissions by codename
    (custom ones included, e.g. ``review_dossier``)."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*_named_permissions(apps, app_label, codenames))


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
