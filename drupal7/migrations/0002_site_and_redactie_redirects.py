"""The site's domain from SITE_URL, and the editors' rights on redirects.

django.contrib.sites creates "example.com"; sitemaps and feeds take their
domain from this row, so it must be the site's own. Editors ("Redactie")
manage the old addresses in the admin (admin: Redirects).
"""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.conf import settings
from django.db import migrations


# Frozen from core/editors.py as it was when this migration was written: a
# migration keeps the code it runs instead of importing the live app, which
# may change or go (Django docs, "Data migrations").
EDITORS_GROUP = "Redactie"


def _permissions(apps, app_label, codenames):
    # Permissions are normally created after *all* migrations ran
    # (post_migrate); on a fresh database they do not exist yet.
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


def _codenames(models):
    return [f"{action}_{model}" for model, actions in models.items() for action in actions]


def grant_editor_permissions(apps, app_label, models):
    """Give the Redactie group these permissions: ``{"model": ("view", ...)}``."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(*_permissions(apps, app_label, _codenames(models)))


def revoke_editor_permissions(apps, app_label, models):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, _codenames(models)))


REDIRECTS = {"redirect": ("view", "add", "change", "delete")}
IMPORTED = {"importeditem": ("view",)}


def forwards(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
    )
    grant_editor_permissions(apps, "redirects", REDIRECTS)
    grant_editor_permissions(apps, "drupal7", IMPORTED)


def backwards(apps, schema_editor):
    revoke_editor_permissions(apps, "redirects", REDIRECTS)
    revoke_editor_permissions(apps, "drupal7", IMPORTED)


class Migration(migrations.Migration):
    dependencies = [
        ("drupal7", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("core", "0001_redactie_group"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
